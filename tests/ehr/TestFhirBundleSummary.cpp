// FhirBundleSummary on real bundles (Synthea transactions, an official collection), on the
// official invalid-JSON and non-Bundle cases, and on entries that must be skipped with a warning
// naming "Bundle.entry[i]"; errors name the file (and the field at fault).

#include "TestMain.h"

#include "twin/ehr/FhirBundleSummary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

using twin::core::Error;
using twin::ehr::FhirBundleSummary;

namespace {

/// "Type=count,..." in key order, the form of the expected values below.
QString countsText(const QMap<QString, int> &counts) {
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        parts << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    }
    return parts.join(QLatin1Char(','));
}

QString failureText(const twin::core::Result<FhirBundleSummary> &result) {
    return result.ok() ? QStringLiteral("read without error") : result.error().message();
}

/// A bundle whose entries 1, 2 and 4 have no resource type: one resource without it, one
/// entry without a resource (a transaction DELETE), one entry that is not an object.
const char kBundleWithBadEntries[] = R"({
  "resourceType": "Bundle",
  "type": "transaction",
  "entry": [
    {"resource": {"resourceType": "Patient", "id": "p1"}},
    {"resource": {"id": "no-type"}},
    {"request": {"method": "DELETE", "url": "Observation/o0"}},
    {"resource": {"resourceType": "Observation", "id": "o1"}},
    42,
    {"resource": {"resourceType": "Observation", "id": "o2"}}
  ]
})";

}  // namespace


class TestFhirBundleSummary : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase();

    void countsSyntheaBundle_data();
    void countsSyntheaBundle();
    void countsOfficialCollectionBundles_data();
    void countsOfficialCollectionBundles();

    void invalidJsonNamesFileAndByte_data();
    void invalidJsonNamesFileAndByte();
    void nonBundleIsAnErrorAtResourceType_data();
    void nonBundleIsAnErrorAtResourceType();

    void entryWithoutResourceTypeIsSkippedWithWarning();
    void warningsNameTheFileWhenReadFromDisk();
    void emptyBundle();

    void missingFileIsIoErrorNamingIt();
    void directoryIsIoErrorNamingIt();

private:
    QString scratch_;
};

void TestFhirBundleSummary::initTestCase() {
    scratch_ = twin::test::scratchDir(QStringLiteral("ehr-fhir-bundle-summary"));
    QVERIFY(QFileInfo(scratch_).isDir());
}

void TestFhirBundleSummary::countsSyntheaBundle_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("total");
    QTest::addColumn<QString>("counts");
    // Counted once from the fixed public files with
    //   jq '.entry | length' <file>
    //   jq -r '[.entry[].resource.resourceType] | group_by(.) | map("\(.[0])=\(length)") | join(",")' <file>
    // (every entry of these bundles has a resource with a resourceType, so the two agree).
    // clang-format off
    QTest::newRow("Andy_Schaden (NSCLC)")
        << "Andy_Schaden_d630c6ca-046c-470a-8f3a-4dbc3850e7ae.json" << 277
        << "CarePlan=2,Claim=20,Condition=8,DiagnosticReport=14,Encounter=16,ExplanationOfBenefit=16,Goal=5,"
           "Immunization=11,MedicationRequest=4,Observation=174,Organization=1,Patient=1,Practitioner=1,Procedure=4";
    QTest::newRow("Austin_Franecki")
        << "Austin_Franecki_f23eef30-acb2-49da-8091-159b61dc1ed5.json" << 705
        << "CarePlan=2,Claim=166,Condition=8,DiagnosticReport=15,Encounter=69,ExplanationOfBenefit=69,Goal=5,"
           "Immunization=10,MedicationRequest=97,Observation=188,Organization=3,Patient=1,Practitioner=3,Procedure=69";
    QTest::newRow("Fletcher_Hyatt (5 ImagingStudy)")
        << "Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json" << 1111
        << "CarePlan=9,Claim=249,Condition=20,DiagnosticReport=30,Encounter=127,ExplanationOfBenefit=127,Goal=3,"
           "ImagingStudy=5,Immunization=10,MedicationRequest=122,Observation=351,Organization=2,Patient=1,"
           "Practitioner=2,Procedure=53";
    QTest::newRow("Granville_Crooks")
        << "Granville_Crooks_271033b4-ab72-469d-87e2-bbd6c6ecec1f.json" << 476
        << "CarePlan=5,Claim=29,Condition=9,DiagnosticReport=25,Encounter=26,ExplanationOfBenefit=26,Goal=5,"
           "Immunization=8,MedicationRequest=3,Observation=319,Organization=2,Patient=1,Practitioner=2,Procedure=16";
    QTest::newRow("Micah_Schinner")
        << "Micah_Schinner_d4d72610-ec40-42ed-b34f-09e286181ee9.json" << 422
        << "AllergyIntolerance=1,CarePlan=3,Claim=28,Condition=5,DiagnosticReport=19,Encounter=26,"
           "ExplanationOfBenefit=26,Immunization=12,MedicationRequest=2,Observation=277,Organization=2,Patient=1,"
           "Practitioner=2,Procedure=18";
    QTest::newRow("Sherman_McGlynn")
        << "Sherman_McGlynn_8ef2ef98-48c5-427e-80d4-5e8f30ac8bf5.json" << 716
        << "CarePlan=6,Claim=171,Condition=13,DiagnosticReport=12,Encounter=72,ExplanationOfBenefit=72,"
           "Immunization=12,MedicationRequest=99,Observation=188,Organization=1,Patient=1,Practitioner=1,Procedure=68";
    // clang-format on
}

void TestFhirBundleSummary::countsSyntheaBundle() {
    QFETCH(QString, file);
    QFETCH(int, total);
    QFETCH(QString, counts);
    DIDYMOS_REQUIRE_TEST_DATA(path, QStringLiteral("fhir/synthea-fhir-r4-bundles/") + file);

    const auto result = FhirBundleSummary::readFile(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const FhirBundleSummary &summary = result.value();
    QCOMPARE(summary.bundleType, QStringLiteral("transaction"));
    QCOMPARE(countsText(summary.countsByType), counts);
    QCOMPARE(summary.countsByType.value(QStringLiteral("Patient")), 1);
    QCOMPARE(summary.total(), total);
    QVERIFY2(summary.warnings.isEmpty(), qPrintable(summary.warnings.join(QLatin1Char('\n'))));
}

void TestFhirBundleSummary::countsOfficialCollectionBundles_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("total");
    QTest::addColumn<QString>("counts");
    // Same jq commands as above.
    // clang-format off
    QTest::newRow("diagnosticreport-example")
        << "fhir-r4-examples-and-invalid/valid-official-examples/diagnosticreport-example.json" << 18
        << "DiagnosticReport=1,Observation=17";
    // Semantically invalid (duplicate ids, relative fullUrl) but well-formed: still counted.
    QTest::newRow("bundle-duplicate-id")
        << "fhir-r4-examples-and-invalid/invalid-validator-cases/bundle-duplicate-id.json" << 2
        << "Patient=1,RelatedPerson=1";
    // clang-format on
}

void TestFhirBundleSummary::countsOfficialCollectionBundles() {
    QFETCH(QString, file);
    QFETCH(int, total);
    QFETCH(QString, counts);
    DIDYMOS_REQUIRE_TEST_DATA(path, QStringLiteral("fhir/") + file);

    const auto result = FhirBundleSummary::readFile(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    QCOMPARE(result.value().bundleType, QStringLiteral("collection"));
    QCOMPARE(countsText(result.value().countsByType), counts);
    QCOMPARE(result.value().total(), total);
    QVERIFY(result.value().warnings.isEmpty());
}

void TestFhirBundleSummary::invalidJsonNamesFileAndByte_data() {
    QTest::addColumn<QString>("file");
    // The syntax-level cases of the set (SOURCE.txt; jq rejects them too).
    for (const char *name : {"bad-json-close-1.json", "bad-json-close-2.json", "json-comma-bad-1.json",
                             "json-comma-bad-2.json", "json-comments-1.json", "json-no-quotes-1.json"}) {
        QTest::newRow(name) << QStringLiteral("fhir-r4-examples-and-invalid/invalid-validator-cases/") +
                                   QLatin1String(name);
    }
}

void TestFhirBundleSummary::invalidJsonNamesFileAndByte() {
    QFETCH(QString, file);
    DIDYMOS_REQUIRE_TEST_DATA(path, QStringLiteral("fhir/") + file);

    const auto result = FhirBundleSummary::readFile(path);
    QVERIFY2(!result.ok(), qPrintable(path));
    const Error &error = result.error();
    QCOMPARE(error.code(), Error::Code::InvalidInput);
    QCOMPARE(error.file(), path);
    QVERIFY2(error.message().startsWith(path + QStringLiteral(": invalid JSON at byte ")), qPrintable(error.message()));
    // The byte offset is a position inside the file.
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("invalid JSON at byte (\\d+): \\S")).match(error.message());
    QVERIFY2(match.hasMatch(), qPrintable(error.message()));
    const qint64 offset = match.captured(1).toLongLong();
    QVERIFY2(offset > 0 && offset <= QFileInfo(path).size(), qPrintable(error.message()));
}

void TestFhirBundleSummary::nonBundleIsAnErrorAtResourceType_data() {
    QTest::addColumn<QString>("file");
    // clang-format off
    QTest::newRow("Patient") << "fhir-r4-examples-and-invalid/valid-official-examples/patient-example.json";
    QTest::newRow("Observation") << "fhir-r4-examples-and-invalid/valid-official-examples/observation-example.json";
    QTest::newRow("Questionnaire named bundle-*") << "fhir-r4-examples-and-invalid/valid-official-examples/bundle-questionnaire.json";
    QTest::newRow("Encounter after a UTF-8 BOM") << "fhir-r4-examples-and-invalid/invalid-validator-cases/xml-bad-entities.json";
    QTest::newRow("JSON array, not an object") << "fhir-r4-examples-and-invalid/invalid-validator-cases/cases.json";
    // clang-format on
}

void TestFhirBundleSummary::nonBundleIsAnErrorAtResourceType() {
    QFETCH(QString, file);
    DIDYMOS_REQUIRE_TEST_DATA(path, QStringLiteral("fhir/") + file);

    const auto result = FhirBundleSummary::readFile(path);
    QVERIFY2(!result.ok(), qPrintable(path));
    const Error &error = result.error();
    QCOMPARE(error.code(), Error::Code::InvalidInput);
    QCOMPARE(error.file(), path);
    QCOMPARE(error.field(), QStringLiteral("resourceType"));
    QCOMPARE(error.message(), path + QStringLiteral(": resourceType: expected a FHIR Bundle"));
}

void TestFhirBundleSummary::entryWithoutResourceTypeIsSkippedWithWarning() {
    const QString source = QStringLiteral("in-memory.json");
    const auto result = FhirBundleSummary::fromJson(QByteArray(kBundleWithBadEntries), source);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const FhirBundleSummary &summary = result.value();
    QCOMPARE(summary.bundleType, QStringLiteral("transaction"));
    QCOMPARE(countsText(summary.countsByType), QStringLiteral("Observation=2,Patient=1"));
    QCOMPARE(summary.total(), 3);
    QCOMPARE(summary.warnings.size(), 3);
    const int skipped[] = {1, 2, 4};
    for (int i = 0; i < 3; ++i) {
        const QString &warning = summary.warnings.at(i);
        QVERIFY2(warning.startsWith(source + QStringLiteral(": ")), qPrintable(warning));
        QVERIFY2(warning.contains(QStringLiteral("Bundle.entry[%1]").arg(skipped[i])), qPrintable(warning));
        QVERIFY2(warning.contains(QLatin1String("resourceType")), qPrintable(warning));
        QVERIFY2(warning.contains(QLatin1String("skipped")), qPrintable(warning));
    }
}

void TestFhirBundleSummary::warningsNameTheFileWhenReadFromDisk() {
    const QString path = scratch_ + QStringLiteral("/bad-entries.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kBundleWithBadEntries);
    file.close();

    const auto result = FhirBundleSummary::readFile(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    QCOMPARE(result.value().total(), 3);
    QCOMPARE(result.value().warnings.size(), 3);
    QCOMPARE(result.value().warnings.first(),
             path + QStringLiteral(": Bundle.entry[1].resource: missing resourceType, entry skipped"));
}

void TestFhirBundleSummary::emptyBundle() {
    const auto result =
        FhirBundleSummary::fromJson(R"({"resourceType": "Bundle", "type": "searchset", "total": 0})", QStringLiteral("x"));
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    QCOMPARE(result.value().bundleType, QStringLiteral("searchset"));
    QVERIFY(result.value().countsByType.isEmpty());
    QCOMPARE(result.value().total(), 0);
    QVERIFY(result.value().warnings.isEmpty());

    const auto empty = FhirBundleSummary::fromJson(QByteArray(), QStringLiteral("empty.json"));
    QVERIFY(!empty.ok());
    QVERIFY2(empty.error().message().startsWith(QLatin1String("empty.json: invalid JSON at byte 0")),
             qPrintable(empty.error().message()));
}

void TestFhirBundleSummary::missingFileIsIoErrorNamingIt() {
    const QString path = scratch_ + QStringLiteral("/no-such-bundle.json");
    QVERIFY(!QFileInfo::exists(path));
    const auto result = FhirBundleSummary::readFile(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), Error::Code::Io);
    QCOMPARE(result.error().file(), path);
    QVERIFY2(result.error().message().startsWith(path + QStringLiteral(": cannot open")),
             qPrintable(result.error().message()));
}

void TestFhirBundleSummary::directoryIsIoErrorNamingIt() {
    const QString path = scratch_ + QStringLiteral("/a-folder.json");
    QVERIFY(QDir().mkpath(path));
    const auto result = FhirBundleSummary::readFile(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), Error::Code::Io);
    QCOMPARE(result.error().file(), path);
}

DIDYMOS_TEST_MAIN(TestFhirBundleSummary)
#include "TestFhirBundleSummary.moc"
