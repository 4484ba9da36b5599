// Connected components on runs: checked voxel by voxel against a plain breadth-first flood
// fill (face and full connectivity) and against vtkImageConnectivityFilter (the peer, face
// connectivity) on random masks; size ranks, island filters and cancellation.

#include "TestMain.h"
#include "VtkConnectivityPeer.h"
#include "twin/imaging/ConnectedComponents.h"

#include <QTest>

#include <deque>
#include <random>

using namespace twin;
using imaging::ConnectedComponents;
using imaging::Connectivity;

namespace {

std::vector<std::uint8_t> randomMask(const std::array<int, 3> &dims, double density, unsigned seed) {
    std::mt19937 random(seed);
    std::bernoulli_distribution on(density);
    std::vector<std::uint8_t> mask(static_cast<std::size_t>(dims[0]) * dims[1] * dims[2]);
    for (auto &v : mask) v = on(random) ? 1 : 0;
    return mask;
}

// Reference: breadth-first flood fill from every unlabelled foreground voxel.
std::vector<std::int32_t> floodFillLabels(const std::vector<std::uint8_t> &mask, const std::array<int, 3> &d, bool full) {
    std::vector<std::int32_t> labels(mask.size(), 0);
    std::int32_t next = 0;
    for (std::size_t start = 0; start < mask.size(); ++start) {
        if (!mask[start] || labels[start]) continue;
        labels[start] = ++next;
        std::deque<std::size_t> queue{start};
        while (!queue.empty()) {
            const std::size_t v = queue.front();
            queue.pop_front();
            const int i = int(v % d[0]), j = int(v / d[0] % d[1]), k = int(v / (std::size_t(d[0]) * d[1]));
            for (int dk = -1; dk <= 1; ++dk)
                for (int dj = -1; dj <= 1; ++dj)
                    for (int di = -1; di <= 1; ++di) {
                        const int steps = std::abs(di) + std::abs(dj) + std::abs(dk);
                        if (steps == 0 || (!full && steps > 1)) continue;
                        const int x = i + di, y = j + dj, z = k + dk;
                        if (x < 0 || y < 0 || z < 0 || x >= d[0] || y >= d[1] || z >= d[2]) continue;
                        const std::size_t w = (std::size_t(z) * d[1] + y) * d[0] + x;
                        if (mask[w] && !labels[w]) {
                            labels[w] = next;
                            queue.push_back(w);
                        }
                    }
        }
    }
    return labels;
}

}  // namespace

class TestConnectedComponents : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void matchesFloodFill_data() {
        QTest::addColumn<double>("density");
        QTest::addColumn<bool>("full");
        for (double density : {0.2, 0.35, 0.5, 0.7}) {
            QTest::addRow("face %.2f", density) << density << false;
            QTest::addRow("full %.2f", density) << density << true;
        }
    }
    void matchesFloodFill() {
        QFETCH(double, density);
        QFETCH(bool, full);
        const std::array<int, 3> dims{23, 17, 11};
        for (unsigned seed = 1; seed <= 5; ++seed) {
            const auto mask = randomMask(dims, density, seed);
            auto ours = ConnectedComponents::label(mask.data(), dims, full ? Connectivity::Full26 : Connectivity::Face6);
            QVERIFY(ours.ok());
            const auto reference = floodFillLabels(mask, dims, full);
            QVERIFY(test::samePartition(ours.value().labelVolume(), reference));
            QCOMPARE(ours.value().componentCount(), *std::max_element(reference.begin(), reference.end()));
        }
    }

    void matchesVtkImageConnectivityFilter() {
        const std::array<int, 3> dims{40, 31, 19};
        for (unsigned seed = 11; seed <= 14; ++seed) {
            const auto mask = randomMask(dims, 0.3 + 0.05 * (seed % 3), seed);
            auto ours = ConnectedComponents::label(mask.data(), dims);
            QVERIFY(ours.ok());
            const test::VtkComponents peer = test::vtkConnectedComponents(test::vtkMaskImage(mask.data(), dims));
            QCOMPARE(ours.value().componentCount(), peer.regionCount);
            QVERIFY(test::samePartition(ours.value().labelVolume(), peer.labels));
        }
    }

    void ranksBySizeAndFiltersIslands() {
        // Three blocks of 8, 27 and 1 voxels, apart; two voxels that touch only at a corner.
        const std::array<int, 3> dims{12, 12, 12};
        std::vector<std::uint8_t> mask(12 * 12 * 12, 0);
        auto set = [&](int i, int j, int k) { mask[(std::size_t(k) * 12 + j) * 12 + i] = 1; };
        for (int k = 0; k < 2; ++k)
            for (int j = 0; j < 2; ++j)
                for (int i = 0; i < 2; ++i) set(i, j, k);
        for (int k = 5; k < 8; ++k)
            for (int j = 5; j < 8; ++j)
                for (int i = 5; i < 8; ++i) set(i, j, k);
        set(11, 0, 0);
        set(10, 10, 10);
        set(11, 11, 11);
        auto face = ConnectedComponents::label(mask.data(), dims, Connectivity::Face6);
        QVERIFY(face.ok());
        QCOMPARE(face.value().componentCount(), 5);
        QCOMPARE(face.value().sizes(), (std::vector<std::int64_t>{27, 8, 1, 1, 1}));
        auto full = ConnectedComponents::label(mask.data(), dims, Connectivity::Full26);
        QCOMPARE(full.value().sizes(), (std::vector<std::int64_t>{27, 8, 2, 1}));  // the corner pair joins

        const auto largest = face.value().keepLargest();
        QCOMPARE(std::count(largest.begin(), largest.end(), 1), std::ptrdiff_t(27));
        QCOMPARE(int(largest[(6 * 12 + 6) * 12 + 6]), 1);
        QCOMPARE(int(largest[0]), 0);
        const auto noSpecks = face.value().keepAtLeast(2);
        QCOMPARE(std::count(noSpecks.begin(), noSpecks.end(), 1), std::ptrdiff_t(35));
        QCOMPARE(int(noSpecks[11]), 0);  // the single voxel at (11, 0, 0) is gone
        const auto labels = face.value().labelVolume();
        QCOMPARE(labels[(6 * 12 + 6) * 12 + 6], 1);
        QCOMPARE(labels[0], 2);
        QCOMPARE(labels[11], 3);  // among equal sizes, the one met first in memory order
    }

    void emptyMaskAndCancellation() {
        const std::array<int, 3> dims{8, 8, 40};
        std::vector<std::uint8_t> empty(8 * 8 * 40, 0);
        auto none = ConnectedComponents::label(empty.data(), dims);
        QVERIFY(none.ok());
        QCOMPARE(none.value().componentCount(), 0);
        QVERIFY(none.value().keepLargest().size() == empty.size());
        core::JobContext context;
        context.requestCancel();
        auto cancelled = ConnectedComponents::label(empty.data(), dims, Connectivity::Face6, &context);
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().code(), core::Error::Code::Cancelled);
    }
};

DIDYMOS_TEST_MAIN(TestConnectedComponents)
#include "TestConnectedComponents.moc"
