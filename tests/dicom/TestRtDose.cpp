// RTDOSE -> dose grid in Gy (twin::dicom::RtDoseReader): the demo patient (maximum and target
// dose against the generator's known values, resampling onto the CT), the RayStation proton
// plan (total >= field 1 everywhere), the tiny pydicom variants (big endian, RLE, one frame)
// and clear errors naming file and tag.

#include "TestMain.h"
#include "TestData.h"

#include "twin/dicom/RtDoseReader.h"
#include "twin/phantom/DemoPatientGenerator.h"

#include <QDir>

#include <cmath>

using namespace twin::dicom;

class TestRtDose : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void demoPatientDose();
    void rayStationTotalAndField();
    void tinyVariants();
    void errorsNameFileAndTag();
};

void TestRtDose::demoPatientDose() {
    const QString dir = twin::test::scratchDir(QStringLiteral("rtdose-demo")) + QStringLiteral("/demo");
    const auto patient = twin::phantom::DemoPatientGenerator::generate(dir, {96, 80, 40, 4.0, 5.0});
    QVERIFY2(patient.ok(), qPrintable(patient.error().message()));
    const auto &demo = patient.value();
    const auto dose = RtDoseReader::read(demo.files.rtDosePath);
    QVERIFY2(dose.ok(), qPrintable(dose.error().message()));
    const RtDoseGrid &grid = dose.value();
    QVERIFY2(grid.warnings.isEmpty(), qPrintable(grid.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(grid.doseUnits, QStringLiteral("GY"));
    QCOMPARE(grid.doseType, QStringLiteral("PHYSICAL"));
    QCOMPARE(grid.summationType, QStringLiteral("PLAN"));
    QCOMPARE(grid.frameOfReferenceUid, demo.identity.frameOfReferenceUid);
    QVERIFY(grid.doseGy.dimension(2) > 1);

    // The generator's dose model peaks at 1.06 x prescription (60 Gy) in the target.
    const double rx = demo.prescriptionGy;
    const double maxGy = grid.maximumGy();
    qInfo("max %.3f Gy, prescription %.1f Gy", maxGy, rx);
    QVERIFY2(maxGy >= rx && maxGy <= 1.07 * rx, qPrintable(QString::number(maxGy)));
    const auto centre = grid.doseGy.sampleAt(demo.tumourCentreMm);
    QVERIFY(centre.has_value());
    qInfo("tumour centre %.3f Gy", *centre);
    QVERIFY2(*centre >= 0.97 * rx && *centre <= 1.07 * rx, qPrintable(QString::number(*centre)));

    // On the CT grid the resampled dose follows the generator's in-memory dose (cGy).
    const auto onCt = grid.resampledOnto(demo.ct.geometry());
    const auto &reference = demo.doseCgy.voxels();
    QCOMPARE(onCt.values().size(), reference.size());
    std::size_t close = 0;
    for (std::size_t n = 0; n < reference.size(); ++n) close += std::fabs(onCt.values()[n] - reference[n] / 100.0) <= 1.0;
    const double fraction = double(close) / double(reference.size());
    qInfo("CT voxels within 1 Gy of the generator's dose: %.4f", fraction);
    QVERIFY(fraction >= 0.98);
}

void TestRtDose::rayStationTotalAndField() {
    DIDYMOS_REQUIRE_TEST_DATA(dir, "dicom/rt-plan-dose-objects/aptg-raystation-proton-water-phantom");
    const QString base = dir + QStringLiteral("/RD1.2.752.243.1.1.20250523160113556.");
    const auto total = RtDoseReader::read(base + QStringLiteral("3000.73252.dcm"));
    const auto field = RtDoseReader::read(base + QStringLiteral("4000.16653.dcm"));
    QVERIFY2(total.ok(), qPrintable(total.error().message()));
    QVERIFY2(field.ok(), qPrintable(field.error().message()));
    const auto &t = total.value(), &f = field.value();
    QCOMPARE(t.doseGy.geometry().dimensions, (std::array<int, 3>{107, 107, 110}));
    QCOMPARE(f.doseGy.geometry().dimensions, t.doseGy.geometry().dimensions);
    for (int a = 0; a < 3; ++a) QVERIFY(std::fabs(t.doseGy.geometry().originMm[a] - f.doseGy.geometry().originMm[a]) < 1e-6);
    qInfo("total: %s %s %s max %.4f Gy; field: %s max %.4f Gy", qPrintable(t.doseUnits), qPrintable(t.doseType),
          qPrintable(t.summationType), t.maximumGy(), qPrintable(f.summationType), f.maximumGy());
    QVERIFY(t.maximumGy() > 0.5);
    QVERIFY(f.maximumGy() > 0.1);
    const double rounding = t.gridScaling + f.gridScaling;
    for (std::size_t n = 0; n < t.doseGy.values().size(); ++n)
        if (t.doseGy.values()[n] + rounding < f.doseGy.values()[n])
            QFAIL(qPrintable(QStringLiteral("voxel %1: total %2 < field %3").arg(n).arg(t.doseGy.values()[n]).arg(f.doseGy.values()[n])));
    QVERIFY(t.maximumGy() > f.maximumGy());
}

void TestRtDose::tinyVariants() {
    DIDYMOS_REQUIRE_TEST_DATA(dir, "dicom/rt-plan-dose-objects/pydicom-rt-minimal");
    const auto reference = RtDoseReader::read(dir + QStringLiteral("/rtdose.dcm"));
    QVERIFY2(reference.ok(), qPrintable(reference.error().message()));
    QCOMPARE(reference.value().doseGy.geometry().dimensions, (std::array<int, 3>{10, 10, 15}));
    QVERIFY(reference.value().maximumGy() > 0.0);
    for (const char *name : {"rtdose_expb.dcm", "rtdose_rle.dcm"}) {
        const auto other = RtDoseReader::read(dir + QLatin1Char('/') + QLatin1String(name));
        QVERIFY2(other.ok(), qPrintable(other.error().message()));
        QCOMPARE(other.value().doseGy.geometry().dimensions, reference.value().doseGy.geometry().dimensions);
        QVERIFY2(other.value().doseGy.values() == reference.value().doseGy.values(), name);
    }
    const auto single = RtDoseReader::read(dir + QStringLiteral("/rtdose_1frame.dcm"));
    QVERIFY2(single.ok(), qPrintable(single.error().message()));
    QCOMPARE(single.value().doseGy.dimension(2), 1);
}

void TestRtDose::errorsNameFileAndTag() {
    DIDYMOS_REQUIRE_TEST_DATA(plan, "dicom/rt-plan-dose-objects/pydicom-rt-minimal/rtplan.dcm");
    const auto notDose = RtDoseReader::read(plan);
    QVERIFY(!notDose.ok());
    QCOMPARE(notDose.error().file(), plan);
    QVERIFY2(!notDose.error().tag().isEmpty(), qPrintable(notDose.error().message()));
    DIDYMOS_REQUIRE_TEST_DATA(badVr, "dicom/dicom-malformed/pydicom/badVR.dcm");
    const auto bad = RtDoseReader::read(badVr);
    if (!bad.ok()) {
        QCOMPARE(bad.error().file(), badVr);
        qInfo("badVR.dcm: %s", qPrintable(bad.error().message()));
    }
}

DIDYMOS_TEST_MAIN(TestRtDose)
#include "TestRtDose.moc"
