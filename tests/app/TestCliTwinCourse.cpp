// `didymos-cli twin course` on the demo patient and its follow-up study, as a script runs it:
// `demo write --follow-up 90` writes both studies (the follow-up on its own frame of
// reference, the patient shifted on the couch by a known offset, a smaller tumour). Checked:
// both GTV volumes within 2 % of their analytic spheres, day 90, the volume change and the
// doubling time computed here from those volumes, the RECIST category from the diameters, the
// registration recovering the couch offset within 2 mm with "good" quality, the follow-up
// tumour mapped back onto the baseline tumour; several folders work as one; errors are clear.

#include "CliProcess.h"
#include "TestData.h"
#include "TestMain.h"

#include "twin/phantom/DemoPatientGenerator.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <numbers>

using namespace twin;

class TestCliTwinCourse : public twin::test::StrictTestCase {
    Q_OBJECT
    QString demoDir_;
    QJsonObject course_;
private slots:
    void initTestCase();
    void volumesAndDatesOfBothStudies();
    void growthAndResponseFromTheVolumes();
    void registrationRecoversTheCouchShift();
    void separateFoldersGiveTheSameCourse();
    void badInvocationsAreClearErrors();
};

namespace {

test::CliRun cli(const QStringList &arguments) {
    return test::runProgramIsolated(QStringLiteral(DIDYMOS_CLI_PATH), arguments, QStringLiteral("cli-course-home"));
}

double sphereMl(double radiusMm) { return 4.0 / 3.0 * std::numbers::pi * std::pow(radiusMm, 3) / 1000.0; }

QJsonArray points(const QJsonObject &course) { return course[QStringLiteral("timePoints")].toArray(); }

}  // namespace

void TestCliTwinCourse::initTestCase() {
    demoDir_ = test::scratchDir(QStringLiteral("cli-twin-course")) + QStringLiteral("/demo");
    const test::CliRun written = cli({QStringLiteral("demo"), QStringLiteral("write"), demoDir_, QStringLiteral("--size"),
                                      QStringLiteral("192"), QStringLiteral("--follow-up"), QStringLiteral("90"),
                                      QStringLiteral("--json")});
    QVERIFY2(written.exitCode == 0, qPrintable(written.err));
    const QString followUp = QJsonDocument::fromJson(written.out.toUtf8())[QStringLiteral("followUp")].toString();
    QVERIFY2(QDir(followUp).exists(QStringLiteral("rtstruct.dcm")), qPrintable(followUp));

    const test::CliRun run = cli({QStringLiteral("twin"), QStringLiteral("course"), QStringLiteral("--dicom"), demoDir_,
                                  QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    course_ = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(points(course_).size(), 2);
}

void TestCliTwinCourse::volumesAndDatesOfBothStudies() {
    const phantom::FollowUpOptions followUp;  // the CLI's follow-up uses the defaults
    const QJsonObject baseline = points(course_)[0].toObject(), later = points(course_)[1].toObject();
    QCOMPARE(course_[QStringLiteral("patientId")].toString(), QStringLiteral("DIDYMOS-DEMO-001"));
    QCOMPARE(baseline[QStringLiteral("structure")].toString(), QStringLiteral("GTV"));
    QCOMPARE(baseline[QStringLiteral("response")].toString(), QStringLiteral("baseline"));
    QCOMPARE(later[QStringLiteral("daysFromBaseline")].toInt(), 90);
    QCOMPARE(QDate::fromString(baseline[QStringLiteral("studyDate")].toString(), Qt::ISODate).daysTo(
                 QDate::fromString(later[QStringLiteral("studyDate")].toString(), Qt::ISODate)),
             90);
    QVERIFY(baseline[QStringLiteral("frameOfReferenceUid")].toString() != later[QStringLiteral("frameOfReferenceUid")].toString());
    const double v0 = baseline[QStringLiteral("volumeMl")].toDouble(), v1 = later[QStringLiteral("volumeMl")].toDouble();
    QVERIFY2(std::abs(v0 / sphereMl(17.5) - 1.0) < 0.02, qPrintable(QString::number(v0)));
    QVERIFY2(std::abs(v1 / sphereMl(followUp.tumourRadiusMm) - 1.0) < 0.02, qPrintable(QString::number(v1)));
    QVERIFY(!baseline.contains(QStringLiteral("registration")));
}

void TestCliTwinCourse::growthAndResponseFromTheVolumes() {
    const QJsonObject baseline = points(course_)[0].toObject(), later = points(course_)[1].toObject();
    const double v0 = baseline[QStringLiteral("volumeMl")].toDouble(), v1 = later[QStringLiteral("volumeMl")].toDouble();
    QVERIFY(std::abs(later[QStringLiteral("volumeChangePct")].toDouble() - 100.0 * (v1 / v0 - 1.0)) < 1e-9);
    const double expectedTd = 90.0 * std::log(2.0) / std::log(v1 / v0);
    QVERIFY2(std::abs(course_[QStringLiteral("volumeDoublingTimeDays")].toDouble() - expectedTd) < 1e-6,
             qPrintable(QString::number(course_[QStringLiteral("volumeDoublingTimeDays")].toDouble())));
    const double d0 = baseline[QStringLiteral("longestAxialDiameterMm")].toDouble();
    const double d1 = later[QStringLiteral("longestAxialDiameterMm")].toDouble();
    const QString expected = d1 <= 0.7 * d0 ? QStringLiteral("PR") : QStringLiteral("SD");  // it shrank: never PD
    QCOMPARE(later[QStringLiteral("response")].toString(), expected);
}

void TestCliTwinCourse::registrationRecoversTheCouchShift() {
    const phantom::FollowUpOptions followUp;
    const QJsonObject later = points(course_)[1].toObject();
    const QJsonObject registration = later[QStringLiteral("registration")].toObject();
    QCOMPARE(registration[QStringLiteral("quality")].toString(), QStringLiteral("good"));
    QVERIFY(registration[QStringLiteral("nccAfter")].toDouble() > registration[QStringLiteral("nccBefore")].toDouble());
    QVERIFY2(registration[QStringLiteral("rotationDegrees")].toDouble() < 1.0, "the phantom was only shifted");
    // The follow-up tumour centre, mapped into the baseline, lands on the baseline tumour
    // centre (-85, -10, 85): both studies show the same anatomy up to the couch shift.
    const QJsonArray mapped = later[QStringLiteral("centroidInBaselineMm")].toArray();
    const double shift = std::hypot(mapped[0].toDouble() + 85.0, mapped[1].toDouble() + 10.0, mapped[2].toDouble() - 85.0);
    QVERIFY2(shift < 2.0, qPrintable(QStringLiteral("%1 mm").arg(shift)));
    QVERIFY(later[QStringLiteral("centroidShiftMm")].toDouble() < 2.0);
    // And unmapped, the follow-up centroid is off by the couch offset.
    const QJsonArray raw = later[QStringLiteral("centroidMm")].toArray();
    for (int a = 0; a < 3; ++a) {
        const double expected = std::array<double, 3>{-85.0, -10.0, 85.0}[a] + followUp.patientOffsetMm[a];
        QVERIFY2(std::abs(raw[a].toDouble() - expected) < 1.0, qPrintable(QString::number(raw[a].toDouble())));
    }
}

void TestCliTwinCourse::separateFoldersGiveTheSameCourse() {
    const QString followUpDir = QDir(demoDir_).filePath(QStringLiteral("follow-up-90d"));
    // The follow-up given first: the course still starts at the earlier study.
    const test::CliRun run = cli({QStringLiteral("twin"), QStringLiteral("course"), QStringLiteral("--dicom"), followUpDir,
                                  QStringLiteral("--dicom"), demoDir_, QStringLiteral("--structure"), QStringLiteral("gtv"),
                                  QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject course = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(points(course).size(), 2);
    QCOMPARE(points(course)[1].toObject()[QStringLiteral("daysFromBaseline")].toInt(), 90);
    QCOMPARE(points(course)[1].toObject()[QStringLiteral("volumeMl")].toDouble(),
             points(course_)[1].toObject()[QStringLiteral("volumeMl")].toDouble());
    const test::CliRun text = cli({QStringLiteral("twin"), QStringLiteral("course"), QStringLiteral("--dicom"), demoDir_});
    QVERIFY2(text.exitCode == 0 && text.out.contains(QStringLiteral("registered: NCC")), qPrintable(text.out));
}

void TestCliTwinCourse::badInvocationsAreClearErrors() {
    const test::CliRun missing = cli({QStringLiteral("twin"), QStringLiteral("course")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains(QStringLiteral("--dicom")));
    const QString nowhere = test::scratchDir(QStringLiteral("cli-twin-course-missing")) + QStringLiteral("/nowhere");
    const test::CliRun notFound = cli({QStringLiteral("twin"), QStringLiteral("course"), QStringLiteral("--dicom"), nowhere});
    QCOMPARE(notFound.exitCode, 1);
    QVERIFY2(notFound.err.contains(nowhere), qPrintable(notFound.err));
    const test::CliRun noSuchStructure = cli({QStringLiteral("twin"), QStringLiteral("course"), QStringLiteral("--dicom"),
                                              demoDir_, QStringLiteral("--structure"), QStringLiteral("Pancreas")});
    QCOMPARE(noSuchStructure.exitCode, 1);
    QVERIFY2(noSuchStructure.err.contains(QStringLiteral("Pancreas")), qPrintable(noSuchStructure.err));
}

DIDYMOS_TEST_MAIN(TestCliTwinCourse)
#include "TestCliTwinCourse.moc"
