// FhirRecordReader on bad and bulk input: malformed JSON gives line and column, every
// validator case ends cleanly, a broken entry skips only itself and names Bundle.entry[i],
// resource and field, conditional references are notes, several Patients, and NDJSON (one file
// or a bulk-export folder) gives the same record as the bundle.

#include "FhirRecordTestSupport.h"
#include "TestData.h"
#include "TestMain.h"

#include "twin/core/JobContext.h"
#include "twin/ehr/FhirRecordReader.h"

#include <QDir>
#include <QFileInfo>

using twin::core::Error;
using namespace twin::ehr;
using namespace twin::test::fhir;

class TestFhirRecordProblems : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase() {
        scratch_ = twin::test::scratchDir(QStringLiteral("ehr-fhir-record-problems"));
        QVERIFY(QFileInfo(scratch_).isDir());
    }
    void invalidJsonGivesLineAndColumn_data();
    void invalidJsonGivesLineAndColumn();
    void everyValidatorCaseEndsCleanly();
    void structurallyBrokenResourcesNameFileAndField();

    void oneBrokenEntrySkipsOnlyItself();
    void conditionalReferencesAreNotesNotErrors();
    void severalPatientsTakeTheFirst();
    void bundleEntryProblems();
    void ndjsonGivesTheSameRecordAsTheBundle();
    void directoryOfNdjsonFiles();

private:
    QString scratch_;
};

void TestFhirRecordProblems::invalidJsonGivesLineAndColumn_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("where");
    // Qt's error offsets as line/column; jq reports the same lines (15, 15/16, 7, 9, 1, 2).
    QTest::newRow("bad-json-close-1") << "bad-json-close-1.json" << "line 15, column 12: unterminated object";
    QTest::newRow("bad-json-close-2") << "bad-json-close-2.json" << "line 15, column 12: unterminated object";
    QTest::newRow("json-comma-bad-1") << "json-comma-bad-1.json" << "line 7, column 8: unterminated object";
    QTest::newRow("json-comma-bad-2") << "json-comma-bad-2.json" << "line 9, column 8: object is missing after a comma";
    QTest::newRow("json-comments-1") << "json-comments-1.json" << "line 1, column 2: illegal value";
    QTest::newRow("json-no-quotes-1") << "json-no-quotes-1.json" << "line 2, column 4: unterminated object";
}

void TestFhirRecordProblems::invalidJsonGivesLineAndColumn() {
    QFETCH(QString, file);
    QFETCH(QString, where);
    DIDYMOS_REQUIRE_TEST_DATA(root, "fhir/fhir-r4-examples-and-invalid/invalid-validator-cases");
    const QString path = root + QLatin1Char('/') + file;
    const auto result = FhirRecordReader::readFile(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), Error::Code::InvalidInput);
    QCOMPARE(result.error().file(), path);
    QCOMPARE(result.error().message(), path + QStringLiteral(": invalid JSON at ") + where);
}

void TestFhirRecordProblems::everyValidatorCaseEndsCleanly() {
    DIDYMOS_REQUIRE_TEST_DATA(cases, "fhir/fhir-r4-examples-and-invalid/invalid-validator-cases/cases.json");
    QFile index(cases);
    QVERIFY(index.open(QIODevice::ReadOnly));
    const QJsonArray list = QJsonDocument::fromJson(index.readAll()).array();
    QCOMPARE(list.size(), 20);
    int imported = 0;
    for (const QJsonValue &entry : list) {
        const QString path = QFileInfo(cases).absolutePath() + QLatin1Char('/') + entry.toObject().value(QLatin1String("file")).toString();
        for (bool requirePatient : {true, false}) {
            FhirReadOptions options;
            options.requirePatient = requirePatient;
            const auto result = FhirRecordReader::readFile(path, options);
            if (result.ok()) {
                imported += requirePatient ? 1 : 0;
                for (const QString &warning : result.value().warnings) QVERIFY2(warning.startsWith(path + QStringLiteral(": ")), qPrintable(warning));
            } else {
                QCOMPARE(result.error().file(), path);  // every failure names the file
                QVERIFY(!result.error().what().isEmpty());
            }
        }
    }
    // With a Patient and readable: ai3 (an unknown element is ignored), bundle-duplicate-id,
    // pat-security-bad-xhtml (narrative is not read), patient-id-bad-1/-3 (id warned about).
    QCOMPARE(imported, 5);
    const auto unknownElement = FhirRecordReader::readFile(QFileInfo(cases).absolutePath() + QStringLiteral("/ai3.json"));
    QVERIFY2(unknownElement.ok(), qPrintable(failureText(unknownElement)));
    QCOMPARE(unknownElement.value().demographics.givenName, QStringLiteral("John A."));
    const auto badId = FhirRecordReader::readFile(QFileInfo(cases).absolutePath() + QStringLiteral("/patient-id-bad-1.json"));
    QVERIFY2(badId.ok(), qPrintable(failureText(badId)));
    QCOMPARE(badId.value().warnings.size(), 1);
    QVERIFY2(badId.value().warnings.first().contains(QLatin1String("Patient/bad-id_1: field id: not a valid FHIR id")),
             qPrintable(badId.value().warnings.first()));
}

void TestFhirRecordProblems::structurallyBrokenResourcesNameFileAndField() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "fhir/fhir-r4-examples-and-invalid/invalid-validator-cases");
    const QString ai4 = root + QStringLiteral("/ai4.json");
    const auto badDate = FhirRecordReader::readFile(ai4);
    QVERIFY(!badDate.ok());
    QCOMPARE(badDate.error().message(), ai4 + QStringLiteral(": Patient/example: field birthDate: not a valid FHIR date: \"not a date\""));

    FhirReadOptions options;
    options.requirePatient = false;
    const QString pain = root + QStringLiteral("/Observation-ex-pain.json");
    const auto noCode = FhirRecordReader::readFile(pain, options);
    QVERIFY(!noCode.ok());
    QCOMPARE(noCode.error().message(), pain + QStringLiteral(": Observation/ex-pain: field code: missing (required)"));
    const auto noPatient = FhirRecordReader::readFile(pain);
    QCOMPARE(noPatient.error().message(), pain + QStringLiteral(": no Patient resource (read: 1 Observation)"));

    const QString synthea = root + QStringLiteral("/synthea.json");
    const auto reasonObject = FhirRecordReader::readFile(synthea, options);
    QVERIFY(!reasonObject.ok());
    QCOMPARE(reasonObject.error().message(), synthea + QStringLiteral(": Encounter/f003: field reasonCode: expected an array, got an object"));

    const QString bom = root + QStringLiteral("/xml-bad-entities.json");  // UTF-8 BOM: read past it
    QCOMPARE(FhirRecordReader::readFile(bom).error().message(), bom + QStringLiteral(": no Patient resource (read: 1 Encounter)"));
    const QString array = root + QStringLiteral("/cases.json");
    QCOMPARE(FhirRecordReader::readFile(array).error().message(),
             array + QStringLiteral(": not a FHIR resource: the JSON is an array, not an object with a resourceType"));
}

void TestFhirRecordProblems::oneBrokenEntrySkipsOnlyItself() {
    const QByteArray bundle = bundleOf({
        kPatient,
        R"({"resourceType":"Observation","id":"o1","code":{"text":"a"},"valueQuantity":{"value":1.5,"unit":"mg"}})",
        R"({"resourceType":"Observation","id":"abc","code":{"text":"b"},"valueQuantity":{"value":"7,2","unit":"mg"}})",
        R"({"resourceType":"Condition","id":"c1","code":{"text":"Adenocarcinoma of lung"}})",
        R"({"resourceType":"Observation","id":"o3","code":{"text":"c"},"valueBoolean":false})",
    }, "searchset");
    const auto result = FhirRecordReader::fromJson(bundle, QStringLiteral("five.json"));
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const PatientRecord &record = result.value();
    int imported = 0;
    for (int count : record.countsByType) imported += count;
    QCOMPARE(imported, 4);
    QCOMPARE(record.observations.size(), 2);
    QCOMPARE(record.conditions.size(), 1);
    QVERIFY(record.conditions.first().isCancer);
    QCOMPARE(record.demographics.birthDate, std::optional<QDate>(QDate(1960, 2, 1)));  // "1960-02"
    QCOMPARE(record.demographics.givenName, QStringLiteral("Ann B."));
    QCOMPARE(record.warnings.size(), 1);
    const QString &warning = record.warnings.first();
    QVERIFY2(warning.startsWith(QLatin1String("five.json: Bundle.entry[2] Observation/abc: field valueQuantity.value: not a number")),
             qPrintable(warning));
    QVERIFY2(warning.endsWith(QLatin1String("; resource skipped")), qPrintable(warning));
}

void TestFhirRecordProblems::conditionalReferencesAreNotesNotErrors() {
    // Newer Synthea: shared resources by conditional reference, not included in the bundle.
    const QByteArray bundle = bundleOf({
        kPatient,
        R"({"resourceType":"Encounter","id":"e1","class":{"code":"AMB"},"subject":{"reference":"urn:uuid:00000000-0000-0000-0000-000000000000"},
            "participant":[{"individual":{"reference":"Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999994792"}}],
            "serviceProvider":{"reference":"Organization?identifier=https://github.com/synthetichealth/synthea|ef58ea08"}})",
        R"({"resourceType":"Encounter","id":"e2","class":{"code":"EMER"},"subject":{"reference":"urn:uuid:00000000-0000-0000-0000-000000000000"},
            "serviceProvider":{"reference":"Organization?identifier=https://github.com/synthetichealth/synthea|ef58ea08"}})",
    }, "transaction");
    const auto result = FhirRecordReader::fromJson(bundle, QStringLiteral("new-synthea.json"));
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    QCOMPARE(result.value().encounters.size(), 2);
    QCOMPARE(result.value().encounters.at(1).encounterClass, QStringLiteral("emergency"));
    const QStringList &warnings = result.value().warnings;
    QCOMPARE(warnings.size(), 2);  // one per conditional target
    QCOMPARE(warnings.at(0), QStringLiteral("new-synthea.json: Bundle.entry[1] Encounter/e1: field serviceProvider: conditional reference "
                                            "Organization?identifier=https://github.com/synthetichealth/synthea|ef58ea08 kept "
                                            "unresolved (2 reference(s) to it)"));
    QVERIFY2(warnings.at(1).contains(QLatin1String("field participant: conditional reference Practitioner?identifier=")),
             qPrintable(warnings.at(1)));
}

void TestFhirRecordProblems::severalPatientsTakeTheFirst() {
    const QByteArray bundle = bundleOf({
        kPatient,
        R"({"resourceType":"Patient","id":"p2","name":[{"family":"Other"}]})",
        R"({"resourceType":"Observation","id":"o1","code":{"text":"a"},"subject":{"reference":"Patient/p1"},"valueInteger":1})",
        R"({"resourceType":"Observation","id":"o2","code":{"text":"a"},"subject":{"reference":"urn:uuid:00000000-0000-0000-0000-000000000001"},"valueInteger":2})",
        R"({"resourceType":"Observation","id":"o3","code":{"text":"a"},"subject":{"reference":"Patient/elsewhere"},"valueInteger":3})",
    });
    const auto first = FhirRecordReader::fromJson(bundle, QStringLiteral("two.json"));
    QVERIFY2(first.ok(), qPrintable(failureText(first)));
    QCOMPARE(first.value().demographics.id, QStringLiteral("p1"));
    QCOMPARE(first.value().observations.size(), 2);  // o1, and o3 whose subject is not in the input
    QCOMPARE(first.value().countsByType.value(QStringLiteral("Patient")), 1);
    QCOMPARE(first.value().warnings, (QStringList{
        QStringLiteral("two.json: Bundle.entry[1] Patient/p2: another Patient; only Patient/p1 is imported"),
        QStringLiteral("two.json: 1 reference(s) to resources not in the input kept unresolved (first: Bundle.entry[4] Observation/o3 field subject → Patient/elsewhere)"),
        QStringLiteral("two.json: 1 resource(s) of Patient/p2 skipped (only Patient/p1 is imported)"),
    }));

    FhirReadOptions options;
    options.patientId = QStringLiteral("p2");
    const auto second = FhirRecordReader::fromJson(bundle, QStringLiteral("two.json"), options);
    QVERIFY2(second.ok(), qPrintable(failureText(second)));
    QCOMPARE(second.value().demographics.familyName, QStringLiteral("Other"));
    QCOMPARE(second.value().observations.size(), 2);  // o2 and o3
    options.patientId = QStringLiteral("nobody");
    const auto none = FhirRecordReader::fromJson(bundle, QStringLiteral("two.json"), options);
    QCOMPARE(none.error().code(), Error::Code::NotFound);
    QCOMPARE(none.error().message(), QStringLiteral("two.json: no Patient with id or identifier \"nobody\" (Patients read: p1, p2)"));
}

void TestFhirRecordProblems::bundleEntryProblems() {
    const QByteArray bundle = R"({"resourceType":"Bundle","type":"transaction","entry":[
        {"resource":)" + QByteArray(kPatient) + R"(},
        42,
        {"request":{"method":"DELETE","url":"Observation/o0"}},
        {"resource":{"id":"no-type"}},
        {"response":{"status":"204"}},
        {"resource":{"resourceType":"Observation","id":"o1","code":{"text":"a"}}},
        {"resource":{"resourceType":"Observation","id":"o1","code":{"text":"again"}}},
        {"resource":{"resourceType":"MedicationRequest","id":"m1","status":"active","medicationReference":{"reference":"Medication/gone","display":"carboplatin"}}},
        {"resource":{"resourceType":"Claim","id":"cl1","patient":{"reference":"Patient/p1"}}}
    ]})";
    const auto result = FhirRecordReader::fromJson(bundle, QStringLiteral("b.json"));
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const PatientRecord &record = result.value();
    QCOMPARE(record.countsByType, (QMap<QString, int>{{QStringLiteral("Claim"), 1}, {QStringLiteral("MedicationRequest"), 1},
                                                      {QStringLiteral("Observation"), 1}, {QStringLiteral("Patient"), 1}}));
    QCOMPARE(record.observations.first().code.label(), QStringLiteral("a"));  // the first of the two o1
    QCOMPARE(record.medications.first().medication.label(), QStringLiteral("carboplatin"));  // the display
    QVERIFY(record.medications.first().isChemotherapy);
    QCOMPARE(record.warnings, (QStringList{
        QStringLiteral("b.json: Bundle.entry[1]: not an object, entry skipped"),
        QStringLiteral("b.json: Bundle.entry[2]: request DELETE Observation/o0 not applied (no resource), entry skipped"),
        QStringLiteral("b.json: Bundle.entry[3]: resource: missing resourceType, entry skipped"),
        QStringLiteral("b.json: Bundle.entry[7] MedicationRequest/m1: field medicationReference: Medication/gone not found; "
                       "the drug is known only by its display text"),
        QStringLiteral("b.json: 1 reference(s) to resources not in the input kept unresolved (first: Bundle.entry[7] "
                       "MedicationRequest/m1 field medicationReference → Medication/gone)"),
        QStringLiteral("b.json: 1 resource(s) repeat a fullUrl or type/id read before and were skipped (first: Bundle.entry[6] Observation/o1)"),
    }));
    // A bundle whose entry is not an array is not read at all.
    const auto broken = FhirRecordReader::fromJson(R"({"resourceType":"Bundle","entry":{}})", QStringLiteral("x.json"));
    QCOMPARE(broken.error().message(), QStringLiteral("x.json: Bundle.entry: expected an array"));
}

void TestFhirRecordProblems::ndjsonGivesTheSameRecordAsTheBundle() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "fhir/synthea-fhir-r4-bundles/Andy_Schaden_d630c6ca-046c-470a-8f3a-4dbc3850e7ae.json");
    const QJsonObject bundle = readJsonObject(path);
    const auto fromBundle = FhirRecordReader::readFile(path);
    QVERIFY2(fromBundle.ok(), qPrintable(failureText(fromBundle)));

    // Patient first (as one file in bundle order would not guarantee), then the rest by type.
    const QMap<QString, QByteArray> byType = asNdjsonByType(bundle);
    QByteArray ndjson = byType.value(QStringLiteral("Patient"));
    for (auto it = byType.cbegin(); it != byType.cend(); ++it) {
        if (it.key() != QLatin1String("Patient")) ndjson += it.value();
    }
    const QString file = scratch_ + QStringLiteral("/andy.ndjson");
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(ndjson);
    out.close();

    const auto fromNdjson = FhirRecordReader::readFile(file);
    QVERIFY2(fromNdjson.ok(), qPrintable(failureText(fromNdjson)));
    QVERIFY2(fromNdjson.value().warnings.isEmpty(), qPrintable(fromNdjson.value().warnings.join(QLatin1Char('\n'))));
    QCOMPARE(fromNdjson.value().observations.size(), 174);
    // Same facts; only the order of records (by type in the NDJSON) and where they were read differ.
    QStringList a = digest(fromBundle.value());
    QStringList b = digest(fromNdjson.value());
    a.sort();
    b.sort();
    QCOMPARE(b, a);
    const ObservationRecord &first = fromNdjson.value().observations.first();
    QCOMPARE(first.provenance.file, file);
    QVERIFY(first.provenance.entryIndex >= 1);  // the 0-based line

    // A broken line skips only itself and is reported with its line and column.
    QByteArray broken = ndjson;
    broken.insert(broken.indexOf('\n') + 1, "{\"resourceType\": \"Observation\", \"id\": \n");
    const auto withBrokenLine = FhirRecordReader::fromJson(broken, QStringLiteral("broken.ndjson"));
    QVERIFY2(withBrokenLine.ok(), qPrintable(failureText(withBrokenLine)));
    QCOMPARE(withBrokenLine.value().observations.size(), 174);
    QCOMPARE(withBrokenLine.value().warnings.size(), 1);
    QVERIFY2(withBrokenLine.value().warnings.first().startsWith(QLatin1String("broken.ndjson: invalid JSON at line 2, column ")),
             qPrintable(withBrokenLine.value().warnings.first()));
}

void TestFhirRecordProblems::directoryOfNdjsonFiles() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "fhir/synthea-fhir-r4-bundles/Andy_Schaden_d630c6ca-046c-470a-8f3a-4dbc3850e7ae.json");
    const QString dir = scratch_ + QStringLiteral("/bulk");
    QVERIFY(QDir().mkpath(dir));
    const QMap<QString, QByteArray> byType = asNdjsonByType(readJsonObject(path));
    for (auto it = byType.cbegin(); it != byType.cend(); ++it) {  // a bulk export: one file per type
        QFile out(dir + QLatin1Char('/') + it.key() + QStringLiteral(".ndjson"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(it.value());
    }
    QFile junk(dir + QStringLiteral("/notes.json"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not json");
    junk.close();

    const auto fromDirectory = FhirRecordReader::readDirectory(dir);
    QVERIFY2(fromDirectory.ok(), qPrintable(failureText(fromDirectory)));
    const auto fromBundle = FhirRecordReader::readFile(path);
    QVERIFY2(fromBundle.ok(), qPrintable(failureText(fromBundle)));
    QStringList a = digest(fromBundle.value());
    QStringList b = digest(fromDirectory.value());
    a.sort();
    b.sort();
    QCOMPARE(b, a);
    QCOMPARE(fromDirectory.value().sources.size(), byType.size());
    QCOMPARE(fromDirectory.value().warnings.size(), 1);
    // "not json": 'n' may still start `null`; the 'o' at column 2 is the first impossible character.
    QCOMPARE(fromDirectory.value().warnings.first(),
             dir + QStringLiteral("/notes.json: invalid JSON at line 1, column 2: illegal value; file skipped"));

    const auto empty = FhirRecordReader::readDirectory(scratch_ + QStringLiteral("/no-such-dir"));
    QCOMPARE(empty.error().code(), Error::Code::NotFound);
}

DIDYMOS_TEST_MAIN(TestFhirRecordProblems)
#include "TestFhirRecordProblems.moc"
