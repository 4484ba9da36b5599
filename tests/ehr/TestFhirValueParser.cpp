// The building blocks of the FHIR reader on hand-written input: FHIR dates (partial, with and
// without zones, malformed), every Observation value[x] type, field errors with their paths,
// JSON line/column and NDJSON detection, reference resolution, Dosage timing text and the
// oncology tables.

#include "TestMain.h"

#include "twin/ehr/FhirJson.h"
#include "twin/ehr/FhirMedicationMapper.h"
#include "twin/ehr/FhirObservationMapper.h"
#include "twin/ehr/FhirOncologyClassifier.h"
#include "twin/ehr/FhirReferenceResolver.h"
#include "twin/ehr/FhirValueParser.h"

#include <QJsonDocument>
#include <QTimeZone>

using namespace twin::ehr;
using Kind = ObservationValue::Kind;

Q_DECLARE_METATYPE(twin::ehr::CodedConcept)

namespace {

QJsonObject json(const char *text) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError) qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

/// Maps `observation` (JSON text) as an Observation read from "test.json".
twin::core::Result<ObservationRecord> mapObservation(const char *observation) {
    FhirEntryContext context;
    context.file = QStringLiteral("test.json");
    context.resourceType = QStringLiteral("Observation");
    context.resourceId = QStringLiteral("x");
    return FhirObservationMapper::map(json(observation), context);
}

CodedConcept coded(const QString &system, const QString &code, const QString &display, const QString &text = {}) {
    CodedConcept result;
    result.codings.append({system, code, display});
    result.text = text;
    return result;
}

CodedConcept textOnly(const QString &text) {
    CodedConcept result;
    result.text = text;
    return result;
}

}  // namespace

class TestFhirValueParser : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void partialAndFullDates_data();
    void partialAndFullDates();
    void malformedDatesAreRejected_data();
    void malformedDatesAreRejected();
    void timeValues();

    void everyValueType_data();
    void everyValueType();
    void valueErrorsNameTheirField_data();
    void valueErrorsNameTheirField();
    void componentsKeepCodesAndUnits();

    void lineAndColumnOfJsonErrors();
    void layoutDetection();
    void ndjsonLinesSkipBlankLinesAndCarriageReturns();

    void referencesResolve();
    void duplicatesKeepTheFirst();

    void dosageTimingText_data();
    void dosageTimingText();

    void cancerClassification_data();
    void cancerClassification();
    void chemotherapyClassification_data();
    void chemotherapyClassification();
    void procedureCategories_data();
    void procedureCategories();
    void stageGroups_data();
    void stageGroups();
};

void TestFhirValueParser::partialAndFullDates_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    QTest::addColumn<int>("offsetSeconds");
    const QTime midnight(0, 0);
    QTest::newRow("year") << "2020" << QDateTime(QDate(2020, 1, 1), midnight, Qt::UTC) << 0;
    QTest::newRow("year-month") << "2020-05" << QDateTime(QDate(2020, 5, 1), midnight, Qt::UTC) << 0;
    QTest::newRow("date") << "2020-05-17" << QDateTime(QDate(2020, 5, 17), midnight, Qt::UTC) << 0;
    QTest::newRow("Z") << "2020-05-17T10:20:30Z" << QDateTime(QDate(2020, 5, 17), QTime(10, 20, 30), Qt::UTC) << 0;
    QTest::newRow("+02:00 and fraction") << "2020-05-17T10:20:30.5+02:00"
                                         << QDateTime(QDate(2020, 5, 17), QTime(8, 20, 30, 500), Qt::UTC) << 7200;
    QTest::newRow("-05:00") << "2015-11-01T17:00:14-05:00"
                            << QDateTime(QDate(2015, 11, 1), QTime(22, 0, 14), Qt::UTC) << -18000;
    QTest::newRow("Synthea") << "1985-07-26T02:39:21+00:00"
                             << QDateTime(QDate(1985, 7, 26), QTime(2, 39, 21), Qt::UTC) << 0;
    QTest::newRow("no seconds, no zone (lenient, UTC)") << "2020-05-17T10:20"
                                                        << QDateTime(QDate(2020, 5, 17), QTime(10, 20), Qt::UTC) << 0;
    QTest::newRow("leap second") << "2016-12-31T23:59:60Z"
                                 << QDateTime(QDate(2016, 12, 31), QTime(23, 59, 59), Qt::UTC) << 0;
}

void TestFhirValueParser::partialAndFullDates() {
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    QFETCH(int, offsetSeconds);
    const std::optional<QDateTime> parsed = FhirValueParser::parseDateTime(text);
    QVERIFY2(parsed.has_value(), qPrintable(text));
    QCOMPARE(parsed->toUTC(), expected);
    QCOMPARE(parsed->offsetFromUtc(), offsetSeconds);
    QCOMPARE(FhirValueParser::parseDate(text), std::optional<QDate>(parsed->date()));
}

void TestFhirValueParser::malformedDatesAreRejected_data() {
    QTest::addColumn<QString>("text");
    for (const char *text : {"", "not a date", "2020-13", "2020-02-30", "2019-02-29", "20200517", "2020-5-17",
                             "0000-01-01", "2020-05-17T25:00:00Z", "2020-05-17T10:60:00Z", "2020-05-17T10:20:30+15:00",
                             "2020-05-17T10:20:30+02", "2020-05-17T", "2020T10:00:00Z", "2020-05-17 10:20:30Z",
                             "2020-05-17T10:20:30.Z", "2020-05-17T10:20:30Zjunk", "٢٠٢٠-05-17"}) {
        QTest::newRow(text) << QString::fromUtf8(text);
    }
}

void TestFhirValueParser::malformedDatesAreRejected() {
    QFETCH(QString, text);
    QVERIFY2(!FhirValueParser::parseDateTime(text).has_value(), qPrintable(text));
}

void TestFhirValueParser::timeValues() {
    QVERIFY(FhirValueParser::isTime(u"14:35:00"));
    QVERIFY(FhirValueParser::isTime(u"14:35:00.125"));
    QVERIFY(!FhirValueParser::isTime(u"14:35"));
    QVERIFY(!FhirValueParser::isTime(u"24:00:00"));
    QVERIFY(!FhirValueParser::isTime(u"2pm"));
}

void TestFhirValueParser::everyValueType_data() {
    QTest::addColumn<QString>("observation");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("display");
    // clang-format off
    QTest::newRow("Quantity") << R"({"code":{"text":"x"},"valueQuantity":{"value":7.2,"comparator":"<","unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}})"
                              << int(Kind::Quantity) << "<7.2 mg/dL";
    QTest::newRow("CodeableConcept") << R"({"code":{"text":"x"},"valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"10828004","display":"Positive"}]}})"
                                     << int(Kind::CodeableConcept) << "Positive";
    QTest::newRow("string") << R"({"code":{"text":"x"},"valueString":"see report"})" << int(Kind::String) << "see report";
    QTest::newRow("boolean") << R"({"code":{"text":"x"},"valueBoolean":true})" << int(Kind::Boolean) << "true";
    QTest::newRow("integer (ECOG)") << R"({"code":{"coding":[{"system":"http://loinc.org","code":"89247-1"}]},"valueInteger":1})"
                                    << int(Kind::Integer) << "1";
    QTest::newRow("Range") << R"({"code":{"text":"x"},"valueRange":{"low":{"value":120,"unit":"mmHg"},"high":{"value":140,"unit":"mmHg"}}})"
                           << int(Kind::Range) << "120–140 mmHg";
    QTest::newRow("Ratio (titre)") << R"({"code":{"text":"x"},"valueRatio":{"numerator":{"value":1},"denominator":{"value":128}}})"
                                   << int(Kind::Ratio) << "1/128";
    QTest::newRow("SampledData") << R"({"code":{"text":"x"},"valueSampledData":{"origin":{"value":2048},"period":10,"dimensions":1,"data":"2041 2043 2045"}})"
                                 << int(Kind::SampledData) << "2041 2043 2045";
    QTest::newRow("time") << R"({"code":{"text":"x"},"valueTime":"14:35:00"})" << int(Kind::Time) << "14:35:00";
    QTest::newRow("dateTime") << R"({"code":{"text":"x"},"valueDateTime":"2020-05-17T10:20:30Z"})"
                              << int(Kind::DateTime) << "2020-05-17T10:20:30Z";
    QTest::newRow("Period") << R"({"code":{"text":"x"},"valuePeriod":{"start":"2020-05-17","end":"2020-05-18"}})"
                            << int(Kind::Period) << "2020-05-17T00:00:00Z – 2020-05-18T00:00:00Z";
    QTest::newRow("none (dataAbsentReason)") << R"({"code":{"text":"x"},"dataAbsentReason":{"text":"not asked"}})"
                                             << int(Kind::None) << "";
    // clang-format on
}

void TestFhirValueParser::everyValueType() {
    QFETCH(QString, observation);
    QFETCH(int, kind);
    QFETCH(QString, display);
    const auto result = mapObservation(observation.toUtf8().constData());
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    QCOMPARE(int(result.value().value.kind), kind);
    QCOMPARE(result.value().value.display(), display);
}

void TestFhirValueParser::valueErrorsNameTheirField_data() {
    QTest::addColumn<QString>("observation");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("what");
    // clang-format off
    QTest::newRow("decimal as string") << R"({"code":{"text":"x"},"valueQuantity":{"value":"7.2"}})"
                                       << "valueQuantity.value" << "not a number";
    QTest::newRow("integer with fraction") << R"({"code":{"text":"x"},"valueInteger":2.5})" << "valueInteger" << "not an integer";
    QTest::newRow("two value[x]") << R"({"code":{"text":"x"},"valueBoolean":true,"valueString":"y"})"
                                  << "valueString" << "a second value[x]";
    QTest::newRow("not an Observation type") << R"({"code":{"text":"x"},"valueAttachment":{}})"
                                             << "valueAttachment" << "not an Observation value type";
    QTest::newRow("bad dateTime") << R"({"code":{"text":"x"},"effectiveDateTime":"yesterday"})"
                                  << "effectiveDateTime" << "not a valid FHIR date/dateTime";
    QTest::newRow("coding not an array") << R"({"code":{"coding":{"code":"x"}}})" << "code.coding" << "expected an array, got an object";
    QTest::newRow("component value") << R"({"code":{"text":"x"},"component":[{"code":{"text":"a"},"valueQuantity":{"value":1}},{"code":{"text":"b"},"valueQuantity":{"value":true}}]})"
                                     << "component[1].valueQuantity.value" << "not a number";
    QTest::newRow("missing code") << R"({"valueString":"x"})" << "code" << "missing (required)";
    QTest::newRow("bad comparator") << R"({"code":{"text":"x"},"valueQuantity":{"value":1,"comparator":"~"}})"
                                    << "valueQuantity.comparator" << "not a FHIR comparator";
    QTest::newRow("zero denominator") << R"({"code":{"text":"x"},"valueRatio":{"numerator":{"value":1},"denominator":{"value":0}}})"
                                      << "valueRatio.denominator" << "zero denominator";
    // clang-format on
}

void TestFhirValueParser::valueErrorsNameTheirField() {
    QFETCH(QString, observation);
    QFETCH(QString, field);
    QFETCH(QString, what);
    const auto result = mapObservation(observation.toUtf8().constData());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), twin::core::Error::Code::InvalidInput);
    QCOMPARE(result.error().field(), field);
    QVERIFY2(result.error().what().startsWith(what), qPrintable(result.error().what()));
}

void TestFhirValueParser::componentsKeepCodesAndUnits() {
    const auto result = mapObservation(R"({"code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},
        "category":[{"coding":[{"code":"vital-signs"}]}], "effectiveDateTime":"2021-03-04T08:00:00+01:00",
        "component":[
          {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6","display":"Systolic"}]},
           "valueQuantity":{"value":128,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
          {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4","display":"Diastolic"}]},
           "valueQuantity":{"value":82,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]})");
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const ObservationRecord &bp = result.value();
    QCOMPARE(bp.category, QStringLiteral("vital-signs"));
    QCOMPARE(bp.effective.toUTC(), QDateTime(QDate(2021, 3, 4), QTime(7, 0), Qt::UTC));
    QCOMPARE(bp.value.kind, Kind::None);
    QCOMPARE(bp.components.size(), 2);
    QCOMPARE(bp.components.at(0).code.codeIn(code_system::kLoinc), QStringLiteral("8480-6"));
    QCOMPARE(bp.components.at(0).value.number, std::optional<double>(128.0));
    QCOMPARE(bp.components.at(0).value.unit, QStringLiteral("mm[Hg]"));  // the UCUM code, not the display unit
    QCOMPARE(bp.components.at(1).code.codeIn(code_system::kLoinc), QStringLiteral("8462-4"));
    QCOMPARE(bp.components.at(1).value.number, std::optional<double>(82.0));
}

void TestFhirValueParser::lineAndColumnOfJsonErrors() {
    // Line 3, after "  \"b\": \"é": the string is unterminated; é is one character, two bytes.
    const QByteArray text = "{\n  \"a\": 1,\n  \"b\": \"\xC3\xA9";
    const auto result = FhirJson::parse(text, QStringLiteral("x.json"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().file(), QStringLiteral("x.json"));
    QVERIFY2(result.error().message().startsWith(QStringLiteral("x.json: invalid JSON at line 3, column ")),
             qPrintable(result.error().message()));
    const FhirTextPosition at = FhirJson::position(text, text.size());
    QCOMPARE(at.line, 3);
    QCOMPARE(at.column, 10);  // 2 spaces, "b", :, space, ", é → 9 characters before the end
    QCOMPARE(FhirJson::position(text, 0).line, 1);
    QCOMPARE(FhirJson::position(text, 0).column, 1);
    QCOMPARE(FhirJson::position(text, 1).line, 1);
    QCOMPARE(FhirJson::position(text, 2).line, 2);
    QCOMPARE(FhirJson::position(text, 1000).line, 3);  // clamped

    const auto empty = FhirJson::parse(QByteArray("  \n"), QStringLiteral("e.json"));
    QCOMPARE(empty.error().message(), QStringLiteral("e.json: empty file"));
    const auto bom = FhirJson::parse(QByteArray("\xEF\xBB\xBF{\"resourceType\":\"Patient\"}"), QStringLiteral("b.json"));
    QVERIFY2(bom.ok(), qPrintable(bom.error().message()));
}

void TestFhirValueParser::layoutDetection() {
    using Layout = FhirJson::Layout;
    QCOMPARE(FhirJson::detectLayout("{\"resourceType\":\"Patient\"}\n{\"resourceType\":\"Observation\"}\n"), Layout::Ndjson);
    QCOMPARE(FhirJson::detectLayout("\n\n{\"a\":1}\r\n{\"b\":2}"), Layout::Ndjson);
    QCOMPARE(FhirJson::detectLayout("{\"resourceType\":\"Bundle\",\"entry\":[]}\n"), Layout::Document);  // one line
    QCOMPARE(FhirJson::detectLayout("{\n  \"resourceType\": \"Bundle\"\n}\n"), Layout::Document);
    QCOMPARE(FhirJson::detectLayout("{\"a\": {}\n}"), Layout::Document);  // first line ends in } but is not complete
    QCOMPARE(FhirJson::detectLayout(""), Layout::Document);
    QCOMPARE(FhirJson::detectLayout("[1,\n2]"), Layout::Document);
}

void TestFhirValueParser::ndjsonLinesSkipBlankLinesAndCarriageReturns() {
    const QList<FhirNdjsonLine> lines = FhirJson::ndjsonLines("\xEF\xBB\xBF{\"a\":1}\r\n\r\n  \n{\"b\":2}");
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).index, 0);
    QCOMPARE(QByteArray(lines.at(0).bytes.data(), lines.at(0).bytes.size()), QByteArray("{\"a\":1}"));
    QCOMPARE(lines.at(1).index, 3);
}

void TestFhirValueParser::referencesResolve() {
    FhirReferenceResolver resolver;
    const QJsonObject patient = json(R"({"resourceType":"Patient","id":"p1"})");
    const QJsonObject observation = json(R"({"resourceType":"Observation","id":"o1"})");
    const int p = resolver.add(QStringLiteral("urn:uuid:aaaa"), QStringLiteral("Patient"), QStringLiteral("p1"), patient);
    const int o = resolver.add(QStringLiteral("https://example.com/base/Observation/o1"), QStringLiteral("Observation"),
                               QStringLiteral("o1"), observation);
    using RK = FhirResolvedReference::Kind;
    QCOMPARE(resolver.resolve(QStringLiteral("urn:uuid:aaaa")).kind, RK::Entry);
    QCOMPARE(resolver.resolve(QStringLiteral("urn:uuid:aaaa")).entry, p);
    QCOMPARE(resolver.resolve(QStringLiteral("Patient/p1")).entry, p);
    QCOMPARE(resolver.resolve(QStringLiteral("Observation/o1/_history/3")).entry, o);
    QCOMPARE(resolver.resolve(QStringLiteral("https://example.com/base/Observation/o1")).entry, o);
    QCOMPARE(resolver.resolve(QStringLiteral("https://other.org/fhir/Observation/o1")).kind, RK::Unresolved);
    QCOMPARE(resolver.resolve(QStringLiteral("urn:uuid:bbbb")).kind, RK::Unresolved);
    QCOMPARE(resolver.resolve(QStringLiteral("Patient/p2")).kind, RK::Unresolved);
    QCOMPARE(resolver.resolve(QStringLiteral("Patient/p2")).id, QStringLiteral("p2"));
    QCOMPARE(resolver.resolve(QString()).kind, RK::Empty);

    const FhirResolvedReference conditional =
        resolver.resolve(QStringLiteral("Organization?identifier=https://github.com/synthetichealth/synthea|abc"));
    QCOMPARE(conditional.kind, RK::Conditional);
    QCOMPARE(conditional.type, QStringLiteral("Organization"));
    QVERIFY(FhirReferenceResolver::isConditional(u"Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|999"));
    QVERIFY(!FhirReferenceResolver::isConditional(u"urn:uuid:x?y"));

    const QJsonObject request = json(R"({"resourceType":"MedicationRequest","id":"m",
        "contained":[{"resourceType":"Medication","id":"med1","code":{"text":"cisplatin"}}]})");
    const FhirResolvedReference contained = resolver.resolve(QStringLiteral("#med1"), request);
    QCOMPARE(contained.kind, RK::Contained);
    QCOMPARE(contained.type, QStringLiteral("Medication"));
    QCOMPARE(contained.resource.value(QLatin1String("code")).toObject().value(QLatin1String("text")).toString(),
             QStringLiteral("cisplatin"));
    QCOMPARE(resolver.resolve(QStringLiteral("#med2"), request).kind, RK::Unresolved);
    QCOMPARE(resolver.resolve(QStringLiteral("#"), request).kind, RK::Contained);
}

void TestFhirValueParser::duplicatesKeepTheFirst() {
    FhirReferenceResolver resolver;
    int duplicateOf = -2;
    const int first = resolver.add(QStringLiteral("urn:uuid:1"), QStringLiteral("Observation"), QStringLiteral("a"),
                                   QJsonObject(), &duplicateOf);
    QCOMPARE(duplicateOf, -1);
    resolver.add(QStringLiteral("urn:uuid:2"), QStringLiteral("Observation"), QStringLiteral("a"), QJsonObject(), &duplicateOf);
    QCOMPARE(duplicateOf, first);
    resolver.add(QStringLiteral("urn:uuid:1"), QStringLiteral("Condition"), QStringLiteral("c"), QJsonObject(), &duplicateOf);
    QCOMPARE(duplicateOf, first);
    QCOMPARE(resolver.resolve(QStringLiteral("Observation/a")).entry, first);
    QCOMPARE(resolver.resolve(QStringLiteral("Condition/c")).entry, 2);
}

void TestFhirValueParser::dosageTimingText_data() {
    QTest::addColumn<QString>("dosage");
    QTest::addColumn<QString>("timing");
    // clang-format off
    QTest::newRow("every 21 d") << R"({"timing":{"repeat":{"frequency":1,"period":21,"periodUnit":"d"}}})" << "every 21 d";
    QTest::newRow("no frequency") << R"({"timing":{"repeat":{"period":3,"periodUnit":"wk"}}})" << "every 3 wk";
    QTest::newRow("twice daily") << R"({"timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d"}}})" << "2 times every 1 d";
    QTest::newRow("every 4-6 h") << R"({"timing":{"repeat":{"frequency":1,"period":4,"periodMax":6,"periodUnit":"h"}}})" << "every 4–6 h";
    QTest::newRow("code") << R"({"timing":{"code":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation","code":"BID"}]}}})" << "BID";
    QTest::newRow("events") << R"({"timing":{"event":["2026-07-01","2026-07-08T09:00:00Z"]}})" << "on 2026-07-01, 2026-07-08T09:00:00Z";
    QTest::newRow("none") << R"({"text":"as needed"})" << "";
    // clang-format on
}

void TestFhirValueParser::dosageTimingText() {
    QFETCH(QString, dosage);
    QFETCH(QString, timing);
    const FhirFieldReader reader(json(dosage.toUtf8().constData()));
    QCOMPARE(FhirMedicationMapper::dosage(reader).timing, timing);
    QVERIFY2(!reader.failed(), qPrintable(reader.error().message()));
}

void TestFhirValueParser::cancerClassification_data() {
    QTest::addColumn<CodedConcept>("code");
    QTest::addColumn<bool>("cancer");
    const QString snomed = code_system::kSnomed;
    QTest::newRow("NSCLC SNOMED") << coded(snomed, QStringLiteral("254637007"), QStringLiteral("x")) << true;
    QTest::newRow("ICD-10 C34.1") << coded(code_system::kIcd10, QStringLiteral("C34.1"), QString()) << true;
    QTest::newRow("ICD-10-CM C97") << coded(code_system::kIcd10Cm, QStringLiteral("C97"), QString()) << true;
    QTest::newRow("ICD-10 D05.1 in situ") << coded(code_system::kIcd10, QStringLiteral("D05.1"), QString()) << true;
    QTest::newRow("ICD-10 D10 benign") << coded(code_system::kIcd10, QStringLiteral("D10.0"), QString()) << false;
    QTest::newRow("ICD-10 E11") << coded(code_system::kIcd10, QStringLiteral("E11.9"), QString()) << false;
    QTest::newRow("text lymphoma") << textOnly(QStringLiteral("Diffuse large B-cell lymphoma")) << true;
    QTest::newRow("text leukaemia") << textOnly(QStringLiteral("Acute myeloid leukaemia")) << true;
    QTest::newRow("suspected") << coded(snomed, QStringLiteral("162573006"), QStringLiteral("Suspected lung cancer (situation)")) << false;
    QTest::newRow("history of") << textOnly(QStringLiteral("History of malignant neoplasm of breast")) << false;
    QTest::newRow("benign") << textOnly(QStringLiteral("Benign neoplasm of colon")) << false;
    QTest::newRow("polyp") << coded(snomed, QStringLiteral("68496003"), QStringLiteral("Polyp of colon")) << false;
    QTest::newRow("burn") << coded(snomed, QStringLiteral("39065001"), QStringLiteral("Burn of ear")) << false;
}

void TestFhirValueParser::cancerClassification() {
    QFETCH(CodedConcept, code);
    QFETCH(bool, cancer);
    QCOMPARE(FhirOncologyClassifier::isCancer(code), cancer);
}

void TestFhirValueParser::chemotherapyClassification_data() {
    QTest::addColumn<CodedConcept>("code");
    QTest::addColumn<bool>("chemotherapy");
    const QString rx = code_system::kRxNorm;
    QTest::newRow("cisplatin ingredient") << coded(rx, QStringLiteral("2555"), QStringLiteral("cisplatin")) << true;
    QTest::newRow("carboplatin by name") << textOnly(QStringLiteral("Carboplatin 10 MG/ML Injectable Solution")) << true;
    QTest::newRow("5-FU") << textOnly(QStringLiteral("5-FU 50 mg/mL")) << true;
    QTest::newRow("pemetrexed") << textOnly(QStringLiteral("Pemetrexed 500 MG Injection")) << true;
    QTest::newRow("leucovorin") << coded(rx, QStringLiteral("1803932"), QStringLiteral("Leucovorin 100 MG Injection")) << false;
    QTest::newRow("leuprolide") << coded(rx, QStringLiteral("752899"), QStringLiteral("0.25 ML Leuprolide Acetate 30 MG/ML Prefilled Syringe")) << false;
    QTest::newRow("ondansetron") << textOnly(QStringLiteral("Ondansetron 8 MG")) << false;
}

void TestFhirValueParser::chemotherapyClassification() {
    QFETCH(CodedConcept, code);
    QFETCH(bool, chemotherapy);
    QCOMPARE(FhirOncologyClassifier::isChemotherapy(code), chemotherapy);
}

void TestFhirValueParser::procedureCategories_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("category");
    using C = ProcedureRecord::Category;
    QTest::newRow("chemoradiation") << "Combined chemotherapy and radiation therapy (procedure)" << int(C::Radiotherapy);
    QTest::newRow("teleradiotherapy") << "Megavoltage teleradiotherapy" << int(C::Radiotherapy);
    QTest::newRow("chemotherapy") << "Antineoplastic chemotherapy" << int(C::Chemotherapy);
    QTest::newRow("FNA biopsy") << "Fine needle aspiration biopsy of lung (procedure)" << int(C::Biopsy);
    QTest::newRow("CT") << "Computed tomography of chest and abdomen" << int(C::Imaging);
    QTest::newRow("CT abbreviation") << "CT thorax with contrast" << int(C::Imaging);
    QTest::newRow("MRI") << "Magnetic resonance imaging for measurement of brain volume (procedure)" << int(C::Imaging);
    QTest::newRow("X-ray") << "X-ray or wrist" << int(C::Imaging);
    QTest::newRow("lobectomy") << "Lobectomy of lung" << int(C::Surgery);
    QTest::newRow("resection") << "Partial resection of colon" << int(C::Surgery);
    QTest::newRow("colostomy") << "Construction of diverting colostomy" << int(C::Surgery);
    QTest::newRow("documentation") << "Documentation of current medications" << int(C::Other);
    QTest::newRow("colonoscopy") << "Colonoscopy" << int(C::Other);
}

void TestFhirValueParser::procedureCategories() {
    QFETCH(QString, text);
    QFETCH(int, category);
    QCOMPARE(int(FhirOncologyClassifier::procedureCategory(textOnly(text))), category);
}

void TestFhirValueParser::stageGroups_data() {
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("stage");
    QTest::newRow("Stage IIIA") << "Stage IIIA" << "IIIA";
    QTest::newRow("demo text") << "cT2a cN2 cM0, stage IIIA (AJCC 8th edition)" << "IIIA";
    QTest::newRow("Synthea") << "Non-small cell carcinoma of lung, TNM stage 1 (disorder)" << "1";
    QTest::newRow("IVB") << "stage ivb" << "IVB";
    QTest::newRow("none") << "Carcinoma in situ of prostate (disorder)" << "";
    QTest::newRow("stage not a group") << "Stage unknown" << "";
}

void TestFhirValueParser::stageGroups() {
    QFETCH(QString, label);
    QFETCH(QString, stage);
    QCOMPARE(FhirOncologyClassifier::stageGroup(label), stage);
}

DIDYMOS_TEST_MAIN(TestFhirValueParser)
#include "TestFhirValueParser.moc"
