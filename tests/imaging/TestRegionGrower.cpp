// RegionGrower against itk::ConnectedThresholdImageFilter (the same seeds and window, face
// connectivity): the same voxel set, voxel by voxel, on noise volumes whose in-window voxels
// form intricate percolating clusters, with one and several seeds; seeds outside the grid or
// the window are ignored; cancellation stops it.

#include "TestMain.h"

#include "twin/core/JobContext.h"
#include "twin/imaging/RegionGrower.h"

#include "ItkConnectedThreshold.h"

#include <random>

using namespace twin;
using twin::imaging::RegionGrower;

class TestRegionGrower : public QObject {
    Q_OBJECT
private slots:
    void sameVoxelsAsItk_data();
    void sameVoxelsAsItk();
    void unusableSeedsAreIgnored();
    void cancellationStops();
};

namespace {

using Seeds = std::vector<std::array<int, 3>>;

core::ScalarVolume noise(int nx, int ny, int nz, unsigned seed) {
    core::VolumeGeometry g;
    g.dimensions = {nx, ny, nz};
    core::ScalarVolume volume(g);
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> value(-100, 100);
    for (auto &v : volume.voxels()) v = std::int16_t(value(random));
    return volume;
}

std::vector<std::uint8_t> itkRegion(const core::ScalarVolume &volume, const Seeds &seeds, short lower, short upper) {
    const auto output = test::itkConnectedThreshold(test::itkImageOf(volume), seeds, lower, upper);
    const short *out = output->GetBufferPointer();
    return std::vector<std::uint8_t>(out, out + volume.voxels().size());
}

}  // namespace

void TestRegionGrower::sameVoxelsAsItk_data() {
    QTest::addColumn<unsigned>("seed");
    QTest::addColumn<int>("lower");
    QTest::addColumn<int>("upper");
    QTest::addColumn<int>("seedCount");
    QTest::addColumn<int>("atLeast");  // voxels the region must reach (it grew, not just the seeds)
    // A 60 % window percolates in 3D: one giant cluster with holes and tunnels.
    QTest::newRow("percolating, one seed") << 1u << -60 << 60 << 1 << 20000;
    QTest::newRow("percolating, five seeds") << 2u << -60 << 60 << 5 << 20000;
    // A 30 % window does not percolate: many small clusters, several seeds.
    QTest::newRow("finite clusters, twenty seeds") << 3u << -30 << 30 << 20 << 21;
    QTest::newRow("single-value window") << 4u << 7 << 7 << 50 << 1;
}

void TestRegionGrower::sameVoxelsAsItk() {
    QFETCH(unsigned, seed);
    QFETCH(int, lower);
    QFETCH(int, upper);
    QFETCH(int, seedCount);
    QFETCH(int, atLeast);
    const core::ScalarVolume volume = noise(47, 39, 31, seed);
    std::mt19937 random(seed + 100);
    Seeds seeds;
    while (int(seeds.size()) < seedCount) {
        const std::array<int, 3> s{int(random() % 47), int(random() % 39), int(random() % 31)};
        const int v = volume.at(s[0], s[1], s[2]);
        if (v >= lower && v <= upper) seeds.push_back(s);
    }
    const auto ours = RegionGrower::grow(volume, seeds, std::int16_t(lower), std::int16_t(upper));
    QVERIFY(ours.ok());
    const std::vector<std::uint8_t> theirs = itkRegion(volume, seeds, short(lower), short(upper));
    std::int64_t itkCount = 0;
    for (auto v : theirs) itkCount += v;
    QCOMPARE(ours.value().voxelCount, itkCount);
    QVERIFY2(itkCount >= atLeast, qPrintable(QString::number(itkCount)));
    QVERIFY(std::equal(ours.value().mask.begin(), ours.value().mask.end(), theirs.begin(), theirs.end()));
    QCOMPARE(ours.value().seedsUsed, seedCount);
}

void TestRegionGrower::unusableSeedsAreIgnored() {
    const core::ScalarVolume volume = noise(10, 10, 10, 9);
    const auto result = RegionGrower::grow(volume, {{-1, 0, 0}, {10, 2, 2}, {0, 0, 99}}, -200, 200);
    QVERIFY(result.ok());
    QCOMPARE(result.value().seedsUsed, 0);
    QCOMPARE(result.value().voxelCount, std::int64_t(0));
    // A seed whose own value is outside the window grows nothing.
    const int v = volume.at(3, 3, 3);
    const auto outside = RegionGrower::grow(volume, {{3, 3, 3}}, std::int16_t(v + 1), std::int16_t(v + 50));
    QCOMPARE(outside.value().voxelCount, std::int64_t(0));
}

void TestRegionGrower::cancellationStops() {
    core::VolumeGeometry g;
    g.dimensions = {256, 256, 256};
    const core::ScalarVolume volume(g, 0);  // everything in the window: 16.7 M voxels to fill
    core::JobContext context;
    context.requestCancel();
    const auto result = RegionGrower::grow(volume, {{0, 0, 0}}, -1, 1, &context);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), core::Error::Code::Cancelled);
}

DIDYMOS_TEST_MAIN(TestRegionGrower)
#include "TestRegionGrower.moc"
