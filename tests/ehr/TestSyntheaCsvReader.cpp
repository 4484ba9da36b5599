// CsvTable (RFC 4180: quotes, commas and line breaks in fields, CRLF, BOM, long records) and
// SyntheaCsvReader on the real Synthea v3.0.0 export (fhir/synthea-csv-v3), on an older and a
// newer generation derived from it (columns renamed, dropped, added, reordered), and on small
// exports written here: unknown columns warn, a missing required column is an error naming the
// file and column, a bad row is skipped with a warning naming file, row and column.

#include "TestMain.h"

#include "twin/core/JobContext.h"
#include "twin/ehr/CsvTable.h"
#include "twin/ehr/SyntheaCsvReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QSet>
#include <QStringList>

#include <algorithm>

#include <functional>

using twin::core::Error;
using twin::ehr::CodedConcept;
using twin::ehr::Coding;
using twin::ehr::CsvTable;
using twin::ehr::ObservationValue;
using twin::ehr::PatientRecord;
using twin::ehr::ProcedureRecord;
using twin::ehr::SyntheaCsvReader;
namespace code_system = twin::ehr::code_system;

namespace {

// Two patients of the real export, looked up once with
//   grep <id> <table>.csv | wc -l          (counts; no field of the export is quoted)
//   python3 csv.DictReader over observations.csv, CODE == 29463-7 (body weights)
// Gene733 Mann644: died 1976-07-25; body weight 12.5 kg (1975-10-05) then 13.5 kg (1976-04-04).
const QString kGene = QStringLiteral("261ad2a4-7c6f-da54-6a5b-3441beab9a6a");
// Amos720 Pacocha935: the only patient with a row in imaging_studies.csv (one DX chest study).
const QString kAmos = QStringLiteral("280ee8b5-6ebb-11cf-e4db-8cf101827ec7");
const QString kFirstPatient = QStringLiteral("3edac2e3-d223-6fae-d515-daf96ef6bc76");  // Maynard46 Mosciski958

QString failureText(const Error &error) {
    return error.message();
}

void writeFile(const QString &path, const QByteArray &content) {
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(content), content.size());
}

/// A CSV file without quoted fields (as every file of the v3 sample is), split naively. Used
/// both to count rows independently of CsvTable and to derive other Synthea generations.
struct PlainCsv {
    QStringList header;
    QList<QStringList> rows;

    static PlainCsv read(const QString &path) {
        PlainCsv csv;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) return csv;
        const QString text = QString::fromUtf8(file.readAll());
        QStringList lines = text.split(QLatin1Char('\n'));
        for (QString &line : lines) {
            if (line.endsWith(QLatin1Char('\r'))) line.chop(1);
        }
        lines.removeAll(QString());
        if (lines.isEmpty()) return csv;
        csv.header = lines.takeFirst().split(QLatin1Char(','));
        for (const QString &line : lines) csv.rows << line.split(QLatin1Char(','));
        return csv;
    }
    void write(const QString &path, const QByteArray &lineEnd = "\n") const {
        QByteArray out = header.join(QLatin1Char(',')).toUtf8() + lineEnd;
        for (const QStringList &row : rows) out += row.join(QLatin1Char(',')).toUtf8() + lineEnd;
        writeFile(path, out);
    }
    int indexOf(const QString &name) const { return static_cast<int>(header.indexOf(name)); }
    int countWhere(const QString &column, const QString &value) const {
        const int index = indexOf(column);
        int count = 0;
        for (const QStringList &row : rows) count += row.value(index) == value ? 1 : 0;
        return count;
    }
    void drop(const QString &name) {
        const int index = indexOf(name);
        if (index < 0) return;
        header.removeAt(index);
        for (QStringList &row : rows) row.removeAt(index);
    }
    void rename(const QString &from, const QString &to) { header[indexOf(from)] = to; }
    void map(const QString &name, const std::function<QString(const QString &)> &f) {
        const int index = indexOf(name);
        for (QStringList &row : rows) row[index] = f(row[index]);
    }
    void insert(int at, const QString &name, const QString &value) {
        header.insert(at, name);
        for (QStringList &row : rows) row.insert(at, value);
    }
    void reverseColumns() {
        std::reverse(header.begin(), header.end());
        for (QStringList &row : rows) std::reverse(row.begin(), row.end());
    }
};

const char *const kClinicalTables[] = {"encounters.csv", "conditions.csv",      "medications.csv", "observations.csv",
                                       "procedures.csv", "imaging_studies.csv", "allergies.csv",   "careplans.csv"};

/// The FHIR type each table's rows are counted as.
QString fhirTypeOf(const QString &table) {
    static const QMap<QString, QString> kTypes{
        {"encounters.csv", "Encounter"},          {"conditions.csv", "Condition"},
        {"medications.csv", "MedicationRequest"}, {"observations.csv", "Observation"},
        {"procedures.csv", "Procedure"},          {"imaging_studies.csv", "ImagingStudy"},
        {"allergies.csv", "AllergyIntolerance"},  {"careplans.csv", "CarePlan"}};
    return kTypes.value(table);
}

/// A small export: patients.csv with two patients, plus the given tables.
void writeSmallExport(const QString &dir, const QMap<QString, QByteArray> &tables) {
    QDir().mkpath(dir);
    if (!tables.contains(QStringLiteral("patients.csv"))) {
        writeFile(dir + QStringLiteral("/patients.csv"),
                  "Id,BIRTHDATE,DEATHDATE,FIRST,LAST,GENDER\n"
                  "p1,1960-01-02,,Ada,Lovelace,F\n"
                  "p2,1970-03-04,,Alan,Turing,M\n");
    }
    for (auto it = tables.cbegin(); it != tables.cend(); ++it) writeFile(dir + QLatin1Char('/') + it.key(), it.value());
}

}  // namespace

class TestSyntheaCsvReader : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase();

    // CsvTable
    void csvQuotedFieldsCrlfBomAndLines();
    void csvHeaderLookupIgnoresCaseAndReportsDuplicates();
    void csvUnterminatedQuoteNamesFileAndLine();
    void csvLongRecordsAcrossReadChunks_data();
    void csvLongRecordsAcrossReadChunks();
    void csvEmptyAndMissingFiles();

    // The real v3 export
    void listsTheRealExportsPatients();
    void readsRealPatientMatchingIndependentCounts_data();
    void readsRealPatientMatchingIndependentCounts();
    void readsRealPatientDemographicsAndValues();
    void readsImagingStudyOfRealPatient();
    void emptyPatientIdTakesTheFirstWithWarning();
    void unknownPatientIsNotFound();
    void reportsProgressAndHonoursCancellation();

    // Generations
    void readsOlderGenerationVariant();
    void readsNewerGenerationVariant();

    // Small exports written here
    void unknownColumnsWarnOncePerFile();
    void missingRequiredColumnIsAnError_data();
    void missingRequiredColumnIsAnError();
    void quotedFieldsWithCommasAndNewlinesInAnExport();
    void badRowsAreSkippedWithTheRowNamed();
    void missingOptionalTablesWarn();
    void imagingRowsAreGroupedIntoOneStudyPerId();

    // Classification
    void classifiesCancerChemotherapyAndProcedures();

private:
    QString scratch_;
};

void TestSyntheaCsvReader::initTestCase() {
    scratch_ = twin::test::scratchDir(QStringLiteral("ehr-synthea-csv"));
    QVERIFY(QFileInfo(scratch_).isDir());
}

// ---------------------------------------------------------------------------------------------
// CsvTable

void TestSyntheaCsvReader::csvQuotedFieldsCrlfBomAndLines() {
    const QByteArray data =
        "\xEF\xBB\xBF"
        "Id,DESCRIPTION,NOTE\r\n"
        "a1,\"Fracture of rib, left\",\"two\r\nlines\"\r\n"
        "\r\n"  // a blank line is not a record
        "a2,\"he said \"\"stop\"\"\",\xC3\xA9t\xC3\xA9\r\n"
        "a3,,\"\"\r\n"
        "a4,x\"y,\"ab\"cd\n"  // lenient: a quote inside an unquoted field, text after a closing quote
        "a5,\"last, no newline\",end";
    auto opened = CsvTable::fromData(data, QStringLiteral("mem.csv"));
    QVERIFY2(opened.ok(), qPrintable(failureText(opened.error())));
    CsvTable &table = opened.value();
    QCOMPARE(table.header(), (QStringList{"Id", "DESCRIPTION", "NOTE"}));  // BOM gone
    QCOMPARE(table.column(u"Id"), 0);

    const struct {
        QStringList fields;
        qint64 line;
    } expected[] = {
        {{"a1", "Fracture of rib, left", "two\r\nlines"}, 2},
        {{"a2", "he said \"stop\"", QString::fromUtf8("\xC3\xA9t\xC3\xA9")}, 5},
        {{"a3", "", ""}, 6},
        {{"a4", "x\"y", "abcd"}, 7},
        {{"a5", "last, no newline", "end"}, 8},
    };
    int row = 0;
    for (const auto &record : expected) {
        auto more = table.next();
        QVERIFY2(more.ok(), qPrintable(failureText(more.error())));
        QVERIFY(more.value());
        ++row;
        QCOMPARE(table.row(), row);
        QCOMPARE(table.line(), record.line);
        QCOMPARE(table.fieldCount(), 3);
        QCOMPARE(table.fields(), record.fields);
        QCOMPARE(table.value(table.column(u"description")), record.fields.at(1));
    }
    auto end = table.next();
    QVERIFY(end.ok());
    QVERIFY(!end.value());
    QCOMPARE(table.bytesRead(), qint64(data.size()));
    // Reading past the end stays at the end.
    QVERIFY(!table.next().value());
}

void TestSyntheaCsvReader::csvHeaderLookupIgnoresCaseAndReportsDuplicates() {
    auto opened = CsvTable::fromData(" Id ,code,CODE,Value\n1,a,b,c\n", QStringLiteral("dup.csv"));
    QVERIFY(opened.ok());
    CsvTable &table = opened.value();
    QCOMPARE(table.column(u"ID"), 0);
    QCOMPARE(table.column(u"id"), 0);
    QCOMPARE(table.column(u"CODE"), 1);  // the first of duplicates
    QCOMPARE(table.column(u"VALUE"), 3);
    QCOMPARE(table.column(u"UNITS"), -1);
    QCOMPARE(table.duplicateColumns(), QStringList{"CODE"});
    QVERIFY(table.next().value());
    QCOMPARE(table.value(-1), QString());
    QCOMPARE(table.value(99), QString());
}

void TestSyntheaCsvReader::csvUnterminatedQuoteNamesFileAndLine() {
    const QString path = scratch_ + QStringLiteral("/unterminated.csv");
    writeFile(path, "A,B\n1,2\n3,\"open\nstill open\nand more\n");
    auto opened = CsvTable::open(path);
    QVERIFY2(opened.ok(), qPrintable(failureText(opened.error())));
    CsvTable &table = opened.value();
    QVERIFY(table.next().value());
    auto bad = table.next();
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code(), Error::Code::InvalidInput);
    QCOMPARE(bad.error().file(), path);
    QCOMPARE(bad.error().field(), QStringLiteral("line 3"));
    QVERIFY2(bad.error().message().startsWith(path + QStringLiteral(": line 3: unterminated quoted field")),
             qPrintable(bad.error().message()));
    // After an error the table is at its end.
    auto after = table.next();
    QVERIFY(after.ok());
    QVERIFY(!after.value());

    // An unterminated quote in the header row fails open().
    auto header = CsvTable::fromData("A,\"B\n", QStringLiteral("h.csv"));
    QVERIFY(!header.ok());
    QVERIFY2(header.error().message().startsWith(QStringLiteral("h.csv: line 1: unterminated")),
             qPrintable(header.error().message()));
}

void TestSyntheaCsvReader::csvLongRecordsAcrossReadChunks_data() {
    // CsvTable reads physical lines in chunks of 1 MiB; a doubled quote or a CRLF may straddle
    // two chunks. Place them at every offset around the boundary.
    QTest::addColumn<int>("offset");
    for (int offset = (1 << 20) - 4; offset <= (1 << 20) + 2; ++offset) {
        QTest::newRow(qPrintable(QString::number(offset))) << offset;
    }
}

void TestSyntheaCsvReader::csvLongRecordsAcrossReadChunks() {
    QFETCH(int, offset);
    const QByteArray header = "A,B\n";
    // Record 1: a quoted field whose doubled quote lands at `offset` bytes into the line.
    QByteArray field1(offset - 3, 'x');
    const QByteArray line1 = "1,\"" + field1 + "\"\"y\"\r\n";
    // Record 2: an unquoted field whose CRLF lands around the boundary.
    const QByteArray field2(offset - 2, 'z');
    const QByteArray line2 = "2," + field2 + "\r\n";
    auto opened = CsvTable::fromData(header + line1 + line2 + "3,end\n", QStringLiteral("long.csv"));
    QVERIFY(opened.ok());
    CsvTable &table = opened.value();
    QVERIFY(table.next().value());
    QCOMPARE(table.value(0), QStringLiteral("1"));
    QCOMPARE(table.raw(1), field1 + "\"y");
    QVERIFY(table.next().value());
    QCOMPARE(table.raw(1), field2);  // no stray CR
    QCOMPARE(table.line(), qint64(3));
    QVERIFY(table.next().value());
    QCOMPARE(table.fields(), (QStringList{"3", "end"}));
    QCOMPARE(table.line(), qint64(4));
    QVERIFY(!table.next().value());
}

void TestSyntheaCsvReader::csvEmptyAndMissingFiles() {
    auto empty = CsvTable::fromData(QByteArray(), QStringLiteral("empty.csv"));
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().message(), QStringLiteral("empty.csv: empty file: no header row"));

    const QString missing = scratch_ + QStringLiteral("/no-such.csv");
    auto none = CsvTable::open(missing);
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code(), Error::Code::Io);
    QCOMPARE(none.error().file(), missing);

    auto headerOnly = CsvTable::fromData("A,B\r\n", QStringLiteral("h.csv"));
    QVERIFY(headerOnly.ok());
    QCOMPARE(headerOnly.value().header(), (QStringList{"A", "B"}));
    QVERIFY(!headerOnly.value().next().value());
}

// ---------------------------------------------------------------------------------------------
// The real export

void TestSyntheaCsvReader::listsTheRealExportsPatients() {
    DIDYMOS_REQUIRE_TEST_DATA(dir, "fhir/synthea-csv-v3");
    auto result = SyntheaCsvReader::listPatients(dir);
    QVERIFY2(result.ok(), qPrintable(failureText(result.error())));
    const QStringList &patients = result.value();
    QCOMPARE(patients.size(), 27);
    QCOMPARE(patients.first(), kFirstPatient + QStringLiteral(" (Maynard46 Mosciski958)"));
    QVERIFY(patients.contains(kGene + QStringLiteral(" (Gene733 Mann644)")));
    QCOMPARE(SyntheaCsvReader::patientIdOf(patients.first()), kFirstPatient);
    // Every id once, and as many as patients.csv has data lines (independent count).
    QSet<QString> ids;
    for (const QString &entry : patients) ids.insert(SyntheaCsvReader::patientIdOf(entry));
    QCOMPARE(ids.size(), 27);
    QCOMPARE(PlainCsv::read(dir + QStringLiteral("/patients.csv")).rows.size(), 27);
}

void TestSyntheaCsvReader::readsRealPatientMatchingIndependentCounts_data() {
    QTest::addColumn<QString>("patient");
    QTest::newRow("Gene733 Mann644") << kGene;
    QTest::newRow("Amos720 Pacocha935") << kAmos;
    QTest::newRow("Maynard46 Mosciski958") << kFirstPatient;
}

void TestSyntheaCsvReader::readsRealPatientMatchingIndependentCounts() {
    QFETCH(QString, patient);
    DIDYMOS_REQUIRE_TEST_DATA(dir, "fhir/synthea-csv-v3");
    auto result = SyntheaCsvReader::read(dir, patient);
    QVERIFY2(result.ok(), qPrintable(failureText(result.error())));
    const PatientRecord &record = result.value();
    QVERIFY2(record.warnings.isEmpty(), qPrintable(record.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(record.demographics.id, patient);
    QCOMPARE(record.countsByType.value(QStringLiteral("Patient")), 1);

    // Rows of this patient per table, counted with a naive split of each line.
    for (const char *table : kClinicalTables) {
        const PlainCsv csv = PlainCsv::read(dir + QLatin1Char('/') + QLatin1String(table));
        QVERIFY2(!csv.header.isEmpty(), table);
        int expected = csv.countWhere(QStringLiteral("PATIENT"), patient);
        if (QLatin1String(table) == QLatin1String("imaging_studies.csv")) {
            // One row per instance; studies are distinct Ids.
            QSet<QString> studies;
            for (const QStringList &row : csv.rows) {
                if (row.value(csv.indexOf(QStringLiteral("PATIENT"))) == patient) studies.insert(row.first());
            }
            expected = static_cast<int>(studies.size());
        }
        QCOMPARE(record.countsByType.value(fhirTypeOf(QLatin1String(table))), expected);
    }
    QCOMPARE(record.observations.size(), record.countsByType.value(QStringLiteral("Observation")));
    QCOMPARE(record.conditions.size(), record.countsByType.value(QStringLiteral("Condition")));
    QCOMPARE(record.encounters.size(), record.countsByType.value(QStringLiteral("Encounter")));
    QCOMPARE(record.medications.size(), record.countsByType.value(QStringLiteral("MedicationRequest")));
    QCOMPARE(record.procedures.size(), record.countsByType.value(QStringLiteral("Procedure")));
    QCOMPARE(record.carePlans.size(), record.countsByType.value(QStringLiteral("CarePlan")));
    QCOMPARE(record.allergies.size(), record.countsByType.value(QStringLiteral("AllergyIntolerance")));

    // Provenance points at a data row of the file that holds this patient and this code.
    const PlainCsv observations = PlainCsv::read(dir + QStringLiteral("/observations.csv"));
    for (const auto &observation : record.observations) {
        QCOMPARE(QFileInfo(observation.provenance.file).fileName(), QStringLiteral("observations.csv"));
        QCOMPARE(observation.provenance.resourceType, QStringLiteral("Observation"));
        const QStringList row = observations.rows.value(observation.provenance.csvRow - 1);
        QCOMPARE(row.value(observations.indexOf(QStringLiteral("PATIENT"))), patient);
        QVERIFY(observation.code.hasCode({}, row.value(observations.indexOf(QStringLiteral("CODE")))));
    }
    QVERIFY(record.sources.size() >= 9);
}

void TestSyntheaCsvReader::readsRealPatientDemographicsAndValues() {
    DIDYMOS_REQUIRE_TEST_DATA(dir, "fhir/synthea-csv-v3");
    auto result = SyntheaCsvReader::read(dir, kGene);
    QVERIFY2(result.ok(), qPrintable(failureText(result.error())));
    const PatientRecord &record = result.value();
    // patients.csv line: 261ad2a4-…,1973-10-28,1976-07-25,999-45-3308,,,,Gene733,Mann644,…,M,…
    const auto &demographics = record.demographics;
    QCOMPARE(demographics.givenName, QStringLiteral("Gene733"));
    QCOMPARE(demographics.familyName, QStringLiteral("Mann644"));
    QCOMPARE(demographics.sex, QStringLiteral("male"));
    QCOMPARE(demographics.birthDate, std::optional<QDate>(QDate(1973, 10, 28)));
    QCOMPARE(demographics.deceasedDate, std::optional<QDate>(QDate(1976, 7, 25)));
    QCOMPARE(demographics.identifiers.size(), 2);  // the Synthea id and the SSN (no licence, no passport)
    QCOMPARE(demographics.identifiers.at(0).value, kGene);
    QCOMPARE(demographics.identifiers.at(1).system, QStringLiteral("http://hl7.org/fhir/sid/us-ssn"));
    QCOMPARE(demographics.identifiers.at(1).value, QStringLiteral("999-45-3308"));
    QCOMPARE(QFileInfo(demographics.provenance.file).fileName(), QStringLiteral("patients.csv"));
    QCOMPARE(demographics.provenance.csvRow, 4);  // the 4th data line of patients.csv
    QCOMPARE(demographics.provenance.describe(), QStringLiteral("patients.csv row 4"));

    // Latest body weight: 13.5 kg on 1976-04-04T11:25:06Z (the earlier one is 12.5 kg).
    const auto *weight = record.latest(QStringLiteral("29463-7"));
    QVERIFY(weight);
    QCOMPARE(weight->value.kind, ObservationValue::Kind::Quantity);
    QCOMPARE(weight->value.number, std::optional<double>(13.5));
    QCOMPARE(weight->value.unit, QStringLiteral("kg"));
    QCOMPARE(weight->value.display(), QStringLiteral("13.5 kg"));
    QCOMPARE(weight->effective, QDateTime(QDate(1976, 4, 4), QTime(11, 25, 6), Qt::UTC));
    QCOMPARE(weight->category, QStringLiteral("vital-signs"));
    QCOMPARE(weight->code.codeIn(code_system::kLoinc), QStringLiteral("29463-7"));
    QCOMPARE(weight->code.label(), QStringLiteral("Body Weight"));
    QCOMPARE(record.history(QStringLiteral("29463-7")).size(), 2);
    QCOMPARE(record.history(QStringLiteral("29463-7")).first()->value.number, std::optional<double>(12.5));

    // A text observation.
    const auto *smoking = record.latest(QStringLiteral("72166-2"));
    QVERIFY(smoking);
    QCOMPARE(smoking->value.kind, ObservationValue::Kind::String);
    QCOMPARE(smoking->value.text, QStringLiteral("Never smoker"));

    // Conditions: 1975-01-05 Coronary Heart Disease (53741008), no STOP: active, not cancer.
    QCOMPARE(record.conditions.size(), 3);
    const auto &heart = record.conditions.first();
    QVERIFY(heart.code.hasCode(code_system::kSnomed, QStringLiteral("53741008")));
    QCOMPARE(heart.code.label(), QStringLiteral("Coronary Heart Disease"));
    QCOMPARE(heart.onset, QDateTime(QDate(1975, 1, 5), QTime(0, 0), Qt::UTC));
    QVERIFY(!heart.abatement.isValid());
    QCOMPARE(heart.clinicalStatus, QStringLiteral("active"));
    QVERIFY(!heart.isCancer);

    // Encounters, medications, procedures.
    QCOMPARE(record.encounters.first().id, QStringLiteral("532558b5-72cd-e32d-ad16-c7477681ba7b"));
    QCOMPARE(record.encounters.first().encounterClass, QStringLiteral("wellness"));
    QCOMPARE(record.encounters.first().end, QDateTime(QDate(1975, 1, 5), QTime(11, 40, 6), Qt::UTC));
    const auto &nitro = record.medications.first();
    QVERIFY(nitro.medication.hasCode(code_system::kRxNorm, QStringLiteral("705129")));
    QCOMPARE(nitro.status, QStringLiteral("stopped"));
    QVERIFY(!nitro.isChemotherapy);
    QCOMPARE(nitro.provenance.resourceType, QStringLiteral("MedicationRequest"));
    QStringList categories;
    for (const auto &procedure : record.procedures) {
        categories
            << QStringLiteral("%1=%2").arg(procedure.code.codeIn(code_system::kSnomed)).arg(int(procedure.category));
    }
    // 430193006 Medication Reconciliation: Other; 40701008 Echocardiography: Imaging;
    // 415070008 Percutaneous coronary intervention: Other; 232717009 CABG: Surgery.
    QCOMPARE(categories, (QStringList{QStringLiteral("430193006=%1").arg(int(ProcedureRecord::Category::Other)),
                                      QStringLiteral("40701008=%1").arg(int(ProcedureRecord::Category::Imaging)),
                                      QStringLiteral("415070008=%1").arg(int(ProcedureRecord::Category::Other)),
                                      QStringLiteral("232717009=%1").arg(int(ProcedureRecord::Category::Surgery))}));
}

void TestSyntheaCsvReader::readsImagingStudyOfRealPatient() {
    DIDYMOS_REQUIRE_TEST_DATA(dir, "fhir/synthea-csv-v3");
    auto result = SyntheaCsvReader::read(dir, kAmos);
    QVERIFY2(result.ok(), qPrintable(failureText(result.error())));
    const PatientRecord &record = result.value();
    // imaging_studies.csv: 82702944-…,2023-06-06T12:00:08Z,<Amos>,…,1.2.840.99999999.1.98060115.1686052808412,
    //   51185008,Chest,DX,Digital Radiography,… (v3.0.0 has no study UID column)
    QCOMPARE(record.imagingStudies.size(), 1);
    const auto &study = record.imagingStudies.first();
    QCOMPARE(study.id, QStringLiteral("82702944-686c-a8fa-9463-6b72152c58a5"));
    QCOMPARE(study.seriesInstanceUids, QStringList{QStringLiteral("1.2.840.99999999.1.98060115.1686052808412")});
    QCOMPARE(study.modalities, QStringList{QStringLiteral("DX")});
    QCOMPARE(study.started, QDateTime(QDate(2023, 6, 6), QTime(12, 0, 8), Qt::UTC));
    QCOMPARE(study.description, QStringLiteral("Digital Radiography of Chest"));
    QVERIFY(study.studyInstanceUid.isEmpty());
    QCOMPARE(study.provenance.describe(), QStringLiteral("imaging_studies.csv row 1"));
    QCOMPARE(record.demographics.identifiers.size(), 4);  // id, SSN, driver's licence, passport
    QCOMPARE(record.demographics.identifiers.at(2).value, QStringLiteral("S99924498"));
    QCOMPARE(record.demographics.identifiers.at(3).value, QStringLiteral("X42705288X"));
    // The chest X-ray procedure of the same day is imaging; the care plans keep their ids.
    bool chestXray = false;
    for (const auto &procedure : record.procedures) {
        if (procedure.code.hasCode(code_system::kSnomed, QStringLiteral("399208008"))) {
            chestXray = procedure.category == ProcedureRecord::Category::Imaging;
        }
    }
    QVERIFY(chestXray);
    // Synthea's quality-of-life scores have no code system: 2023-10-28, QALY 49.0 a, no encounter.
    const auto *qaly = record.latest(QStringLiteral("QALY"));
    QVERIFY(qaly);
    QCOMPARE(qaly->code.codings.first().system, QString());
    QCOMPARE(qaly->value.display(), QStringLiteral("49 a"));
    QCOMPARE(record.carePlans.size(), 2);
    QCOMPARE(record.carePlans.at(1).id, QStringLiteral("541309da-658e-9ac0-eb34-59f4a529586d"));
    QCOMPARE(record.carePlans.at(1).title, QStringLiteral("Fracture care"));
    QCOMPARE(record.carePlans.at(1).status, QStringLiteral("completed"));
    QCOMPARE(record.carePlans.at(0).status, QStringLiteral("active"));
}

void TestSyntheaCsvReader::emptyPatientIdTakesTheFirstWithWarning() {
    DIDYMOS_REQUIRE_TEST_DATA(dir, "fhir/synthea-csv-v3");
    auto result = SyntheaCsvReader::read(dir);
    QVERIFY2(result.ok(), qPrintable(failureText(result.error())));
    QCOMPARE(result.value().demographics.id, kFirstPatient);
    QCOMPARE(result.value().warnings.size(), 1);
    const QString &warning = result.value().warnings.first();
    QVERIFY2(warning.contains(QLatin1String("27 patients")), qPrintable(warning));
    QVERIFY2(warning.contains(kFirstPatient + QStringLiteral(" (Maynard46 Mosciski958)")), qPrintable(warning));
}

void TestSyntheaCsvReader::unknownPatientIsNotFound() {
    DIDYMOS_REQUIRE_TEST_DATA(dir, "fhir/synthea-csv-v3");
    auto result = SyntheaCsvReader::read(dir, QStringLiteral("no-such-patient"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), Error::Code::NotFound);
    QCOMPARE(QFileInfo(result.error().file()).fileName(), QStringLiteral("patients.csv"));
    QVERIFY2(result.error().message().contains(QLatin1String("no-such-patient")), qPrintable(result.error().message()));

    auto notAnExport = SyntheaCsvReader::read(scratch_ + QStringLiteral("/nothing-here"));
    QVERIFY(!notAnExport.ok());
    QCOMPARE(notAnExport.error().code(), Error::Code::NotFound);
}

void TestSyntheaCsvReader::reportsProgressAndHonoursCancellation() {
    DIDYMOS_REQUIRE_TEST_DATA(dir, "fhir/synthea-csv-v3");
    twin::core::JobContext context;
    auto result = SyntheaCsvReader::read(dir, kGene, &context);
    QVERIFY(result.ok());
    QCOMPARE(context.progress(), 1.0);

    twin::core::JobContext cancelled;
    cancelled.requestCancel();
    auto stopped = SyntheaCsvReader::read(dir, kGene, &cancelled);
    QVERIFY(!stopped.ok());
    QCOMPARE(stopped.error().code(), Error::Code::Cancelled);
}

// ---------------------------------------------------------------------------------------------
// Generations

void TestSyntheaCsvReader::readsOlderGenerationVariant() {
    DIDYMOS_REQUIRE_TEST_DATA(dir, "fhir/synthea-csv-v3");
    const QString older = scratch_ + QStringLiteral("/older-generation");
    QVERIFY(QDir().mkpath(older));
    const auto source = [&dir](const char *table) {
        return PlainCsv::read(dir + QLatin1Char('/') + QLatin1String(table));
    };
    const auto target = [&older](const char *table) { return older + QLatin1Char('/') + QLatin1String(table); };

    // patients (v2 before 2.5): no HEALTHCARE_EXPENSES/COVERAGE, "ID" spelled in capitals.
    PlainCsv patients = source("patients.csv");
    patients.drop(QStringLiteral("HEALTHCARE_EXPENSES"));
    patients.drop(QStringLiteral("HEALTHCARE_COVERAGE"));
    patients.rename(QStringLiteral("Id"), QStringLiteral("ID"));
    patients.write(target("patients.csv"), "\r\n");  // and Windows line ends
    // encounters (v1): PROVIDER and COST instead of ORGANIZATION/PAYER and the cost breakdown.
    PlainCsv encounters = source("encounters.csv");
    for (const char *column : {"ORGANIZATION", "PAYER", "TOTAL_CLAIM_COST", "PAYER_COVERAGE"}) {
        encounters.drop(QLatin1String(column));
    }
    encounters.rename(QStringLiteral("BASE_ENCOUNTER_COST"), QStringLiteral("COST"));
    encounters.write(target("encounters.csv"));
    // conditions: columns in another order (read by name, never by position).
    PlainCsv conditions = source("conditions.csv");
    conditions.reverseColumns();
    conditions.write(target("conditions.csv"));
    // medications (v1): COST instead of BASE_COST, no PAYER/PAYER_COVERAGE.
    PlainCsv medications = source("medications.csv");
    medications.drop(QStringLiteral("PAYER"));
    medications.drop(QStringLiteral("PAYER_COVERAGE"));
    medications.rename(QStringLiteral("BASE_COST"), QStringLiteral("COST"));
    medications.write(target("medications.csv"));
    // observations (v1): no CATEGORY, no TYPE (numeric values recognised by parsing).
    PlainCsv observations = source("observations.csv");
    observations.drop(QStringLiteral("CATEGORY"));
    observations.drop(QStringLiteral("TYPE"));
    observations.write(target("observations.csv"));
    // procedures (v2): DATE (a bare date) instead of START/STOP.
    PlainCsv procedures = source("procedures.csv");
    procedures.drop(QStringLiteral("STOP"));
    procedures.rename(QStringLiteral("START"), QStringLiteral("DATE"));
    procedures.map(QStringLiteral("DATE"), [](const QString &value) { return value.left(10); });
    procedures.write(target("procedures.csv"));
    // imaging studies (v1): no SERIES_UID, INSTANCE_UID, PROCEDURE_CODE.
    PlainCsv imaging = source("imaging_studies.csv");
    for (const char *column : {"SERIES_UID", "INSTANCE_UID", "PROCEDURE_CODE"}) imaging.drop(QLatin1String(column));
    imaging.write(target("imaging_studies.csv"));
    // allergies (v2): no SYSTEM, TYPE, CATEGORY or reactions.
    PlainCsv allergies = source("allergies.csv");
    for (const char *column : {"SYSTEM", "TYPE", "CATEGORY", "REACTION1", "DESCRIPTION1", "SEVERITY1", "REACTION2",
                               "DESCRIPTION2", "SEVERITY2"}) {
        allergies.drop(QLatin1String(column));
    }
    allergies.write(target("allergies.csv"));
    source("careplans.csv").write(target("careplans.csv"));

    for (const QString &patient : {kGene, kAmos}) {
        auto current = SyntheaCsvReader::read(dir, patient);
        auto old = SyntheaCsvReader::read(older, patient);
        QVERIFY2(old.ok(), qPrintable(failureText(old.error())));
        QVERIFY2(old.value().warnings.isEmpty(), qPrintable(old.value().warnings.join(QLatin1Char('\n'))));
        QCOMPARE(old.value().countsByType, current.value().countsByType);
        QCOMPARE(old.value().demographics.birthDate, current.value().demographics.birthDate);
        QCOMPARE(old.value().demographics.givenName, current.value().demographics.givenName);
        for (qsizetype i = 0; i < current.value().observations.size(); ++i) {
            const auto &a = old.value().observations.at(i);
            const auto &b = current.value().observations.at(i);
            // Without TYPE a value that parses is a number: Synthea's income (63586-2) is typed
            // text in v3 but reads as a quantity from a v1 file. The text shown is the same.
            if (b.code.hasCode({}, QStringLiteral("63586-2"))) {
                QCOMPARE(b.value.kind, ObservationValue::Kind::String);
                QCOMPARE(a.value.kind, ObservationValue::Kind::Quantity);
                QCOMPARE(a.value.number, std::optional<double>(b.value.text.toDouble()));
            } else {
                QCOMPARE(a.value.kind, b.value.kind);
                QCOMPARE(a.value.display(), b.value.display());
            }
            QCOMPARE(a.value.unit, b.value.unit);
            QCOMPARE(a.effective, b.effective);
            QVERIFY(a.category.isEmpty());
        }
        for (qsizetype i = 0; i < current.value().conditions.size(); ++i) {
            QCOMPARE(old.value().conditions.at(i).code.codings.first().code,
                     current.value().conditions.at(i).code.codings.first().code);
            QCOMPARE(old.value().conditions.at(i).onset, current.value().conditions.at(i).onset);
        }
        for (qsizetype i = 0; i < current.value().procedures.size(); ++i) {
            QCOMPARE(old.value().procedures.at(i).start.date(), current.value().procedures.at(i).start.date());
            QVERIFY(!old.value().procedures.at(i).end.isValid());
        }
    }
    auto amos = SyntheaCsvReader::read(older, kAmos);
    QCOMPARE(amos.value().imagingStudies.size(), 1);
    QVERIFY(amos.value().imagingStudies.first().seriesInstanceUids.isEmpty());
    QCOMPARE(amos.value().imagingStudies.first().modalities, QStringList{QStringLiteral("DX")});
    auto gene = SyntheaCsvReader::read(older, kGene);
    QCOMPARE(gene.value().latest(QStringLiteral("29463-7"))->value.display(), QStringLiteral("13.5 kg"));
}

void TestSyntheaCsvReader::readsNewerGenerationVariant() {
    DIDYMOS_REQUIRE_TEST_DATA(dir, "fhir/synthea-csv-v3");
    const QString newer = scratch_ + QStringLiteral("/newer-generation");
    QVERIFY(QDir().mkpath(newer));
    for (const char *table : kClinicalTables) {
        QVERIFY(QFile::copy(dir + QLatin1Char('/') + QLatin1String(table),
                            newer + QLatin1Char('/') + QLatin1String(table)) ||
                QFileInfo::exists(newer + QLatin1Char('/') + QLatin1String(table)));
    }
    // Synthea 3.1+: patients gain MIDDLE, FIPS and INCOME; conditions and procedures a SYSTEM.
    PlainCsv patients = PlainCsv::read(dir + QStringLiteral("/patients.csv"));
    patients.insert(patients.indexOf(QStringLiteral("LAST")), QStringLiteral("MIDDLE"), QStringLiteral("Q"));
    patients.insert(patients.indexOf(QStringLiteral("ZIP")), QStringLiteral("FIPS"), QStringLiteral("25001"));
    patients.insert(static_cast<int>(patients.header.size()), QStringLiteral("INCOME"), QStringLiteral("50000"));
    patients.write(newer + QStringLiteral("/patients.csv"));
    PlainCsv conditions = PlainCsv::read(dir + QStringLiteral("/conditions.csv"));
    conditions.insert(conditions.indexOf(QStringLiteral("CODE")), QStringLiteral("SYSTEM"),
                      QStringLiteral("SNOMED-CT"));
    conditions.write(newer + QStringLiteral("/conditions.csv"));
    PlainCsv procedures = PlainCsv::read(dir + QStringLiteral("/procedures.csv"));
    procedures.insert(procedures.indexOf(QStringLiteral("CODE")), QStringLiteral("SYSTEM"),
                      QStringLiteral("SNOMED-CT"));
    procedures.write(newer + QStringLiteral("/procedures.csv"));

    auto result = SyntheaCsvReader::read(newer, kGene);
    QVERIFY2(result.ok(), qPrintable(failureText(result.error())));
    const PatientRecord &record = result.value();
    QVERIFY2(record.warnings.isEmpty(), qPrintable(record.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(record.demographics.givenName, QStringLiteral("Gene733 Q"));
    QCOMPARE(record.conditions.size(), 3);
    QVERIFY(record.conditions.first().code.hasCode(code_system::kSnomed, QStringLiteral("53741008")));
    QVERIFY(record.procedures.first().code.hasCode(code_system::kSnomed, QStringLiteral("430193006")));

    // An ICD-10 SYSTEM value becomes the ICD-10 URI.
    conditions.map(QStringLiteral("SYSTEM"), [](const QString &) { return QStringLiteral("ICD-10-CM"); });
    conditions.write(newer + QStringLiteral("/conditions.csv"));
    auto icd = SyntheaCsvReader::read(newer, kGene);
    QVERIFY(icd.ok());
    QCOMPARE(icd.value().conditions.first().code.codings.first().system, code_system::kIcd10Cm);
}

// ---------------------------------------------------------------------------------------------
// Small exports

void TestSyntheaCsvReader::unknownColumnsWarnOncePerFile() {
    const QString dir = scratch_ + QStringLiteral("/unknown-columns");
    writeSmallExport(dir, {{"observations.csv",
                            "DATE,PATIENT,ENCOUNTER,CATEGORY,CODE,DESCRIPTION,VALUE,UNITS,TYPE,LAB_FLAG,Site\n"
                            "2020-01-01T10:00:00Z,p1,e1,laboratory,2160-0,Creatinine,1.1,mg/dL,numeric,H,x\n"
                            "2020-02-01T10:00:00Z,p1,e1,laboratory,2160-0,Creatinine,1.3,mg/dL,numeric,H,y\n"
                            "2020-02-01T10:00:00Z,p2,e2,laboratory,2160-0,Creatinine,0.9,mg/dL,numeric,,\n"}});
    auto result = SyntheaCsvReader::read(dir, QStringLiteral("p1"));
    QVERIFY2(result.ok(), qPrintable(failureText(result.error())));
    const QStringList unknown = result.value().warnings.filter(QStringLiteral("unknown columns"));
    QCOMPARE(unknown, QStringList{QStringLiteral("observations.csv: unknown columns ignored: LAB_FLAG, Site")});
    QCOMPARE(result.value().observations.size(), 2);
    QCOMPARE(result.value().latest(QStringLiteral("2160-0"))->value.display(), QStringLiteral("1.3 mg/dL"));
}

void TestSyntheaCsvReader::missingRequiredColumnIsAnError_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("patients BIRTHDATE") << "patients.csv" << QByteArray("Id,FIRST,LAST,GENDER\np1,Ada,Lovelace,F\n")
                                        << "patients.csv: column BIRTHDATE missing";
    QTest::newRow("observations VALUE") << "observations.csv"
                                        << QByteArray("DATE,PATIENT,CODE,UNITS\n2020-01-01,p1,2160-0,mg/dL\n")
                                        << "observations.csv: column VALUE missing";
    QTest::newRow("procedures START or DATE")
        << "procedures.csv" << QByteArray("STOP,PATIENT,CODE\n2020-01-01,p1,123\n")
        << "procedures.csv: column START missing (older Synthea: DATE)";
    QTest::newRow("conditions PATIENT") << "conditions.csv" << QByteArray("START,CODE\n2020-01-01,1\n")
                                        << "conditions.csv: column PATIENT missing";
}

void TestSyntheaCsvReader::missingRequiredColumnIsAnError() {
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString dir = scratch_ + QStringLiteral("/missing-column-") + QFileInfo(file).completeBaseName();
    writeSmallExport(dir, {{file, content}});
    auto result = SyntheaCsvReader::read(dir, QStringLiteral("p1"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), Error::Code::InvalidInput);
    QCOMPARE(result.error().file(), QDir(dir).filePath(file));
    QVERIFY2(result.error().message().endsWith(expected), qPrintable(result.error().message()));
    QCOMPARE(result.error().message(), QDir(dir).filePath(expected));
    if (file == QLatin1String("patients.csv")) {
        auto list = SyntheaCsvReader::listPatients(dir);
        QVERIFY(!list.ok());
        QVERIFY2(list.error().message().contains(expected), qPrintable(list.error().message()));
    }
}

void TestSyntheaCsvReader::quotedFieldsWithCommasAndNewlinesInAnExport() {
    const QString dir = scratch_ + QStringLiteral("/quoted");
    writeSmallExport(
        dir, {{"patients.csv",
               "Id,BIRTHDATE,FIRST,LAST,GENDER,ADDRESS\r\n"
               "p1,1960-01-02,\"Ada, Countess\",\"Lovelace\",F,\"12 St James's Square\r\nLondon\"\r\n"},
              {"conditions.csv",
               "START,STOP,PATIENT,ENCOUNTER,CODE,DESCRIPTION\n"
               "2020-01-01,,p1,e1,33737001,\"Fracture of rib, left\"\n"
               "2020-02-01,,p1,e1,254637007,\"Non-small cell lung cancer\n(disorder), \"\"stage IIIA\"\"\"\n"}});
    auto result = SyntheaCsvReader::read(dir, QStringLiteral("p1"));
    QVERIFY2(result.ok(), qPrintable(failureText(result.error())));
    const PatientRecord &record = result.value();
    QCOMPARE(record.demographics.givenName, QStringLiteral("Ada, Countess"));
    QCOMPARE(record.demographics.familyName, QStringLiteral("Lovelace"));
    QCOMPARE(record.conditions.size(), 2);
    QCOMPARE(record.conditions.at(0).code.label(), QStringLiteral("Fracture of rib, left"));
    QCOMPARE(record.conditions.at(1).code.label(),
             QStringLiteral("Non-small cell lung cancer\n(disorder), \"stage IIIA\""));
    QVERIFY(!record.conditions.at(0).isCancer);
    QVERIFY(record.conditions.at(1).isCancer);
    QCOMPARE(record.conditions.at(1).provenance.csvRow, 2);
}

void TestSyntheaCsvReader::badRowsAreSkippedWithTheRowNamed() {
    const QString dir = scratch_ + QStringLiteral("/bad-rows");
    writeSmallExport(
        dir,
        {{"observations.csv",
          "DATE,PATIENT,ENCOUNTER,CATEGORY,CODE,DESCRIPTION,VALUE,UNITS,TYPE\n"
          "2020-01-01T10:00:00Z,p1,e1,vital-signs,29463-7,Body Weight,70.5,kg,numeric\n"
          "2020-02-01T10:00:00Z,p2,e2,vital-signs,29463-7,Body Weight,oops,kg,numeric\n"  // another patient: not ours
          "2020-03-01T10:00:00Z,p1,e1,vital-signs,29463-7,Body Weight,abc,kg,numeric\n"
          "2020-04-01T10:00:00Z,p1,e1,vital-signs,29463-7,Body Weight,71.0,kg,numeric\n"
          "2020-13-45T10:00:00Z,p1,e1,vital-signs,29463-7,Body Weight,72.0,kg,numeric\n"
          "2020-06-01T10:00:00Z,p1,e1,vital-signs,29463-7,Body Weight,72.5,kg\n"  // one field short
          "2020-07-01T10:00:00Z,p1,e1,survey,72166-2,Tobacco smoking status,Never smoker,,text\n"
          "2020-08-01T10:00:00Z,p1,e1,laboratory,2160-0,Creatinine,\"1.1\n2\",mg/dL,numeric\n"},
         {"conditions.csv",
          "START,STOP,PATIENT,ENCOUNTER,CODE,DESCRIPTION\n"
          "2020-01-01,,p1,e1,1,ok\n"
          "2020-01-02,2020-02-30,p1,e1,2,bad stop\n"
          ",,p1,e1,3,no start\n"}});
    auto result = SyntheaCsvReader::read(dir, QStringLiteral("p1"));
    QVERIFY2(result.ok(), qPrintable(failureText(result.error())));
    const PatientRecord &record = result.value();
    const QStringList problems = record.warnings.filter(QStringLiteral(" row "));
    QCOMPARE(problems,
             (QStringList{QStringLiteral("conditions.csv row 2: column STOP: not a date '2020-02-30'"),
                          QStringLiteral("conditions.csv row 3: column START: empty"),
                          QStringLiteral("observations.csv row 3: column VALUE: not a number 'abc'"),
                          QStringLiteral("observations.csv row 5: column DATE: not a date '2020-13-45T10:00:00Z'"),
                          QStringLiteral("observations.csv row 6: 8 fields, the header has 9; row skipped"),
                          QStringLiteral("observations.csv row 8: column VALUE: not a number '1.1\\n2'")}));
    QCOMPARE(record.observations.size(), 3);
    QCOMPARE(record.countsByType.value(QStringLiteral("Observation")), 3);
    QCOMPARE(record.observations.at(1).provenance.csvRow, 4);
    QCOMPARE(record.latest(QStringLiteral("29463-7"))->value.display(), QStringLiteral("71 kg"));
    QCOMPARE(record.conditions.size(), 1);
}

void TestSyntheaCsvReader::missingOptionalTablesWarn() {
    const QString dir = scratch_ + QStringLiteral("/patients-only");
    writeSmallExport(dir, {});
    auto result = SyntheaCsvReader::read(dir, QStringLiteral("p2"));
    QVERIFY2(result.ok(), qPrintable(failureText(result.error())));
    const PatientRecord &record = result.value();
    QCOMPARE(record.demographics.givenName, QStringLiteral("Alan"));
    QCOMPARE(record.demographics.sex, QStringLiteral("male"));
    QVERIFY(!record.demographics.deceasedDate.has_value());
    QCOMPARE(record.countsByType, (QMap<QString, int>{{QStringLiteral("Patient"), 1}}));
    QCOMPARE(record.warnings.size(), 8);
    for (const char *table : kClinicalTables) {
        QVERIFY2(record.warnings.contains(QLatin1String(table) +
                                          QStringLiteral(": not in the export; nothing read from it")),
                 table);
    }
    QCOMPARE(record.sources, QStringList{QDir(dir).filePath(QStringLiteral("patients.csv"))});
}

void TestSyntheaCsvReader::imagingRowsAreGroupedIntoOneStudyPerId() {
    const QString dir = scratch_ + QStringLiteral("/imaging");
    writeSmallExport(
        dir,
        {{"imaging_studies.csv",
          "Id,DATE,PATIENT,ENCOUNTER,STUDY_UID,SERIES_UID,BODYSITE_CODE,BODYSITE_DESCRIPTION,MODALITY_CODE,"
          "MODALITY_DESCRIPTION,INSTANCE_UID,SOP_CODE,SOP_DESCRIPTION,PROCEDURE_CODE\n"
          "s1,2021-05-01T09:00:00Z,p1,e1,1.2.3,1.2.3.1,51185008,Chest,CT,Computed Tomography,1.2.3.1.1,,,\n"
          "s1,2021-05-01T09:00:00Z,p1,e1,1.2.3,1.2.3.1,51185008,Chest,CT,Computed Tomography,1.2.3.1.2,,,\n"
          "s1,2021-05-01T09:05:00Z,p1,e1,1.2.3,1.2.3.2,51185008,Chest,PT,Positron emission tomography,1.2.3.2.1,,,\n"
          "s2,2021-06-01T09:00:00Z,p1,e2,1.2.4,1.2.4.1,12738006,Brain,MR,Magnetic Resonance,1.2.4.1.1,,,\n"
          "s3,2021-06-01T09:00:00Z,p2,e3,1.2.5,1.2.5.1,12738006,Brain,MR,Magnetic Resonance,1.2.5.1.1,,,\n"}});
    auto result = SyntheaCsvReader::read(dir, QStringLiteral("p1"));
    QVERIFY2(result.ok(), qPrintable(failureText(result.error())));
    const PatientRecord &record = result.value();
    QVERIFY2(record.warnings.filter(QStringLiteral("imaging")).isEmpty(),
             qPrintable(record.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(record.imagingStudies.size(), 2);
    QCOMPARE(record.countsByType.value(QStringLiteral("ImagingStudy")), 2);
    const auto &petCt = record.imagingStudies.first();
    QCOMPARE(petCt.studyInstanceUid, QStringLiteral("1.2.3"));
    QCOMPARE(petCt.seriesInstanceUids, (QStringList{"1.2.3.1", "1.2.3.2"}));
    QCOMPARE(petCt.modalities, (QStringList{"CT", "PT"}));
    QCOMPARE(petCt.started, QDateTime(QDate(2021, 5, 1), QTime(9, 0), Qt::UTC));
    QCOMPARE(petCt.description, QStringLiteral("Computed Tomography of Chest; Positron emission tomography of Chest"));
    QCOMPARE(petCt.provenance.csvRow, 1);
    QCOMPARE(record.imagingStudies.at(1).studyInstanceUid, QStringLiteral("1.2.4"));
}

// ---------------------------------------------------------------------------------------------
// Classification

void TestSyntheaCsvReader::classifiesCancerChemotherapyAndProcedures() {
    const auto condition = [](const QString &code, const QString &text) {
        CodedConcept coded;
        coded.codings << Coding{code_system::kSnomed, code, text};
        coded.text = text;
        return coded;
    };
    // Synthea oncology codes, and words.
    QVERIFY(SyntheaCsvReader::isCancer(condition(QStringLiteral("254637007"), QString())));
    QVERIFY(SyntheaCsvReader::isCancer(condition(QStringLiteral("1"), QStringLiteral("Malignant neoplasm of breast"))));
    QVERIFY(SyntheaCsvReader::isCancer(condition(QStringLiteral("1"), QStringLiteral("Acute myeloid leukemia"))));
    QVERIFY(SyntheaCsvReader::isCancer(condition(QStringLiteral("1"), QStringLiteral("Hodgkin lymphoma"))));
    QVERIFY(SyntheaCsvReader::isCancer(condition(QStringLiteral("1"), QStringLiteral("Osteosarcoma of femur"))));
    QVERIFY(SyntheaCsvReader::isCancer(condition(QStringLiteral("1"), QStringLiteral("Melanoma of skin"))));
    QVERIFY(
        SyntheaCsvReader::isCancer(condition(QStringLiteral("1"), QStringLiteral("Carcinoma in situ of prostate"))));
    QVERIFY(!SyntheaCsvReader::isCancer(
        condition(QStringLiteral("162573006"), QStringLiteral("Suspected lung cancer (situation)"))));
    QVERIFY(!SyntheaCsvReader::isCancer(condition(QStringLiteral("1"), QStringLiteral("Benign neoplasm of skin"))));
    QVERIFY(
        !SyntheaCsvReader::isCancer(condition(QStringLiteral("22298006"), QStringLiteral("Myocardial Infarction"))));

    QVERIFY(SyntheaCsvReader::isChemotherapy(QStringLiteral("cisplatin 50 MG/ML Injectable Solution")));
    QVERIFY(SyntheaCsvReader::isChemotherapy(QStringLiteral("PACLitaxel 6 MG/ML Injectable Solution")));
    QVERIFY(SyntheaCsvReader::isChemotherapy(QStringLiteral("oxaliplatin 5 MG/ML Injectable Solution")));
    QVERIFY(!SyntheaCsvReader::isChemotherapy(QStringLiteral("leucovorin calcium 10 MG/ML Injectable Solution")));
    QVERIFY(!SyntheaCsvReader::isChemotherapy(QStringLiteral("lisinopril 10 MG Oral Tablet")));

    using Category = ProcedureRecord::Category;
    QCOMPARE(SyntheaCsvReader::procedureCategory(QStringLiteral("Teleradiotherapy procedure (procedure)")),
             Category::Radiotherapy);
    QCOMPARE(
        SyntheaCsvReader::procedureCategory(QStringLiteral("Combined chemotherapy and radiation therapy (procedure)")),
        Category::Radiotherapy);
    QCOMPARE(SyntheaCsvReader::procedureCategory(QStringLiteral("Antineoplastic chemotherapy regimen")),
             Category::Chemotherapy);
    QCOMPARE(SyntheaCsvReader::procedureCategory(QStringLiteral("Biopsy of lung (procedure)")), Category::Biopsy);
    QCOMPARE(SyntheaCsvReader::procedureCategory(QStringLiteral("Excisional biopsy of breast")), Category::Biopsy);
    QCOMPARE(SyntheaCsvReader::procedureCategory(QStringLiteral("Computed tomography of chest and abdomen")),
             Category::Imaging);
    QCOMPARE(SyntheaCsvReader::procedureCategory(QStringLiteral("CT of chest")), Category::Imaging);
    QCOMPARE(SyntheaCsvReader::procedureCategory(QStringLiteral("Chest X-ray")), Category::Imaging);
    QCOMPARE(SyntheaCsvReader::procedureCategory(QStringLiteral("Lobectomy of lung")), Category::Surgery);
    QCOMPARE(SyntheaCsvReader::procedureCategory(QStringLiteral("Colostomy")), Category::Surgery);
    QCOMPARE(SyntheaCsvReader::procedureCategory(QStringLiteral("Colonoscopy")), Category::Other);
    QCOMPARE(SyntheaCsvReader::procedureCategory(QStringLiteral("Depression screening")), Category::Other);

    QCOMPARE(SyntheaCsvReader::codeSystemUri(QStringLiteral("SNOMED-CT")), code_system::kSnomed);
    QCOMPARE(SyntheaCsvReader::codeSystemUri(QStringLiteral("RxNorm")), code_system::kRxNorm);
    QCOMPARE(SyntheaCsvReader::codeSystemUri(QStringLiteral("LOINC")), code_system::kLoinc);
    QCOMPARE(SyntheaCsvReader::codeSystemUri(QStringLiteral("ICD10")), code_system::kIcd10);
    QCOMPARE(SyntheaCsvReader::codeSystemUri(QStringLiteral("http://snomed.info/sct")), code_system::kSnomed);
    QCOMPARE(SyntheaCsvReader::codeSystemUri(QStringLiteral("GBD")), QStringLiteral("GBD"));
}

DIDYMOS_TEST_MAIN(TestSyntheaCsvReader)
#include "TestSyntheaCsvReader.moc"
