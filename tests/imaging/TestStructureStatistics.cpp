// StructureStatistics on synthetic spheres: volume within 2 % of 4/3 pi r^3, centroid at the
// centre, longest axial diameter within one voxel of 2r, CT numbers of a known pattern, bounds,
// and the surface area of the extracted mesh within 5 % of 4 pi r^2.

#include "TestMain.h"

#include "twin/imaging/LabelSurfaceExtractor.h"
#include "twin/imaging/ScalarVolumeToVtk.h"
#include "twin/imaging/StructureStatistics.h"

#include <vtkImageData.h>
#include <vtkPolyData.h>

#include <cmath>
#include <numbers>

using namespace twin;
using twin::imaging::StructureStatistics;

class TestStructureStatistics : public QObject {
    Q_OBJECT
private slots:
    void sphereMeasuresAsASphere();
    void ctNumbersOfAKnownPattern();
    void emptyStructureIsAnError();
};

namespace {

constexpr int kN = 64;
constexpr double kSpacing = 1.5, kRadius = 30.0;
const std::array<double, 3> kOrigin{-40.0, 10.0, 100.0};

core::VolumeGeometry grid() {
    core::VolumeGeometry g;
    g.dimensions = {kN, kN, kN};
    g.spacingMm = {kSpacing, kSpacing, kSpacing};
    g.originMm = kOrigin;
    return g;
}

std::array<double, 3> centre() {
    const double c = (kN - 1) / 2.0 * kSpacing;
    return {kOrigin[0] + c, kOrigin[1] + c, kOrigin[2] + c};
}

core::LabelMap sphere(int label) {
    core::LabelMap mask{core::ScalarVolume(grid()), {}};
    const auto c = centre();
    for (int k = 0; k < kN; ++k)
        for (int j = 0; j < kN; ++j)
            for (int i = 0; i < kN; ++i) {
                const auto p = grid().indexToPatient(i, j, k);
                if (std::hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]) <= kRadius) mask.volume.at(i, j, k) = std::int16_t(label);
            }
    return mask;
}

}  // namespace

void TestStructureStatistics::sphereMeasuresAsASphere() {
    const core::LabelMap mask = sphere(3);
    const core::ScalarVolume image(grid(), 40);
    auto surfaces = imaging::LabelSurfaceExtractor::extract(imaging::toVtkImage(mask.volume), {3});
    QVERIFY2(surfaces.ok() && surfaces.value().size() == 1, "no surface");
    const auto stats = StructureStatistics::compute(mask, 3, image, surfaces.value().front().mesh);
    QVERIFY(stats.ok());
    const StructureStatistics &s = stats.value();
    const double volumeMl = 4.0 / 3.0 * std::numbers::pi * std::pow(kRadius, 3) / 1000.0;
    QVERIFY2(std::abs(s.volumeMl - volumeMl) / volumeMl < 0.02, qPrintable(QStringLiteral("%1 vs %2 mL").arg(s.volumeMl).arg(volumeMl)));
    for (int a = 0; a < 3; ++a) QVERIFY(std::abs(s.centroidMm[a] - centre()[a]) < 1e-6);
    QVERIFY2(std::abs(s.longestAxialDiameterMm - 2 * kRadius) <= kSpacing, qPrintable(QString::number(s.longestAxialDiameterMm)));
    for (int a = 0; a < 3; ++a) {
        QVERIFY(std::abs(s.boundsMinMm[a] - (centre()[a] - kRadius)) <= kSpacing);
        QVERIFY(std::abs(s.boundsMaxMm[a] - (centre()[a] + kRadius)) <= kSpacing);
    }
    const double areaCm2 = 4.0 * std::numbers::pi * kRadius * kRadius / 100.0;
    QVERIFY2(std::abs(s.surfaceAreaCm2 - areaCm2) / areaCm2 < 0.05, qPrintable(QStringLiteral("%1 vs %2 cm2").arg(s.surfaceAreaCm2).arg(areaCm2)));
    QCOMPARE(s.huMean, 40.0);
    QCOMPARE(s.huStd, 0.0);
}

void TestStructureStatistics::ctNumbersOfAKnownPattern() {
    // A 10 x 10 x 10 cube whose voxels alternate -100 / +100 HU: mean 0, SD 100.
    core::LabelMap mask{core::ScalarVolume(grid()), {}};
    core::ScalarVolume image(grid());
    for (int k = 10; k < 20; ++k)
        for (int j = 10; j < 20; ++j)
            for (int i = 10; i < 20; ++i) {
                mask.volume.at(i, j, k) = 1;
                image.at(i, j, k) = (i + j + k) % 2 ? 100 : -100;
            }
    const auto stats = StructureStatistics::compute(mask, 1, image);
    QVERIFY(stats.ok());
    QCOMPARE(stats.value().voxelCount, std::int64_t(1000));
    QCOMPARE(stats.value().huMean, 0.0);
    QCOMPARE(stats.value().huStd, 100.0);
    QCOMPARE(stats.value().huP5, -100.0);
    QCOMPARE(stats.value().huP95, 100.0);
    QCOMPARE(stats.value().surfaceAreaCm2, 0.0);  // no mesh given
    // Longest in-slice distance: the 10 x 10 square's diagonal between voxel centres, plus one pixel.
    QVERIFY(std::abs(stats.value().longestAxialDiameterMm - (9 * std::sqrt(2.0) * kSpacing + kSpacing)) < 1e-9);
}

void TestStructureStatistics::emptyStructureIsAnError() {
    const auto stats = StructureStatistics::compute(sphere(1), 2, core::ScalarVolume(grid()));
    QVERIFY(!stats.ok());
    QVERIFY(stats.error().message().contains(QStringLiteral("label 2")));
}

DIDYMOS_TEST_MAIN(TestStructureStatistics)
#include "TestStructureStatistics.moc"
