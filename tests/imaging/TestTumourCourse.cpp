// TumourCourse: sorting by date, changes against the baseline, RECIST 1.1 categories at their
// boundaries (PR at -30 %, PD at +20 % and +5 mm over the nadir, CR when gone), the growth
// rate and doubling time by hand (two points: ln(V2/V1)/dt; three points: least squares of
// ln V), and centroids mapped into the baseline frame through a registration.

#include "TestMain.h"

#include "twin/imaging/TumourCourse.h"

#include <cmath>

using namespace twin;
using twin::imaging::TumourCourse;
using twin::imaging::TumourTimePoint;

class TestTumourCourse : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void sortsAndComparesWithBaseline();
    void recistCategories_data();
    void recistCategories();
    void doublingTimeFromTwoPoints();
    void growthRateIsTheLeastSquaresSlope();
    void noRateFromOnePoint();
    void centroidMappedThroughTheRegistration();
};

namespace {

TumourTimePoint point(QDate date, double volumeMl, double diameterMm) {
    TumourTimePoint p;
    p.studyDate = date;
    p.volumeMl = volumeMl;
    p.longestAxialDiameterMm = diameterMm;
    p.structureName = QStringLiteral("GTV");
    return p;
}

}  // namespace

void TestTumourCourse::sortsAndComparesWithBaseline() {
    const QDate d0(2024, 1, 15);
    const TumourCourse course =
        TumourCourse::from({point(d0.addDays(90), 10.0, 25.0), point(d0, 20.0, 35.0), point(d0.addDays(30), 15.0, 30.0)});
    QCOMPARE(course.points().size(), 3);
    QCOMPARE(course.points()[0].studyDate, d0);
    QCOMPARE(course.points()[0].response, QStringLiteral("baseline"));
    QCOMPARE(course.points()[1].daysFromBaseline, 30);
    QCOMPARE(course.points()[2].daysFromBaseline, 90);
    QCOMPARE(course.points()[2].volumeChangePct, -50.0);
    QVERIFY(std::abs(course.points()[2].diameterChangePct - 100.0 * (25.0 / 35.0 - 1.0)) < 1e-12);
}

void TestTumourCourse::recistCategories_data() {
    QTest::addColumn<QList<double>>("diameters");  // baseline first, then follow-ups
    QTest::addColumn<QString>("lastResponse");
    QTest::newRow("29% smaller is SD") << QList<double>{40.0, 28.4} << "SD";
    QTest::newRow("30% smaller is PR") << QList<double>{40.0, 28.0} << "PR";
    QTest::newRow("19% larger is SD") << QList<double>{40.0, 47.6} << "SD";
    QTest::newRow("20% larger is PD") << QList<double>{40.0, 48.0} << "PD";
    // +20 % of a 20 mm nadir is only 4 mm: not PD (needs 5 mm absolute too).
    QTest::newRow("20% but 4 mm over nadir is SD") << QList<double>{22.0, 20.0, 24.0} << "SD";
    QTest::newRow("regrowth over the nadir is PD") << QList<double>{40.0, 20.0, 26.0} << "PD";
    QTest::newRow("gone is CR") << QList<double>{40.0, 0.0} << "CR";
}

void TestTumourCourse::recistCategories() {
    QFETCH(QList<double>, diameters);
    QFETCH(QString, lastResponse);
    QList<TumourTimePoint> points;
    const QDate d0(2024, 1, 15);
    for (qsizetype i = 0; i < diameters.size(); ++i) {
        const double d = diameters[i];
        points << point(d0.addDays(60 * i), d > 0.0 ? std::pow(d / 10.0, 3) : 0.0, d);
    }
    const TumourCourse course = TumourCourse::from(points);
    QCOMPARE(course.points().last().response, lastResponse);
}

void TestTumourCourse::doublingTimeFromTwoPoints() {
    const QDate d0(2024, 1, 15);
    const TumourCourse course = TumourCourse::from({point(d0, 8.0, 25.0), point(d0.addDays(120), 12.0, 28.0)});
    const double expectedRate = std::log(12.0 / 8.0) / 120.0;
    QVERIFY(course.growthRatePerDay().has_value());
    QVERIFY(std::abs(*course.growthRatePerDay() - expectedRate) < 1e-15);
    QVERIFY(std::abs(*course.volumeDoublingTimeDays() - 120.0 * std::log(2.0) / std::log(1.5)) < 1e-9);
    // A shrinking tumour halves: the doubling time is negative.
    const TumourCourse shrinking = TumourCourse::from({point(d0, 20.0, 35.0), point(d0.addDays(60), 10.0, 28.0)});
    QVERIFY(std::abs(*shrinking.volumeDoublingTimeDays() + 60.0) < 1e-9);
}

void TestTumourCourse::growthRateIsTheLeastSquaresSlope() {
    const QDate d0(2024, 1, 15);
    const double t[3] = {0.0, 50.0, 130.0}, v[3] = {10.0, 13.0, 21.0};
    QList<TumourTimePoint> points;
    for (int i = 0; i < 3; ++i) points << point(d0.addDays(static_cast<int>(t[i])), v[i], 30.0);
    const TumourCourse course = TumourCourse::from(points);
    double mt = 0, my = 0;
    for (int i = 0; i < 3; ++i) {
        mt += t[i] / 3;
        my += std::log(v[i]) / 3;
    }
    double sxy = 0, sxx = 0;
    for (int i = 0; i < 3; ++i) {
        sxy += (t[i] - mt) * (std::log(v[i]) - my);
        sxx += (t[i] - mt) * (t[i] - mt);
    }
    QVERIFY(std::abs(*course.growthRatePerDay() - sxy / sxx) < 1e-14);
}

void TestTumourCourse::noRateFromOnePoint() {
    const TumourCourse course = TumourCourse::from({point(QDate(2024, 1, 15), 10.0, 30.0)});
    QVERIFY(!course.growthRatePerDay().has_value());
    QVERIFY(!course.volumeDoublingTimeDays().has_value());
    QVERIFY(TumourCourse::from({}).isEmpty());
}

void TestTumourCourse::centroidMappedThroughTheRegistration() {
    const QDate d0(2024, 1, 15);
    TumourTimePoint baseline = point(d0, 20.0, 35.0);
    baseline.centroidMm = {-85.0, -10.0, 85.0};
    TumourTimePoint later = point(d0.addDays(90), 8.0, 25.0);
    // The follow-up frame is the baseline shifted by (12, -8, 5) mm; the tumour itself moved
    // 3 mm to the patient's left within the body.
    later.centroidMm = {-85.0 + 12.0 + 3.0, -10.0 - 8.0, 85.0 + 5.0};
    imaging::RigidRegistrationResult registration;
    registration.translationMm = {12.0, -8.0, 5.0};
    later.registrationToBaseline = registration;
    const TumourCourse course = TumourCourse::from({later, baseline});
    const TumourTimePoint &mapped = course.points()[1];
    QVERIFY(std::abs(mapped.centroidInBaselineMm[0] - (-82.0)) < 1e-12);
    QVERIFY(std::abs(mapped.centroidShiftMm - 3.0) < 1e-12);
}

DIDYMOS_TEST_MAIN(TestTumourCourse)
#include "TestTumourCourse.moc"
