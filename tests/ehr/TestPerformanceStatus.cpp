// ECOG performance status and tumour markers, from FHIR as EHRs write them: a `document`
// Bundle (Composition first) with ECOG as a LOINC answer code, Karnofsky as an integer, and a
// CEA tumour marker; the `ecog` covariate picks the newest assessment on or before the date.

#include "TestMain.h"

#include "twin/ehr/CovariateCalculator.h"
#include "twin/ehr/FhirRecordReader.h"
#include "twin/ehr/PatientRecord.h"
#include "twin/ehr/PatientSummary.h"
#include "twin/ehr/PerformanceStatus.h"

#include <algorithm>

using namespace twin::ehr;

class TestPerformanceStatus : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void ecogValueForms_data();
    void ecogValueForms();
    void karnofskyConvertsToEcog();
    void documentBundleGivesEcogAndTumourMarker();
};

namespace {

ObservationValue integerValue(double number) {
    ObservationValue value;
    value.kind = ObservationValue::Kind::Integer;
    value.number = number;
    return value;
}

ObservationValue codedValue(const QString &code, const QString &display, const QString &text = {}) {
    ObservationValue value;
    value.kind = ObservationValue::Kind::CodeableConcept;
    value.codedValue.codings = {{QStringLiteral("http://loinc.org"), code, display}};
    value.codedValue.text = text;
    return value;
}

ObservationValue stringValue(const QString &text) {
    ObservationValue value;
    value.kind = ObservationValue::Kind::String;
    value.text = text;
    return value;
}

QByteArray observation(const char *id, const char *loinc, const char *date, const char *valueJson) {
    return QByteArray(R"({"fullUrl":"urn:uuid:)") + id + R"(","resource":{"resourceType":"Observation","id":")" + id +
           R"(","status":"final","code":{"coding":[{"system":"http://loinc.org","code":")" + loinc +
           R"("}]},"subject":{"reference":"urn:uuid:p1"},"effectiveDateTime":")" + date + R"(",)" + valueJson + "}}";
}

QByteArray documentBundle() {
    QByteArray json = R"({"resourceType":"Bundle","type":"document","timestamp":"2026-06-02T10:00:00Z","entry":[
      {"fullUrl":"urn:uuid:c1","resource":{"resourceType":"Composition","id":"c1","status":"final",
        "type":{"coding":[{"system":"http://loinc.org","code":"11488-4"}]},"subject":{"reference":"urn:uuid:p1"},
        "date":"2026-06-02","title":"Oncology consult"}},
      {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","id":"p1","gender":"male","birthDate":"1955-04-02",
        "name":[{"family":"Board","given":["Tumour"]}]}},)";
    json += observation("e1", "89247-1", "2026-05-01",
                        R"("valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"LA9623-5","display":"Restricted in physically strenuous activity"}]})");
    json += ',';
    json += observation("k1", "89243-0", "2026-06-01", R"("valueInteger":60)");
    json += ',';
    json += observation("cea0", "2039-6", "2026-04-01", R"("valueQuantity":{"value":5.1,"unit":"ug/L","system":"http://unitsofmeasure.org","code":"ug/L"})");
    json += ',';
    json += observation("cea1", "2039-6", "2026-05-20", R"("valueQuantity":{"value":7.4,"unit":"ng/mL","system":"http://unitsofmeasure.org","code":"ng/mL"})");
    json += "]}";
    return json;
}

}  // namespace

void TestPerformanceStatus::ecogValueForms_data() {
    QTest::addColumn<ObservationValue>("value");
    QTest::addColumn<int>("grade");  // -1: states no grade
    QTest::newRow("valueInteger 1") << integerValue(1) << 1;
    QTest::newRow("valueInteger 0") << integerValue(0) << 0;
    QTest::newRow("LOINC answer LA9622-7") << codedValue(QStringLiteral("LA9622-7"), QStringLiteral("Fully active")) << 0;
    QTest::newRow("LOINC answer LA9625-0") << codedValue(QStringLiteral("LA9625-0"), QStringLiteral("Capable of only limited self care")) << 3;
    QTest::newRow("local code, grade in display") << codedValue(QStringLiteral("x"), QStringLiteral("ECOG 2")) << 2;
    QTest::newRow("grade in text") << codedValue(QStringLiteral("x"), QStringLiteral("n/a"), QStringLiteral("4 - Completely disabled")) << 4;
    QTest::newRow("valueString") << stringValue(QStringLiteral("Grade 1")) << 1;
    QTest::newRow("out of range") << integerValue(7) << -1;
    QTest::newRow("fractional") << integerValue(1.5) << -1;
    QTest::newRow("negative") << integerValue(-1) << -1;
    QTest::newRow("words only") << stringValue(QStringLiteral("ambulatory")) << -1;
}
void TestPerformanceStatus::ecogValueForms() {
    QFETCH(ObservationValue, value);
    QFETCH(int, grade);
    const std::optional<int> read = PerformanceStatus::ecogGrade(value);
    QCOMPARE(read.value_or(-1), grade);
}

void TestPerformanceStatus::karnofskyConvertsToEcog() {
    // Table: 100–90 → 0, 80–70 → 1, 60–50 → 2, 40–30 → 3, 20–10 → 4, 0 → 5.
    const QList<QPair<int, int>> table{{100, 0}, {90, 0}, {80, 1}, {70, 1}, {60, 2}, {50, 2},
                                       {40, 3}, {30, 3}, {20, 4}, {10, 4}, {0, 5}};
    for (const auto &[karnofsky, ecog] : table) QCOMPARE(PerformanceStatus::ecogFromKarnofsky(karnofsky), ecog);
    QCOMPARE(PerformanceStatus::karnofskyScore(integerValue(80)).value_or(-1), 80);
    QVERIFY(!PerformanceStatus::karnofskyScore(integerValue(75)));   // the scale runs in tens
    QVERIFY(!PerformanceStatus::karnofskyScore(integerValue(110)));
}

void TestPerformanceStatus::documentBundleGivesEcogAndTumourMarker() {
    const auto result = FhirRecordReader::fromJson(documentBundle(), QStringLiteral("consult.json"));
    QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message()));
    const PatientRecord &record = result.value();
    QCOMPARE(record.demographics.familyName, QStringLiteral("Board"));
    QCOMPARE(record.countsByType.value(QStringLiteral("Composition")), 1);
    QCOMPARE(record.countsByType.value(QStringLiteral("Observation")), 4);

    // Tumour marker: kept with its LOINC code, value and UCUM unit.
    const ObservationRecord *cea = record.latest(QStringLiteral("2039-6"));
    QVERIFY(cea);
    QCOMPARE(*cea->value.number, 7.4);
    QCOMPARE(cea->value.unit, QStringLiteral("ng/mL"));
    // The summary's CEA series is in one unit: 5.1 µg/L = 5.1 ng/mL (1 µg/L = 1000 ng / 1000 mL).
    const PatientSummary summary = PatientSummary::build(record, QDateTime(QDate(2026, 6, 2), QTime(12, 0), Qt::UTC));
    const auto series = std::find_if(summary.keyLabs.cbegin(), summary.keyLabs.cend(),
                                     [](const LabSeries &lab) { return lab.label == QStringLiteral("CEA"); });
    QVERIFY(series != summary.keyLabs.cend());
    QCOMPARE(series->unit, QStringLiteral("ng/mL"));
    QCOMPARE(series->points.size(), 2);
    QVERIFY(qAbs(series->points.at(0).value - 5.1) < 1e-9);
    QCOMPARE(series->points.at(1).value, 7.4);
    QVERIFY(std::none_of(summary.keyLabs.cbegin(), summary.keyLabs.cend(),
                         [](const LabSeries &lab) { return lab.label == QStringLiteral("PSA"); }));  // none recorded

    // On 15 May only the ECOG assessment of 1 May exists: LA9623-5 = grade 1.
    const QDateTime may15(QDate(2026, 5, 15), QTime(12, 0), Qt::UTC);
    const Covariate inMay = PerformanceStatus::ecog(record, may15);
    QVERIFY(inMay.known);
    QCOMPARE(*inMay.value, 1.0);
    QCOMPARE(inMay.date, QDate(2026, 5, 1));
    QVERIFY2(inMay.source.contains(QStringLiteral("Observation/e1")), qPrintable(inMay.source));

    // On 2 June the newer Karnofsky 60 wins and converts to ECOG 2, and the method says so.
    const QDateTime june2(QDate(2026, 6, 2), QTime(12, 0), Qt::UTC);
    const Covariate inJune = covariateNamed(CovariateCalculator::compute(record, june2), covariate_name::kEcog);
    QVERIFY(inJune.known);
    QCOMPARE(*inJune.value, 2.0);
    QVERIFY2(inJune.method.contains(QStringLiteral("Karnofsky")) && inJune.method.contains(QStringLiteral("60")),
             qPrintable(inJune.method));
    QVERIFY(inJune.source.contains(QStringLiteral("Observation/k1")));

    // Before any assessment: unknown, and the note names both codes.
    const Covariate before = PerformanceStatus::ecog(record, QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
    QVERIFY(!before.known);
    QVERIFY(!before.value);
    QVERIFY(before.note.contains(QStringLiteral("89247-1")) && before.note.contains(QStringLiteral("89243-0")));
}

DIDYMOS_TEST_MAIN(TestPerformanceStatus)
#include "TestPerformanceStatus.moc"
