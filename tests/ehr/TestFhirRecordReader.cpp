// FhirRecordReader on real input: the six Synthea bundles, the official FHIR R4 examples, the
// demo patient's bundle, progress/cancel and whole-file failures. Expected demographics are the
// values in the files (looked up with jq, quoted below); resource counts are checked against a
// count of the raw JSON made in the test, not by the reader. Bad entries, malformed JSON and
// NDJSON are in TestFhirRecordProblems.

#include "FhirRecordTestSupport.h"
#include "TestData.h"
#include "TestMain.h"

#include "twin/core/JobContext.h"
#include "twin/ehr/FhirRecordReader.h"
#include "twin/phantom/DemoPatientGenerator.h"

#include <QDir>
#include <QFileInfo>

using twin::core::Error;
using namespace twin::ehr;
using namespace twin::test::fhir;

class TestFhirRecordReader : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase();

    void syntheaBundles_data();
    void syntheaBundles();
    void syntheaLungCancerTreatment_data();
    void syntheaLungCancerTreatment();
    void syntheaNonCytotoxicsAndSuspectedCancer();
    void syntheaValues();
    void syntheaImagingStudies();
    void syntheaReportsAndAllergies();

    void officialSingleResources();
    void officialMedicationsWithContainedMedication();
    void officialDiagnosticReportBundle();
    void officialPatient();

    void demoPatientBundle();
    void progressAndCancellation();
    void missingFileAndNotFhir();

private:
    QString scratch_;
};

void TestFhirRecordReader::initTestCase() {
    scratch_ = twin::test::scratchDir(QStringLiteral("ehr-fhir-record-reader"));
    QVERIFY(QFileInfo(scratch_).isDir());
}

void TestFhirRecordReader::syntheaBundles_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("family");
    QTest::addColumn<QString>("given");
    QTest::addColumn<QDate>("birthDate");
    // From the files: jq '.entry[0].resource | [.name[0].family, .name[0].given, .birthDate, .gender]'
    // (all six are male; Andy_Schaden is alive, the others have a deceasedDateTime).
    QTest::newRow("Andy_Schaden") << "Andy_Schaden_d630c6ca-046c-470a-8f3a-4dbc3850e7ae.json" << "Schaden" << "Andy" << QDate(1932, 6, 9);
    QTest::newRow("Austin_Franecki") << "Austin_Franecki_f23eef30-acb2-49da-8091-159b61dc1ed5.json" << "Franecki" << "Austin" << QDate(1920, 4, 23);
    QTest::newRow("Fletcher_Hyatt") << "Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json" << "Hyatt" << "Fletcher" << QDate(1915, 7, 3);
    QTest::newRow("Granville_Crooks") << "Granville_Crooks_271033b4-ab72-469d-87e2-bbd6c6ecec1f.json" << "Crooks" << "Granville" << QDate(1953, 1, 10);
    QTest::newRow("Micah_Schinner") << "Micah_Schinner_d4d72610-ec40-42ed-b34f-09e286181ee9.json" << "Schinner" << "Micah" << QDate(1959, 12, 7);
    QTest::newRow("Sherman_McGlynn") << "Sherman_McGlynn_8ef2ef98-48c5-427e-80d4-5e8f30ac8bf5.json" << "McGlynn" << "Sherman" << QDate(1936, 10, 6);
}

void TestFhirRecordReader::syntheaBundles() {
    QFETCH(QString, file);
    QFETCH(QString, family);
    QFETCH(QString, given);
    QFETCH(QDate, birthDate);
    DIDYMOS_REQUIRE_TEST_DATA(root, "fhir/synthea-fhir-r4-bundles");
    const QString path = root + QLatin1Char('/') + file;

    const auto result = FhirRecordReader::readFile(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const PatientRecord &record = result.value();
    QCOMPARE(record.demographics.familyName, family);
    QCOMPARE(record.demographics.givenName, given);
    QCOMPARE(record.demographics.birthDate, std::optional<QDate>(birthDate));
    QCOMPARE(record.demographics.sex, QStringLiteral("male"));
    QCOMPARE(record.sources, QStringList{path});
    // Synthea 2019 bundles reference everything by urn:uuid inside the bundle: nothing to note.
    QVERIFY2(record.warnings.isEmpty(), qPrintable(record.warnings.join(QLatin1Char('\n'))));

    const QMap<QString, int> raw = rawCounts(readJsonObject(path));
    QCOMPARE(record.countsByType, raw);  // every resource read is counted, mapped or not (Claim, Goal …)
    QCOMPARE(record.countsByType.value(QStringLiteral("Patient")), 1);
    QCOMPARE(record.observations.size(), raw.value(QStringLiteral("Observation")));
    QCOMPARE(record.conditions.size(), raw.value(QStringLiteral("Condition")));
    QCOMPARE(record.encounters.size(), raw.value(QStringLiteral("Encounter")));
    QCOMPARE(record.procedures.size(), raw.value(QStringLiteral("Procedure")));
    QCOMPARE(record.medications.size(), raw.value(QStringLiteral("MedicationRequest")));
    QCOMPARE(record.reports.size(), raw.value(QStringLiteral("DiagnosticReport")));
    QCOMPARE(record.carePlans.size(), raw.value(QStringLiteral("CarePlan")));
    QCOMPARE(record.allergies.size(), raw.value(QStringLiteral("AllergyIntolerance")));
    QCOMPARE(record.imagingStudies.size(), raw.value(QStringLiteral("ImagingStudy")));
    for (const ObservationRecord &observation : record.observations) {
        QVERIFY(observation.effective.isValid());
        QCOMPARE(observation.provenance.file, path);
        QCOMPARE(observation.provenance.resourceType, QStringLiteral("Observation"));
        QVERIFY(observation.provenance.entryIndex > 0);
    }
    QCOMPARE(record.demographics.provenance.entryIndex, 0);
    QCOMPARE(countIf(record.conditions, [](const ConditionRecord &c) { return c.isCancer; }) > 0, true);
}

void TestFhirRecordReader::syntheaLungCancerTreatment_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("cancerCode");
    QTest::addColumn<QString>("secondDrug");
    QTest::addColumn<int>("cycles");
    // jq: Condition codes; MedicationRequest texts; Procedure 703423002 count.
    QTest::newRow("Austin_Franecki NSCLC") << "Austin_Franecki_f23eef30-acb2-49da-8091-159b61dc1ed5.json" << "254637007" << "paclitaxel" << 48;
    QTest::newRow("Fletcher_Hyatt NSCLC") << "Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json" << "254637007" << "paclitaxel" << 36;
    QTest::newRow("Sherman_McGlynn SCLC") << "Sherman_McGlynn_8ef2ef98-48c5-427e-80d4-5e8f30ac8bf5.json" << "254632001" << "etoposide" << 45;
}

void TestFhirRecordReader::syntheaLungCancerTreatment() {
    QFETCH(QString, file);
    QFETCH(QString, cancerCode);
    QFETCH(QString, secondDrug);
    QFETCH(int, cycles);
    DIDYMOS_REQUIRE_TEST_DATA(root, "fhir/synthea-fhir-r4-bundles");
    const auto result = FhirRecordReader::readFile(root + QLatin1Char('/') + file);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const PatientRecord &record = result.value();

    const auto cancer = std::find_if(record.conditions.begin(), record.conditions.end(),
                                     [&](const ConditionRecord &c) { return c.code.hasCode(code_system::kSnomed, cancerCode); });
    QVERIFY(cancer != record.conditions.end());
    QVERIFY(cancer->isCancer);
    QVERIFY(cancer->onset.isValid());
    // The staged diagnosis: "…, TNM stage 1 (disorder)", no Condition.stage element in Synthea.
    const auto staged = std::find_if(record.conditions.begin(), record.conditions.end(),
                                     [](const ConditionRecord &c) { return !c.stage.isEmpty(); });
    QVERIFY(staged != record.conditions.end());
    QVERIFY(staged->isCancer);
    QCOMPARE(staged->stage, QStringLiteral("1"));
    QCOMPARE(staged->stageType, QStringLiteral("diagnosis code"));

    auto chemo = [&](const QString &name) {
        return countIf(record.medications, [&](const MedicationRecord &m) {
            return m.isChemotherapy && m.kind == MedicationRecord::Kind::Request &&
                   m.medication.label().contains(name, Qt::CaseInsensitive);
        });
    };
    QCOMPARE(chemo(QStringLiteral("cisplatin")), cycles);
    QCOMPARE(chemo(secondDrug), cycles);
    const auto cisplatin = std::find_if(record.medications.begin(), record.medications.end(), [](const MedicationRecord &m) {
        return m.medication.hasCode(code_system::kRxNorm, QStringLiteral("1736854"));
    });
    QVERIFY(cisplatin != record.medications.end());
    QCOMPARE(cisplatin->medication.label(), QStringLiteral("Cisplatin 50 MG Injection"));
    QVERIFY(cisplatin->start.isValid());

    const int radiotherapy = countIf(record.procedures, [](const ProcedureRecord &p) {
        return p.category == ProcedureRecord::Category::Radiotherapy && p.code.hasCode(code_system::kSnomed, QStringLiteral("703423002"));
    });
    QCOMPARE(radiotherapy, cycles);
    QCOMPARE(countIf(record.procedures, [](const ProcedureRecord &p) { return p.category == ProcedureRecord::Category::Imaging; }) > 0, true);
    // Lung biopsy (NSCLC: fine needle aspiration) or bronchoscopy (SCLC, Other).
    for (const ProcedureRecord &p : record.procedures) {
        if (p.code.hasCode(code_system::kSnomed, QStringLiteral("432231006"))) QCOMPARE(p.category, ProcedureRecord::Category::Biopsy);
        if (p.code.hasCode(code_system::kSnomed, QStringLiteral("418891003"))) QCOMPARE(p.category, ProcedureRecord::Category::Imaging);
        QVERIFY(p.start.isValid());
    }
}

void TestFhirRecordReader::syntheaNonCytotoxicsAndSuspectedCancer() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "fhir/synthea-fhir-r4-bundles/Micah_Schinner_d4d72610-ec40-42ed-b34f-09e286181ee9.json");
    const auto result = FhirRecordReader::readFile(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    // Oxaliplatin is a cytotoxic, leucovorin (its partner in FOLFOX) is not.
    QCOMPARE(result.value().medications.size(), 2);
    for (const MedicationRecord &m : result.value().medications) {
        QCOMPARE(m.isChemotherapy, m.medication.label().contains(QLatin1String("oxaliplatin")));
    }
    const auto colostomy = std::find_if(result.value().procedures.begin(), result.value().procedures.end(),
                                        [](const ProcedureRecord &p) { return p.code.hasCode({}, QStringLiteral("387607004")); });
    QVERIFY(colostomy != result.value().procedures.end());
    QCOMPARE(colostomy->category, ProcedureRecord::Category::Surgery);

    DIDYMOS_REQUIRE_TEST_DATA(austin, "fhir/synthea-fhir-r4-bundles/Austin_Franecki_f23eef30-acb2-49da-8091-159b61dc1ed5.json");
    const auto lung = FhirRecordReader::readFile(austin);
    QVERIFY2(lung.ok(), qPrintable(failureText(lung)));
    // "Suspected lung cancer (situation)" is not a diagnosis; obesity is not a cancer.
    for (const ConditionRecord &c : lung.value().conditions) {
        if (c.code.hasCode({}, QStringLiteral("162573006")) || c.code.hasCode({}, QStringLiteral("162864005"))) QVERIFY(!c.isCancer);
    }
    QCOMPARE(countIf(lung.value().conditions, [](const ConditionRecord &c) { return c.isCancer; }), 2);
    QCOMPARE(lung.value().demographics.deceasedDate, std::optional<QDate>(QDate(1989, 7, 25)));  // deceasedDateTime
}

void TestFhirRecordReader::syntheaValues() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "fhir/synthea-fhir-r4-bundles/Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json");
    const auto result = FhirRecordReader::readFile(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const PatientRecord &record = result.value();

    // Blood pressure (jq: .resource.id == "8edb9ce6-…"): diastolic listed first in the file.
    const ObservationRecord *bp = observationById(record, QStringLiteral("8edb9ce6-9a1a-4bb2-9643-a8385556abc5"));
    QVERIFY(bp);
    QVERIFY(bp->code.hasCode(code_system::kLoinc, QStringLiteral("55284-4")));
    QCOMPARE(bp->category, QStringLiteral("vital-signs"));
    QCOMPARE(bp->effective, QDateTime(QDate(1986, 11, 1), QTime(19, 20, 6), Qt::UTC));
    QCOMPARE(bp->value.kind, ObservationValue::Kind::None);
    QCOMPARE(bp->components.size(), 2);
    QVERIFY(bp->components.at(0).code.hasCode(code_system::kLoinc, QStringLiteral("8462-4")));
    QCOMPARE(bp->components.at(0).value.number, std::optional<double>(111.07691078690335));
    QCOMPARE(bp->components.at(0).value.unit, QStringLiteral("mm[Hg]"));
    QVERIFY(bp->components.at(1).code.hasCode(code_system::kLoinc, QStringLiteral("8480-6")));
    QCOMPARE(bp->components.at(1).value.number, std::optional<double>(175.2317870721692));
    QCOMPARE(bp->components.at(1).value.unit, QStringLiteral("mm[Hg]"));

    const ObservationRecord *smoking = observationById(record, QStringLiteral("78642cab-e6b3-4df8-8933-1e8db1c64d26"));
    QVERIFY(smoking);
    QCOMPARE(smoking->category, QStringLiteral("survey"));
    QCOMPARE(smoking->value.kind, ObservationValue::Kind::CodeableConcept);
    QVERIFY(smoking->value.codedValue.hasCode(code_system::kSnomed, QStringLiteral("8517006")));
    QCOMPARE(smoking->value.display(), QStringLiteral("Former smoker"));

    const ObservationRecord *weight = observationById(record, QStringLiteral("456d5556-8a42-4e1f-9127-b0c72c5e29ae"));
    QVERIFY(weight);
    QVERIFY(weight->value.isNumeric());
    QCOMPARE(weight->value.number, std::optional<double>(88.5869051115217));
    QCOMPARE(weight->value.unit, QStringLiteral("kg"));
    QVERIFY(record.latest(QStringLiteral("29463-7")) != nullptr);

    DIDYMOS_REQUIRE_TEST_DATA(granville, "fhir/synthea-fhir-r4-bundles/Granville_Crooks_271033b4-ab72-469d-87e2-bbd6c6ecec1f.json");
    const auto other = FhirRecordReader::readFile(granville);
    QVERIFY2(other.ok(), qPrintable(failureText(other)));
    const ObservationRecord *hiv = observationById(other.value(), QStringLiteral("f36030ec-c1f3-4b1a-bea9-eb031e7411a6"));
    QVERIFY(hiv);
    QCOMPARE(hiv->value.kind, ObservationValue::Kind::String);
    QCOMPARE(hiv->value.text, QStringLiteral("not HIV positive"));
}

void TestFhirRecordReader::syntheaImagingStudies() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "fhir/synthea-fhir-r4-bundles/Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json");
    const auto result = FhirRecordReader::readFile(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const QList<ImagingStudyRecord> &studies = result.value().imagingStudies;
    QCOMPARE(studies.size(), 5);
    for (const ImagingStudyRecord &study : studies) {
        QVERIFY2(study.studyInstanceUid.startsWith(QLatin1String("1.2.840.99999999.")), qPrintable(study.studyInstanceUid));
        QVERIFY(!study.seriesInstanceUids.isEmpty());
        QVERIFY(!study.modalities.isEmpty());
        QVERIFY(study.started.isValid());
    }
    // The first (jq: identifier[0].value "urn:oid:1.2.840.99999999.81988688.1559319182218"), a wrist DX.
    QCOMPARE(studies.first().studyInstanceUid, QStringLiteral("1.2.840.99999999.81988688.1559319182218"));
    QCOMPARE(studies.first().seriesInstanceUids, QStringList{QStringLiteral("1.2.840.99999999.1.13434123.1559319182218")});
    QCOMPARE(studies.first().modalities, QStringList{QStringLiteral("DX")});
}

void TestFhirRecordReader::syntheaReportsAndAllergies() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "fhir/synthea-fhir-r4-bundles/Micah_Schinner_d4d72610-ec40-42ed-b34f-09e286181ee9.json");
    const auto result = FhirRecordReader::readFile(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const PatientRecord &record = result.value();
    const auto cbc = std::find_if(record.reports.begin(), record.reports.end(), [](const DiagnosticReportRecord &r) {
        return r.id == QLatin1String("47472514-f223-40ec-be3e-12f70cf598f1");
    });
    QVERIFY(cbc != record.reports.end());
    QCOMPARE(cbc->resultIds.size(), 11);
    QCOMPARE(cbc->resultIds.first(), QStringLiteral("f4da99b6-ab3b-4e8c-87c3-59874cc051ce"));  // urn:uuid resolved to the id
    for (const QString &id : cbc->resultIds) QVERIFY2(observationById(record, id), qPrintable(id));

    QCOMPARE(record.allergies.size(), 1);
    QCOMPARE(record.allergies.first().code.label(), QStringLiteral("Shellfish allergy"));
    QCOMPARE(record.allergies.first().criticality, QStringLiteral("low"));
    QCOMPARE(record.allergies.first().recorded, QDateTime(QDate(1960, 7, 16), QTime(7, 21, 10), Qt::UTC));
    QCOMPARE(record.encounters.first().encounterClass, QStringLiteral("ambulatory"));
    QVERIFY(!record.carePlans.isEmpty());
    QVERIFY(!record.carePlans.first().category.isEmpty());
}

void TestFhirRecordReader::officialSingleResources() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "fhir/fhir-r4-examples-and-invalid/valid-official-examples");
    FhirReadOptions options;
    options.requirePatient = false;  // these examples stand alone, without their Patient

    const auto weight = FhirRecordReader::readFile(root + QStringLiteral("/observation-example.json"), options);
    QVERIFY2(weight.ok(), qPrintable(failureText(weight)));
    QCOMPARE(weight.value().observations.size(), 1);
    const ObservationRecord &w = weight.value().observations.first();
    QCOMPARE(w.code.codings.size(), 4);
    QVERIFY(w.code.hasCode(code_system::kLoinc, QStringLiteral("29463-7")));
    QCOMPARE(w.value.number, std::optional<double>(185));
    QCOMPARE(w.value.unit, QStringLiteral("[lb_av]"));  // Quantity.code (UCUM), not unit "lbs"
    QCOMPARE(w.category, QStringLiteral("vital-signs"));
    QCOMPARE(w.effective, QDateTime(QDate(2016, 3, 28), QTime(0, 0), Qt::UTC));
    QCOMPARE(w.provenance.entryIndex, -1);  // a single resource, not a bundle entry
    QVERIFY(weight.value().demographics.id.isEmpty());
    // Its subject and encounter are not in the file: one note, not an error.
    QCOMPARE(weight.value().warnings.size(), 1);
    QVERIFY2(weight.value().warnings.first().contains(QLatin1String("2 reference(s) to resources not in the input")),
             qPrintable(weight.value().warnings.first()));

    const auto decimal = FhirRecordReader::readFile(root + QStringLiteral("/observation-decimal.json"), options);
    QVERIFY2(decimal.ok(), qPrintable(failureText(decimal)));
    const ObservationRecord &d = decimal.value().observations.first();
    QCOMPARE(d.components.size(), 7);
    const double expected[] = {1, 1, 1, 1e-22, 1e18, 1e-245, -1e245};
    for (int i = 0; i < 7; ++i) {
        QCOMPARE(d.components.at(i).value.number, std::optional<double>(expected[i]));
        QCOMPARE(d.components.at(i).value.unit, QStringLiteral("g"));
    }

    const auto burn = FhirRecordReader::readFile(root + QStringLiteral("/condition-example.json"), options);
    QVERIFY2(burn.ok(), qPrintable(failureText(burn)));
    const ConditionRecord &c = burn.value().conditions.first();
    QCOMPARE(c.code.label(), QStringLiteral("Burnt Ear"));
    QCOMPARE(c.clinicalStatus, QStringLiteral("active"));
    QCOMPARE(c.onset, QDateTime(QDate(2012, 5, 24), QTime(0, 0), Qt::UTC));
    QVERIFY(!c.isCancer);

    const auto encounter = FhirRecordReader::readFile(root + QStringLiteral("/encounter-example.json"), options);
    QVERIFY2(encounter.ok(), qPrintable(failureText(encounter)));
    QCOMPARE(encounter.value().encounters.first().encounterClass, QStringLiteral("inpatient"));  // IMP

    const auto allergy = FhirRecordReader::readFile(root + QStringLiteral("/allergyintolerance-example.json"), options);
    QVERIFY2(allergy.ok(), qPrintable(failureText(allergy)));
    const AllergyRecord &a = allergy.value().allergies.first();
    QVERIFY(a.code.hasCode(code_system::kSnomed, QStringLiteral("227493005")));
    QCOMPARE(a.criticality, QStringLiteral("high"));
    QCOMPARE(a.recorded, QDateTime(QDate(2014, 10, 9), QTime(3, 58), Qt::UTC));  // 14:58+11:00
    QCOMPARE(a.recorded.offsetFromUtc(), 11 * 3600);

    // Unmapped types are counted.
    const auto specimen = FhirRecordReader::readFile(root + QStringLiteral("/specimen-example.json"), options);
    QVERIFY2(specimen.ok(), qPrintable(failureText(specimen)));
    QCOMPARE(specimen.value().countsByType, (QMap<QString, int>{{QStringLiteral("Specimen"), 1}}));
}

void TestFhirRecordReader::officialMedicationsWithContainedMedication() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "fhir/fhir-r4-examples-and-invalid/valid-official-examples");
    FhirReadOptions options;
    options.requirePatient = false;

    const auto request = FhirRecordReader::readFile(root + QStringLiteral("/medicationrequest0301.json"), options);
    QVERIFY2(request.ok(), qPrintable(failureText(request)));
    const MedicationRecord &rx = request.value().medications.first();
    QCOMPARE(rx.kind, MedicationRecord::Kind::Request);
    QVERIFY(rx.medication.hasCode(code_system::kSnomed, QStringLiteral("430127000")));  // contained "#med0310"
    QCOMPARE(rx.medication.label(), QStringLiteral("Oral Form Oxycodone (product)"));
    QCOMPARE(rx.status, QStringLiteral("completed"));
    QCOMPARE(rx.start, QDateTime(QDate(2015, 1, 15), QTime(0, 0), Qt::UTC));
    QCOMPARE(rx.doseValue, std::optional<double>(1));  // doseRange 1–2 TAB: the low end
    QCOMPARE(rx.doseUnit, QStringLiteral("TAB"));
    QVERIFY(rx.route.hasCode(code_system::kSnomed, QStringLiteral("26643006")));
    QCOMPARE(rx.timing, QStringLiteral("every 4–6 h"));
    QVERIFY(!rx.isChemotherapy);

    const auto administration = FhirRecordReader::readFile(root + QStringLiteral("/medicationadministration0301.json"), options);
    QVERIFY2(administration.ok(), qPrintable(failureText(administration)));
    const MedicationRecord &given = administration.value().medications.first();
    QCOMPARE(given.kind, MedicationRecord::Kind::Administration);
    QCOMPARE(given.medication.codeIn(QStringLiteral("http://hl7.org/fhir/sid/ndc")), QStringLiteral("0069-2587-10"));
    QCOMPARE(given.doseValue, std::optional<double>(500));
    QCOMPARE(given.doseUnit, QStringLiteral("mg"));
    QVERIFY(given.route.hasCode(code_system::kSnomed, QStringLiteral("47625008")));
    QCOMPARE(given.start, QDateTime(QDate(2015, 1, 15), QTime(13, 30), Qt::UTC));  // 14:30+01:00
    QVERIFY(!given.end.isValid());
    QCOMPARE(given.status, QStringLiteral("in-progress"));

    const auto statement = FhirRecordReader::readFile(root + QStringLiteral("/medicationstatementexample1.json"), options);
    QVERIFY2(statement.ok(), qPrintable(failureText(statement)));
    const MedicationRecord &taken = statement.value().medications.first();
    QCOMPARE(taken.kind, MedicationRecord::Kind::Statement);
    QCOMPARE(taken.medication.label(), QStringLiteral("Tylenol PM"));
    QCOMPARE(taken.timing, QStringLiteral("every 1 d"));
    QCOMPARE(taken.start, QDateTime(QDate(2015, 1, 23), QTime(0, 0), Qt::UTC));
}

void TestFhirRecordReader::officialDiagnosticReportBundle() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "fhir/fhir-r4-examples-and-invalid/valid-official-examples/diagnosticreport-example.json");
    // A collection without the Patient (pat2): an error by default …
    const auto strict = FhirRecordReader::readFile(path);
    QVERIFY(!strict.ok());
    QCOMPARE(strict.error().message(), path + QStringLiteral(": no Patient resource (read: 1 DiagnosticReport, 17 Observation)"));
    // … readable when asked.
    FhirReadOptions options;
    options.requirePatient = false;
    const auto result = FhirRecordReader::readFile(path, options);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const PatientRecord &record = result.value();
    QCOMPARE(record.reports.size(), 1);
    const DiagnosticReportRecord &cbc = record.reports.first();
    QCOMPARE(cbc.code.label(), QStringLiteral("Complete Blood Count"));
    QCOMPARE(cbc.effective, QDateTime(QDate(2011, 3, 3), QTime(21, 30), Qt::UTC));  // 08:30+11:00
    QStringList ids;
    for (int i = 1; i <= 17; ++i) ids << QStringLiteral("r%1").arg(i);
    QCOMPARE(cbc.resultIds, ids);  // "Observation/r1" against fullUrls https://example.com/base/Observation/r1
    QCOMPARE(record.observations.size(), 17);
    const ObservationRecord *haemoglobin = observationById(record, QStringLiteral("r1"));
    QVERIFY(haemoglobin);
    QVERIFY(haemoglobin->code.hasCode(code_system::kLoinc, QStringLiteral("718-7")));
    QCOMPARE(haemoglobin->value.number, std::optional<double>(176));
    QCOMPARE(haemoglobin->value.unit, QStringLiteral("g/L"));
    QCOMPARE(haemoglobin->provenance.entryIndex, 1);
    QCOMPARE(haemoglobin->provenance.describe(),
             QStringLiteral("Observation/r1 (diagnosticreport-example.json, Bundle.entry[1])"));
}

void TestFhirRecordReader::officialPatient() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "fhir/fhir-r4-examples-and-invalid/valid-official-examples/patient-example.json");
    const auto result = FhirRecordReader::readFile(path);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const Demographics &d = result.value().demographics;
    QCOMPARE(d.id, QStringLiteral("example"));
    QCOMPARE(d.familyName, QStringLiteral("Chalmers"));  // the official name, not "usual" Jim or maiden Windsor
    QCOMPARE(d.givenName, QStringLiteral("Peter James"));
    QCOMPARE(d.sex, QStringLiteral("male"));
    QCOMPARE(d.birthDate, std::optional<QDate>(QDate(1974, 12, 25)));
    QCOMPARE(d.identifiers.size(), 1);
    QCOMPARE(d.identifiers.first().value, QStringLiteral("12345"));
    QCOMPARE(d.provenance.describe(), QStringLiteral("Patient/example (patient-example.json)"));
}

void TestFhirRecordReader::demoPatientBundle() {
    twin::phantom::PhantomOptions options;
    options.columns = 64;
    options.rows = 64;
    options.slices = 16;
    const auto patient = twin::phantom::DemoPatientGenerator::generate(scratch_ + QStringLiteral("/demo"), options);
    QVERIFY2(patient.ok(), qPrintable(patient.error().message()));
    const auto result = FhirRecordReader::readFile(patient.value().files.fhirBundlePath);
    QVERIFY2(result.ok(), qPrintable(failureText(result)));
    const PatientRecord &record = result.value();
    QVERIFY2(record.warnings.isEmpty(), qPrintable(record.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(record.demographics.familyName, patient.value().identity.familyName);
    QCOMPARE(record.demographics.givenName, patient.value().identity.givenName);
    QCOMPARE(record.demographics.sex, QStringLiteral("female"));
    QCOMPARE(record.demographics.birthDate->toString(Qt::ISODate), patient.value().identity.birthDate);

    const ObservationRecord *weight = record.latest(QStringLiteral("29463-7"));
    QVERIFY(weight);
    QCOMPARE(weight->value.number, std::optional<double>(68.0));
    QCOMPARE(weight->value.unit, QStringLiteral("kg"));
    const ObservationRecord *height = record.latest(QStringLiteral("8302-2"));
    QVERIFY(height);
    QCOMPARE(height->value.number, std::optional<double>(165.0));
    QCOMPARE(height->value.unit, QStringLiteral("cm"));
    const QList<const ObservationRecord *> creatinine = record.history(QStringLiteral("2160-0"));
    QCOMPARE(creatinine.size(), 2);
    QCOMPARE(creatinine.last()->value.number, std::optional<double>(0.9));
    QCOMPARE(creatinine.last()->value.unit, QStringLiteral("mg/dL"));
    QCOMPARE(creatinine.last()->category, QStringLiteral("laboratory"));

    QCOMPARE(record.medications.size(), 1);
    const MedicationRecord &cisplatin = record.medications.first();
    QVERIFY(cisplatin.medication.hasCode(code_system::kRxNorm, QStringLiteral("2555")));
    QVERIFY(cisplatin.isChemotherapy);
    QCOMPARE(cisplatin.doseValue, std::optional<double>(50.0));
    QCOMPARE(cisplatin.doseUnit, QStringLiteral("mg/m2"));
    QVERIFY(cisplatin.route.hasCode(code_system::kSnomed, QStringLiteral("47625008")));
    QVERIFY2(cisplatin.timing.startsWith(QLatin1String("on ")), qPrintable(cisplatin.timing));  // four event dates
    QCOMPARE(cisplatin.timing.count(QLatin1Char(',')), 3);

    QCOMPARE(record.conditions.size(), 1);
    const ConditionRecord &cancer = record.conditions.first();
    QVERIFY(cancer.isCancer);
    QCOMPARE(cancer.stage, QStringLiteral("IIIA"));
    QCOMPARE(cancer.stageType, QStringLiteral("Stage group.clinical Cancer"));
    QVERIFY(cancer.code.hasCode(code_system::kSnomed, QStringLiteral("254637007")));
    QCOMPARE(cancer.clinicalStatus, QStringLiteral("active"));
    // The planning CT's study, when the writer includes it, is the DICOM study generated with it.
    QVERIFY(record.imagingStudies.size() <= 1);
    for (const ImagingStudyRecord &study : record.imagingStudies) QCOMPARE(study.studyInstanceUid, patient.value().identity.studyInstanceUid);
}

void TestFhirRecordReader::progressAndCancellation() {
    const QByteArray bundle = bundleOf({kPatient, R"({"resourceType":"Observation","id":"o1","code":{"text":"a"}})"});
    twin::core::JobContext context;
    const auto done = FhirRecordReader::fromJson(bundle, QStringLiteral("p.json"), FhirReadOptions(), &context);
    QVERIFY2(done.ok(), qPrintable(failureText(done)));
    QCOMPARE(context.progress(), 1.0);

    twin::core::JobContext cancelled;
    cancelled.requestCancel();
    const auto stopped = FhirRecordReader::fromJson(bundle, QStringLiteral("p.json"), FhirReadOptions(), &cancelled);
    QVERIFY(!stopped.ok());
    QCOMPARE(stopped.error().code(), Error::Code::Cancelled);
}

void TestFhirRecordReader::missingFileAndNotFhir() {
    const QString missing = scratch_ + QStringLiteral("/missing.json");
    const auto absent = FhirRecordReader::readFile(missing);
    QCOMPARE(absent.error().code(), Error::Code::Io);
    QCOMPARE(absent.error().file(), missing);
    QCOMPARE(FhirRecordReader::readFile(scratch_).error().code(), Error::Code::Io);  // a directory

    const auto notFhir = FhirRecordReader::fromJson(R"({"name":"x"})", QStringLiteral("n.json"));
    QCOMPARE(notFhir.error().message(), QStringLiteral("n.json: resourceType: not a FHIR resource: no resourceType"));
    const auto empty = FhirRecordReader::fromJson(QByteArray(), QStringLiteral("e.json"));
    QCOMPARE(empty.error().message(), QStringLiteral("e.json: empty file"));
    const auto emptyBundle = FhirRecordReader::fromJson(R"({"resourceType":"Bundle","type":"searchset","total":0})", QStringLiteral("s.json"));
    QCOMPARE(emptyBundle.error().message(), QStringLiteral("s.json: no Patient resource (read: no resources)"));
}

DIDYMOS_TEST_MAIN(TestFhirRecordReader)
#include "TestFhirRecordReader.moc"
