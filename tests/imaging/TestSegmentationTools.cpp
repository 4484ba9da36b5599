// Segment-editor tools, voxel by voxel on small synthetic volumes: threshold, brush shapes
// (including anisotropic voxels), margins against a brute-force distance computation,
// islands, fill between slices, logical operations.

#include "TestMain.h"
#include "twin/imaging/DistanceTransform.h"
#include "twin/imaging/SegmentationTools.h"

#include <random>

using namespace twin;
using imaging::PaintMode;
using imaging::SegmentationTools;

namespace {

core::VolumeGeometry grid(std::array<int, 3> dims, std::array<double, 3> spacing = {1.0, 1.0, 1.0}) {
    core::VolumeGeometry g;
    g.dimensions = dims;
    g.spacingMm = spacing;
    return g;
}

std::size_t offsetOf(const core::VolumeGeometry &g, int i, int j, int k) {
    return (static_cast<std::size_t>(k) * g.dimensions[1] + j) * g.dimensions[0] + i;
}

std::ptrdiff_t count(const imaging::VolumeMask &mask) { return std::count(mask.begin(), mask.end(), 1); }

}  // namespace

class TestSegmentationTools : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void thresholdUsesRealValues() {
        core::ScalarVolume image(grid({5, 1, 1}));
        image.voxels() = {-1000, -400, 0, 40, 2000};
        QCOMPARE(count(SegmentationTools::thresholdMask(image, -400, 40)), std::ptrdiff_t(3));
        image.setValueMapping(0.5, 10.0);  // real = stored / 2 + 10
        const auto mask = SegmentationTools::thresholdMask(image, 0, 40);  // reals -490, -190, 10, 30, 1010
        QCOMPARE(std::vector<int>(mask.begin(), mask.end()), (std::vector<int>{0, 0, 1, 1, 0}));
        const auto edit = SegmentationTools::threshold(image, 0, 40, 3);
        QCOMPARE(edit.value, 3);
        QCOMPARE(edit.mode, PaintMode::Overwrite);
    }

    void brushShapes() {
        const core::VolumeGeometry g = grid({11, 11, 11});
        const auto disc = SegmentationTools::brush(g, {5, 5, 5}, 2.0, imaging::BrushShape::Disc, 1);
        QCOMPARE(count(disc.mask), std::ptrdiff_t(13));  // i² + j² <= 4 in one slice
        QCOMPARE(int(disc.mask[offsetOf(g, 7, 5, 5)]), 1);
        QCOMPARE(int(disc.mask[offsetOf(g, 7, 6, 5)]), 0);
        QCOMPARE(int(disc.mask[offsetOf(g, 5, 5, 6)]), 0);
        const auto sagittal = SegmentationTools::brush(g, {5, 5, 5}, 2.0, imaging::BrushShape::Disc, 1, false, 0);
        QCOMPARE(count(sagittal.mask), std::ptrdiff_t(13));  // in the plane i = 5
        QCOMPARE(int(sagittal.mask[offsetOf(g, 5, 5, 7)]), 1);
        QCOMPARE(int(sagittal.mask[offsetOf(g, 6, 5, 5)]), 0);
        const auto sphere = SegmentationTools::brush(g, {5, 5, 5}, 1.0, imaging::BrushShape::Sphere, 1, true);
        QCOMPARE(count(sphere.mask), std::ptrdiff_t(7));
        QCOMPARE(sphere.mode, PaintMode::Erase);
        // 0.5 mm columns: a 1 mm disc reaches two voxels along i and one along j.
        const core::VolumeGeometry fine = grid({11, 11, 3}, {0.5, 1.0, 1.0});
        const auto ellipse = SegmentationTools::brush(fine, {5, 5, 1}, 1.0, imaging::BrushShape::Disc, 1);
        QCOMPARE(int(ellipse.mask[offsetOf(fine, 7, 5, 1)]), 1);
        QCOMPARE(int(ellipse.mask[offsetOf(fine, 8, 5, 1)]), 0);
        QCOMPARE(int(ellipse.mask[offsetOf(fine, 5, 6, 1)]), 1);
        QCOMPARE(count(ellipse.mask), std::ptrdiff_t(7));  // five along i, (0, ±1); (±1, ±1) is 1.25 mm² > 1
        // At the edge of the grid: clipped, no crash.
        QCOMPARE(count(SegmentationTools::brush(g, {0, 0, 0}, 1.0, imaging::BrushShape::Sphere, 1).mask), std::ptrdiff_t(4));
    }

    void distanceTransformIsExact() {
        const std::array<int, 3> dims{13, 9, 7};
        const std::array<double, 3> spacing{0.8, 1.1, 2.5};
        std::mt19937 random(7);
        std::bernoulli_distribution site(0.03);
        std::vector<std::array<int, 3>> sites;
        std::vector<bool> isSite(13 * 9 * 7);
        for (std::size_t v = 0; v < isSite.size(); ++v)
            if ((isSite[v] = site(random))) sites.push_back({int(v % 13), int(v / 13 % 9), int(v / 117)});
        QVERIFY(!sites.empty());
        const auto d2 = imaging::DistanceTransform::squaredToInside(dims, spacing, [&](std::size_t v) { return bool(isSite[v]); });
        for (std::size_t v = 0; v < d2.size(); ++v) {
            const int i = int(v % 13), j = int(v / 13 % 9), k = int(v / 117);
            double best = 1e300;
            for (const auto &s : sites) {
                const double dx = (i - s[0]) * spacing[0], dy = (j - s[1]) * spacing[1], dz = (k - s[2]) * spacing[2];
                best = std::min(best, dx * dx + dy * dy + dz * dz);
            }
            QVERIFY2(std::abs(d2[v] - best) < 1e-3 * (1 + best), qPrintable(QStringLiteral("voxel %1: %2 vs %3").arg(v).arg(d2[v]).arg(best)));
        }
    }

    void marginGrowsAndShrinks() {
        const core::VolumeGeometry g = grid({15, 15, 15});
        core::ScalarVolume labels(g);
        labels.at(7, 7, 7) = 2;
        labels.at(8, 7, 7) = 5;  // another segment next to it: grow paints background only
        auto grown = SegmentationTools::margin(labels, 2, 1.0);
        QVERIFY(grown.ok());
        QCOMPARE(grown.value().mode, PaintMode::BackgroundOnly);
        QCOMPARE(count(grown.value().mask), std::ptrdiff_t(6));  // the six face neighbours (one is segment 5: mode skips it)
        auto grownMore = SegmentationTools::margin(labels, 2, std::sqrt(2.0) + 1e-9);
        QCOMPARE(count(grownMore.value().mask), std::ptrdiff_t(18));
        // A 5×5×5 cube shrunk by 1 mm keeps its 3×3×3 core.
        core::ScalarVolume cube(g);
        for (int k = 5; k < 10; ++k)
            for (int j = 5; j < 10; ++j)
                for (int i = 5; i < 10; ++i) cube.at(i, j, k) = 1;
        auto shrunk = SegmentationTools::margin(cube, 1, -1.0);
        QVERIFY(shrunk.ok());
        QCOMPARE(shrunk.value().mode, PaintMode::Erase);
        QCOMPARE(count(shrunk.value().mask), std::ptrdiff_t(125 - 27));
        QCOMPARE(int(shrunk.value().mask[offsetOf(g, 7, 7, 7)]), 0);
        QCOMPARE(int(shrunk.value().mask[offsetOf(g, 5, 7, 7)]), 1);
    }

    void islandsKeepLargestAndRemoveSmall() {
        const core::VolumeGeometry g = grid({10, 10, 3});
        core::ScalarVolume labels(g);
        for (int i = 0; i < 4; ++i) labels.at(i, 0, 0) = 1;  // 4 voxels
        labels.at(8, 8, 0) = 1;                               // 1 voxel
        labels.at(8, 8, 2) = 1;                               // 1 voxel
        labels.at(5, 5, 1) = 3;                               // another segment: untouched
        auto largest = SegmentationTools::islands(labels, 1, imaging::IslandRule::KeepLargest);
        QVERIFY(largest.ok());
        QCOMPARE(largest.value().mode, PaintMode::Erase);
        QCOMPARE(count(largest.value().mask), std::ptrdiff_t(2));
        QCOMPARE(int(largest.value().mask[offsetOf(g, 8, 8, 2)]), 1);
        auto small = SegmentationTools::islands(labels, 1, imaging::IslandRule::RemoveSmallerThan, 2);
        QCOMPARE(count(small.value().mask), std::ptrdiff_t(2));
        auto none = SegmentationTools::islands(labels, 1, imaging::IslandRule::RemoveSmallerThan, 1);
        QCOMPARE(count(none.value().mask), std::ptrdiff_t(0));
    }

    void fillBetweenSlicesCopiesAndMorphs() {
        const core::VolumeGeometry g = grid({20, 20, 9});
        core::ScalarVolume labels(g);
        // The same square in slices 1 and 5: slices 2-4 get exactly that square.
        for (int k : {1, 5})
            for (int j = 3; j < 7; ++j)
                for (int i = 3; i < 7; ++i) labels.at(i, j, k) = 4;
        auto filled = SegmentationTools::fillBetweenSlices(labels, 4);
        QVERIFY(filled.ok());
        QCOMPARE(filled.value().mode, PaintMode::BackgroundOnly);
        QCOMPARE(count(filled.value().mask), std::ptrdiff_t(3 * 16));
        for (int k = 2; k <= 4; ++k) QCOMPARE(int(filled.value().mask[offsetOf(g, 3, 3, k)]), 1);
        QCOMPARE(int(filled.value().mask[offsetOf(g, 7, 3, 3)]), 0);
        QCOMPARE(int(filled.value().mask[offsetOf(g, 4, 4, 6)]), 0);  // nothing beyond the last slice
        // A 3×3 square in slice 0 and a 9×9 one (same centre) in slice 8: slice 4 gets ~6×6-ish.
        core::ScalarVolume growing(g);
        for (int j = 9; j < 12; ++j)
            for (int i = 9; i < 12; ++i) growing.at(i, j, 0) = 1;
        for (int j = 6; j < 15; ++j)
            for (int i = 6; i < 15; ++i) growing.at(i, j, 8) = 1;
        auto morphed = SegmentationTools::fillBetweenSlices(growing, 1);
        std::ptrdiff_t middle = 0;
        for (int j = 0; j < 20; ++j)
            for (int i = 0; i < 20; ++i) middle += morphed.value().mask[offsetOf(g, i, j, 4)];
        QVERIFY2(middle >= 25 && middle <= 49, qPrintable(QString::number(middle)));
        QCOMPARE(int(morphed.value().mask[offsetOf(g, 10, 10, 4)]), 1);
        // One segmented slice: nothing to fill.
        core::ScalarVolume single(g);
        single.at(2, 2, 2) = 1;
        QCOMPARE(count(SegmentationTools::fillBetweenSlices(single, 1).value().mask), std::ptrdiff_t(0));
    }

    void logicalOperations() {
        const core::VolumeGeometry g = grid({6, 1, 1});
        core::ScalarVolume labels(g);
        labels.voxels() = {1, 1, 1, 0, 0, 2};
        imaging::VolumeMask operand(6);
        operand[2] = operand[3] = 1;
        const auto add = SegmentationTools::logical(labels, 1, operand, imaging::LogicalOperation::Union);
        QCOMPARE(add.mode, PaintMode::Overwrite);
        QCOMPARE(std::vector<int>(add.mask.begin(), add.mask.end()), (std::vector<int>{0, 0, 1, 1, 0, 0}));
        const auto intersect = SegmentationTools::logical(labels, 1, operand, imaging::LogicalOperation::Intersect);
        QCOMPARE(intersect.mode, PaintMode::Erase);
        QCOMPARE(std::vector<int>(intersect.mask.begin(), intersect.mask.end()), (std::vector<int>{1, 1, 0, 0, 1, 1}));
        const auto subtract = SegmentationTools::logical(labels, 1, operand, imaging::LogicalOperation::Subtract);
        QCOMPARE(subtract.mode, PaintMode::Erase);
        QCOMPARE(std::vector<int>(subtract.mask.begin(), subtract.mask.end()), (std::vector<int>{0, 0, 1, 1, 0, 0}));
    }

    void cancelledToolsSayCancelled() {
        core::ScalarVolume labels(grid({8, 8, 40}));
        labels.at(3, 3, 3) = 1;
        labels.at(3, 3, 30) = 1;
        core::JobContext context;
        context.requestCancel();
        QCOMPARE(SegmentationTools::islands(labels, 1, imaging::IslandRule::KeepLargest, 0, &context).error().code(), core::Error::Code::Cancelled);
        QCOMPARE(SegmentationTools::margin(labels, 1, 2.0, &context).error().code(), core::Error::Code::Cancelled);
        QCOMPARE(SegmentationTools::fillBetweenSlices(labels, 1, &context).error().code(), core::Error::Code::Cancelled);
    }
};

DIDYMOS_TEST_MAIN(TestSegmentationTools)
#include "TestSegmentationTools.moc"
