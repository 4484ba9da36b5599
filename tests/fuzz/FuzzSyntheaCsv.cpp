// Fuzz target: arbitrary bytes as a CSV table of a Synthea export.
//  1. CsvTable::fromData over the bytes: every record and every accessor, with the invariants
//     the header promises (rows count up, lines never go back, errors name the source).
//  2. SyntheaCsvReader over the bytes as each table of an export written to a temporary
//     directory (the reader reads directories only): as patients.csv (listPatients and read),
//     then as each clinical table next to a patients.csv written here whose one patient is the
//     input's first PATIENT value, so that patient's rows go through the row mappers.
//     Only inputs whose header has the columns the reader requires first (Id and BIRTHDATE for
//     patients.csv, PATIENT for the clinical tables) are written out: any other input stops at
//     the column check, and the file writes would only slow the fuzzer down.

#include "twin/ehr/CsvTable.h"
#include "twin/ehr/SyntheaCsvReader.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

namespace {

using twin::ehr::CsvTable;
using twin::ehr::SyntheaCsvReader;

bool writeFile(const QString &path, const QByteArray &bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QByteArray csvField(QByteArray value) {
    value.replace('"', "\"\"");
    return '"' + value + '"';
}

struct CsvFacts {
    bool patientsHeader = false;  // has Id and BIRTHDATE
    bool clinicalHeader = false;  // has PATIENT
    QByteArray firstPatient;      // the first data row's PATIENT field
};

/// Reads the whole input through CsvTable.
CsvFacts fuzzCsvTable(const QByteArray &bytes) {
    const QString source = QStringLiteral("fuzz-input.csv");
    auto opened = CsvTable::fromData(bytes, source);
    if (!opened.ok()) {
        if (!opened.error().message().startsWith(source)) __builtin_trap();
        return {};
    }
    CsvFacts facts;
    CsvTable &table = opened.value();
    const QStringList &header = table.header();
    for (qsizetype i = 0; i < header.size(); ++i) {
        // A non-empty name finds its own column or an earlier one of the same name.
        const int found = table.column(header.at(i));
        if (!header.at(i).isEmpty() && (found < 0 || found > i)) __builtin_trap();
    }
    const int patientColumn = table.column(u"PATIENT");
    facts.patientsHeader = table.hasColumn(u"Id") && table.hasColumn(u"BIRTHDATE");
    facts.clinicalHeader = patientColumn >= 0;
    int lastRow = 0;
    qint64 lastLine = 0;
    while (true) {
        const auto more = table.next();
        if (!more.ok()) {
            if (!more.error().message().startsWith(source)) __builtin_trap();
            break;
        }
        if (!more.value()) break;
        if (table.row() != lastRow + 1 || table.line() <= lastLine) __builtin_trap();
        lastRow = table.row();
        lastLine = table.line();
        if (table.bytesRead() > table.totalBytes()) __builtin_trap();
        const QStringList fields = table.fields();
        if (fields.size() != table.fieldCount() || fields.isEmpty()) __builtin_trap();
        for (int c = -1; c <= table.fieldCount(); ++c) {
            if (table.value(c) != QString::fromUtf8(table.raw(c))) __builtin_trap();
        }
        if (facts.firstPatient.isEmpty()) facts.firstPatient = table.raw(patientColumn).trimmed();
    }
    // The end is sticky.
    const auto after = table.next();
    if (after.ok() && after.value()) __builtin_trap();
    return facts;
}

void checkError(const twin::core::Error &error, const QString &dir) {
    // Every error of a read names the file at fault, which lies in `dir`.
    if (!error.message().contains(dir)) __builtin_trap();
}

void fuzzSyntheaReader(const QByteArray &bytes, const CsvFacts &facts) {
    if (!facts.patientsHeader && !facts.clinicalHeader) return;
    static QTemporaryDir tempDir;
    if (!tempDir.isValid()) return;
    const QString dirPath = tempDir.path();
    const QDir dir(dirPath);
    const QString patientsPath = dir.filePath(QStringLiteral("patients.csv"));

    // The input as patients.csv, alone.
    if (facts.patientsHeader && writeFile(patientsPath, bytes)) {
        const auto listed = SyntheaCsvReader::listPatients(dirPath);
        if (!listed.ok()) checkError(listed.error(), dirPath);
        const auto read = SyntheaCsvReader::read(dirPath);
        if (!read.ok()) checkError(read.error(), dirPath);
    }

    // The input as each clinical table of an export with one patient.
    const QByteArray patientId = facts.firstPatient.isEmpty() ? QByteArray("fuzz-patient") : facts.firstPatient;
    const QByteArray patients =
        "Id,BIRTHDATE,DEATHDATE,FIRST,LAST,GENDER\n" + csvField(patientId) + ",1950-01-02,,Fuzz,Input,F\n";
    if (!facts.clinicalHeader || !writeFile(patientsPath, patients)) {
        QFile::remove(patientsPath);
        return;
    }
    static const char *const kTables[] = {"encounters.csv", "conditions.csv",      "medications.csv",
                                          "observations.csv", "procedures.csv",    "imaging_studies.csv",
                                          "allergies.csv",    "careplans.csv"};
    for (const char *table : kTables) {
        const QString path = dir.filePath(QString::fromLatin1(table));
        if (!writeFile(path, bytes)) continue;
        const auto read = SyntheaCsvReader::read(dirPath);
        if (!read.ok()) checkError(read.error(), dirPath);
        QFile::remove(path);
    }
    QFile::remove(patientsPath);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    fuzzSyntheaReader(bytes, fuzzCsvTable(bytes));
    return 0;
}
