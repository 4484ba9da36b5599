// DoseVolumeHistogram: a uniform dose gives a step at that dose; a dose ramp along x gives
// metrics computed here independently from the voxel doses; grid mismatch and empty
// structures are errors; the CSV has one row per bin.

#include "TestMain.h"

#include "twin/imaging/DoseVolumeHistogram.h"

#include <algorithm>
#include <cmath>
#include <vector>

using namespace twin;
using twin::imaging::DoseVolumeHistogram;
using twin::imaging::DvhCurvePoint;

class TestDoseVolumeHistogram : public QObject {
    Q_OBJECT
private slots:
    void uniformDoseIsAStep();
    void rampMetricsMatchAnIndependentComputation();
    void gEudSpansMeanToMax();
    void mismatchedGridsAndEmptyStructuresAreErrors();
    void csvHasOneRowPerBin();
};

namespace {

core::VolumeGeometry grid(int n, double spacing = 2.0) {
    core::VolumeGeometry g;
    g.dimensions = {n, n, n};
    g.spacingMm = {spacing, spacing, spacing};
    return g;
}

/// A box of label 1 from index 2 to n-3 on every axis.
core::LabelMap boxMask(int n) {
    core::LabelMap mask{core::ScalarVolume(grid(n)), {}};
    for (int k = 2; k < n - 2; ++k)
        for (int j = 2; j < n - 2; ++j)
            for (int i = 2; i < n - 2; ++i) mask.volume.at(i, j, k) = 1;
    return mask;
}

}  // namespace

void TestDoseVolumeHistogram::uniformDoseIsAStep() {
    const core::LabelMap mask = boxMask(12);
    const core::FloatVolume dose(grid(12), 2.0f);
    const auto dvh = DoseVolumeHistogram::compute(mask, 1, dose);
    QVERIFY(dvh.ok());
    QCOMPARE(dvh.value().voxelCount(), std::size_t(8 * 8 * 8));
    QCOMPARE(dvh.value().volumeCc(), 8 * 8 * 8 * 8.0 / 1000.0);
    QCOMPARE(dvh.value().volumePercentAtDose(1.99), 100.0);
    QCOMPARE(dvh.value().volumePercentAtDose(2.0), 100.0);
    QCOMPARE(dvh.value().volumePercentAtDose(2.01), 0.0);
    for (double x : {2.0, 50.0, 95.0, 98.0}) QCOMPARE(dvh.value().doseAtVolumePercent(x), 2.0);
    const auto curve = dvh.value().cumulative(0.5);
    for (const DvhCurvePoint &p : curve) QCOMPARE(p.volumePercent, p.doseGy <= 2.0 ? 100.0 : 0.0);
    const auto diff = dvh.value().differential(0.5);
    double total = 0;
    for (const DvhCurvePoint &p : diff) {
        total += p.volumePercent;
        if (p.volumePercent > 0) QCOMPARE(p.doseGy, 2.0);  // all volume in the bin [2, 2.5)
    }
    QCOMPARE(total, 100.0);
}

void TestDoseVolumeHistogram::rampMetricsMatchAnIndependentComputation() {
    const int n = 20;
    const core::LabelMap mask = boxMask(n);
    core::FloatVolume dose(grid(n));
    for (int k = 0; k < n; ++k)
        for (int j = 0; j < n; ++j)
            for (int i = 0; i < n; ++i) dose.at(i, j, k) = float(0.5 * i + 0.01 * j);
    std::vector<double> inside;
    for (int k = 2; k < n - 2; ++k)
        for (int j = 2; j < n - 2; ++j)
            for (int i = 2; i < n - 2; ++i) inside.push_back(dose.at(i, j, k));
    std::sort(inside.begin(), inside.end(), std::greater<>());  // hottest first
    const auto dvh = DoseVolumeHistogram::compute(mask, 1, dose);
    QVERIFY(dvh.ok());
    double mean = 0;
    for (double d : inside) mean += d;
    mean /= double(inside.size());
    QVERIFY(std::abs(dvh.value().meanGy() - mean) < 1e-5);
    QCOMPARE(dvh.value().maxGy(), double(float(inside.front())));
    QCOMPARE(dvh.value().minGy(), double(float(inside.back())));
    for (double x : {2.0, 50.0, 95.0, 98.0}) {
        // The hottest x %: the ceil(x n / 100) largest doses; D_x is the smallest of them.
        const std::size_t count = std::size_t(std::ceil(x / 100.0 * double(inside.size())));
        QCOMPARE(dvh.value().doseAtVolumePercent(x), double(float(inside[count - 1])));
    }
    for (double v : {2.0, 5.0, 7.3}) {
        const double expected = 100.0 * double(std::count_if(inside.begin(), inside.end(), [v](double d) { return float(d) >= float(v); })) /
                                double(inside.size());
        QCOMPARE(dvh.value().volumePercentAtDose(v), expected);
    }
}

void TestDoseVolumeHistogram::gEudSpansMeanToMax() {
    const int n = 12;
    const core::LabelMap mask = boxMask(n);
    core::FloatVolume dose(grid(n));
    for (int k = 0; k < n; ++k)
        for (int j = 0; j < n; ++j)
            for (int i = 0; i < n; ++i) dose.at(i, j, k) = float(i + 1);
    const auto dvh = DoseVolumeHistogram::compute(mask, 1, dose);
    QVERIFY(dvh.ok());
    QVERIFY(std::abs(dvh.value().gEudGy(1.0) - dvh.value().meanGy()) < 1e-9);
    QVERIFY(dvh.value().gEudGy(8.0) > dvh.value().meanGy());  // serial organ: towards the maximum
    // Doses 3..10 Gy, an eighth of the volume each: for large a only the 10 Gy eighth counts,
    // gEUD -> 10 * (1/8)^(1/a).
    QCOMPARE(dvh.value().maxGy(), 10.0);
    QVERIFY(std::abs(dvh.value().gEudGy(200.0) - 10.0 * std::pow(1.0 / 8.0, 1.0 / 200.0)) < 1e-3);
    QVERIFY(dvh.value().gEudGy(-10.0) < dvh.value().meanGy());  // tumour: towards the minimum
}

void TestDoseVolumeHistogram::mismatchedGridsAndEmptyStructuresAreErrors() {
    const core::LabelMap mask = boxMask(10);
    const auto mismatched = DoseVolumeHistogram::compute(mask, 1, core::FloatVolume(grid(11), 1.0f));
    QVERIFY(!mismatched.ok());
    QVERIFY(mismatched.error().message().contains(QStringLiteral("resample")));
    const auto empty = DoseVolumeHistogram::compute(mask, 7, core::FloatVolume(grid(10), 1.0f));
    QVERIFY(!empty.ok());
    QVERIFY(empty.error().message().contains(QStringLiteral("label 7")));
}

void TestDoseVolumeHistogram::csvHasOneRowPerBin() {
    const auto dvh = DoseVolumeHistogram::compute(boxMask(10), 1, core::FloatVolume(grid(10), 1.0f));
    QVERIFY(dvh.ok());
    const QStringList rows = dvh.value().toCsv(0.25).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(rows.first(), QStringLiteral("dose_gy,cumulative_volume_pct,differential_volume_pct"));
    QCOMPARE(rows.size() - 1, int(dvh.value().cumulative(0.25).size()));
    QCOMPARE(rows.at(1), QStringLiteral("0.000,100.0000,0.0000"));
}

DIDYMOS_TEST_MAIN(TestDoseVolumeHistogram)
#include "TestDoseVolumeHistogram.moc"
