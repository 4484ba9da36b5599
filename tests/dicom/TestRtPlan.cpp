// RTPLAN / RT Ion Plan -> prescription, fractions, beams (twin::dicom::RtPlanReader): the demo
// plan (60 Gy in 30 fractions), the RayStation proton plan, the Eclipse photon plan and the
// tiny pydicom plan.

#include "TestMain.h"
#include "TestData.h"

#include "twin/dicom/RtPlanReader.h"
#include "twin/phantom/DemoPatientGenerator.h"

using namespace twin::dicom;

namespace {

void describe(const RtPlanSummary &plan) {
    qInfo("%s: label \"%s\" ion %d prescription %s Gy (%s) fractions %s, %lld beams; warnings: %s",
          qPrintable(plan.path.section(QLatin1Char('/'), -1)), qPrintable(plan.label), int(plan.isIonPlan),
          plan.prescriptionGy ? qPrintable(QString::number(*plan.prescriptionGy)) : "-", qPrintable(plan.prescriptionSource),
          plan.fractionsPlanned ? qPrintable(QString::number(*plan.fractionsPlanned)) : "-", qlonglong(plan.beams.size()),
          qPrintable(plan.warnings.join(QStringLiteral("; "))));
    for (const RtBeamSummary &b : plan.beams)
        qInfo("  beam %d \"%s\" %s %s %s gantry %s meterset %s", b.number, qPrintable(b.name), qPrintable(b.type),
              qPrintable(b.radiationType), qPrintable(b.treatmentDeliveryType),
              b.gantryAnglesDeg.isEmpty() ? "-" : qPrintable(QString::number(b.gantryAnglesDeg.front())),
              b.meterset ? qPrintable(QString::number(*b.meterset)) : "-");
}

}  // namespace

class TestRtPlan : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void demoPlan();
    void rayStationIonPlan();
    void eclipsePhotonPlan();
    void tinyPlanAndErrors();
};

void TestRtPlan::demoPlan() {
    const QString dir = twin::test::scratchDir(QStringLiteral("rtplan-demo")) + QStringLiteral("/demo");
    const auto patient = twin::phantom::DemoPatientGenerator::generate(dir, {48, 40, 16, 8.0, 5.0});
    QVERIFY2(patient.ok(), qPrintable(patient.error().message()));
    const auto plan = RtPlanReader::read(patient.value().files.rtPlanPath);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    describe(plan.value());
    QVERIFY2(plan.value().warnings.isEmpty(), qPrintable(plan.value().warnings.join(QLatin1Char('\n'))));
    QVERIFY(plan.value().prescriptionGy.has_value());
    QCOMPARE(*plan.value().prescriptionGy, 60.0);
    QCOMPARE(plan.value().prescriptionSource, QStringLiteral("TargetPrescriptionDose"));
    QCOMPARE(plan.value().fractionsPlanned.value_or(0), 30);
    QVERIFY(!plan.value().isIonPlan);
    QVERIFY(!plan.value().beams.isEmpty());
    for (const RtBeamSummary &beam : plan.value().beams) {
        QVERIFY(!beam.name.isEmpty());
        QCOMPARE(beam.radiationType, QStringLiteral("PHOTON"));
        QVERIFY(!beam.gantryAnglesDeg.isEmpty());
        QVERIFY(beam.meterset.value_or(0.0) > 0.0);
    }
}

void TestRtPlan::rayStationIonPlan() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "dicom/rt-plan-dose-objects/aptg-raystation-proton-water-phantom/ramped_2Gy_ver2_full.dcm");
    const auto plan = RtPlanReader::read(path);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    describe(plan.value());
    QVERIFY(plan.value().isIonPlan);
    QCOMPARE(plan.value().fractionsPlanned.value_or(0), 1);
    QCOMPARE(plan.value().beams.size(), 2);
    QCOMPARE(plan.value().beams[0].gantryAnglesDeg.value(0), 90.0);
    QCOMPARE(plan.value().beams[1].gantryAnglesDeg.value(0), 270.0);
    QCOMPARE(plan.value().prescriptionSource, QStringLiteral("BeamDose x fractions"));
    QVERIFY(!plan.value().beams.isEmpty());
    for (const RtBeamSummary &beam : plan.value().beams) QCOMPARE(beam.radiationType, QStringLiteral("PROTON"));
    QVERIFY(plan.value().prescriptionGy.has_value());
}

void TestRtPlan::eclipsePhotonPlan() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "dicom/rt-plan-dose-objects/slicerrt-eclipse-rando-prostate-phantom/"
                                    "RP.1.2.246.352.71.5.2088656855.377401.20110920153647.dcm");
    const auto plan = RtPlanReader::read(path);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    describe(plan.value());
    QVERIFY(!plan.value().isIonPlan);
    QCOMPARE(plan.value().prescriptionGy.value_or(0.0), 46.0);
    QCOMPARE(plan.value().fractionsPlanned.value_or(0), 23);
    QCOMPARE(plan.value().beams.size(), 5);
    QVERIFY(!plan.value().beams.isEmpty());
    int treatment = 0;
    for (const RtBeamSummary &beam : plan.value().beams) {
        QCOMPARE(beam.radiationType, QStringLiteral("PHOTON"));
        treatment += beam.treatmentDeliveryType == QLatin1String("TREATMENT") ? 1 : 0;
    }
    QVERIFY(treatment > 0);
}

void TestRtPlan::tinyPlanAndErrors() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "dicom/rt-plan-dose-objects/pydicom-rt-minimal/rtplan.dcm");
    const auto plan = RtPlanReader::read(path);
    QVERIFY2(plan.ok(), qPrintable(plan.error().message()));
    describe(plan.value());
    QCOMPARE(plan.value().beams.size(), 1);
    QCOMPARE(plan.value().fractionsPlanned.value_or(0), 30);
    DIDYMOS_REQUIRE_TEST_DATA(dose, "dicom/rt-plan-dose-objects/pydicom-rt-minimal/rtdose.dcm");
    const auto notPlan = RtPlanReader::read(dose);
    QVERIFY(!notPlan.ok());
    QCOMPARE(notPlan.error().file(), dose);
    QVERIFY(notPlan.error().tag().contains(QStringLiteral("(0008,0016)")));
}

DIDYMOS_TEST_MAIN(TestRtPlan)
#include "TestRtPlan.moc"
