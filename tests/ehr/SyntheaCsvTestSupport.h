#pragma once
// Shared by the Synthea CSV tests: the patients of the real v3 export used as references, a
// naive reader/writer for the unquoted sample files (independent counts, derived generations)
// and a writer of small exports.

#include "TestMain.h"

#include "twin/ehr/CsvTable.h"
#include "twin/ehr/SyntheaCsvReader.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QSet>
#include <QStringList>

namespace twin::test::synthea {

using twin::core::Error;
using twin::ehr::CodedConcept;
using twin::ehr::Coding;
using twin::ehr::CsvTable;
using twin::ehr::ObservationValue;
using twin::ehr::PatientRecord;
using twin::ehr::ProcedureRecord;
using twin::ehr::SyntheaCsvReader;
namespace code_system = twin::ehr::code_system;


// Two patients of the real export, looked up once with
//   grep <id> <table>.csv | wc -l          (counts; no field of the export is quoted)
//   python3 csv.DictReader over observations.csv, CODE == 29463-7 (body weights)
// Gene733 Mann644: died 1976-07-25; body weight 12.5 kg (1975-10-05) then 13.5 kg (1976-04-04).
inline const QString kGene = QStringLiteral("261ad2a4-7c6f-da54-6a5b-3441beab9a6a");
// Amos720 Pacocha935: the only patient with a row in imaging_studies.csv (one DX chest study).
inline const QString kAmos = QStringLiteral("280ee8b5-6ebb-11cf-e4db-8cf101827ec7");
inline const QString kFirstPatient = QStringLiteral("3edac2e3-d223-6fae-d515-daf96ef6bc76");  // Maynard46 Mosciski958

inline QString failureText(const Error &error) {
    return error.message();
}

inline void writeFile(const QString &path, const QByteArray &content) {
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
inline QString fhirTypeOf(const QString &table) {
    static const QMap<QString, QString> kTypes{
        {"encounters.csv", "Encounter"},          {"conditions.csv", "Condition"},
        {"medications.csv", "MedicationRequest"}, {"observations.csv", "Observation"},
        {"procedures.csv", "Procedure"},          {"imaging_studies.csv", "ImagingStudy"},
        {"allergies.csv", "AllergyIntolerance"},  {"careplans.csv", "CarePlan"}};
    return kTypes.value(table);
}

/// A small export: patients.csv with two patients, plus the given tables.
inline void writeSmallExport(const QString &dir, const QMap<QString, QByteArray> &tables) {
    QDir().mkpath(dir);
    if (!tables.contains(QStringLiteral("patients.csv"))) {
        writeFile(dir + QStringLiteral("/patients.csv"),
                  "Id,BIRTHDATE,DEATHDATE,FIRST,LAST,GENDER\n"
                  "p1,1960-01-02,,Ada,Lovelace,F\n"
                  "p2,1970-03-04,,Alan,Turing,M\n");
    }
    for (auto it = tables.cbegin(); it != tables.cend(); ++it) writeFile(dir + QLatin1Char('/') + it.key(), it.value());
}


}  // namespace twin::test::synthea
