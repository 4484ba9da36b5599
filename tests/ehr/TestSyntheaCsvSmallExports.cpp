// SyntheaCsvReader on small exports written here: unknown columns warn once per file, a missing
// required column is an error naming file and column, quoted fields, a bad row is skipped with a
// warning naming file, row and column, missing optional tables warn, imaging rows group.

#include "SyntheaCsvTestSupport.h"
#include "TestData.h"
#include "TestMain.h"

#include "twin/core/JobContext.h"

#include <QFileInfo>

#include <algorithm>
#include <functional>

using namespace twin::test::synthea;

class TestSyntheaCsvSmallExports : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase() {
        scratch_ = twin::test::scratchDir(QStringLiteral("ehr-synthea-csv-small-exports"));
        QVERIFY(QFileInfo(scratch_).isDir());
    }
    void unknownColumnsWarnOncePerFile();
    void missingRequiredColumnIsAnError_data();
    void missingRequiredColumnIsAnError();
    void quotedFieldsWithCommasAndNewlinesInAnExport();
    void badRowsAreSkippedWithTheRowNamed();
    void missingOptionalTablesWarn();
    void imagingRowsAreGroupedIntoOneStudyPerId();
private:
    QString scratch_;
};
// ---------------------------------------------------------------------------------------------
// Small exports

void TestSyntheaCsvSmallExports::unknownColumnsWarnOncePerFile() {
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

void TestSyntheaCsvSmallExports::missingRequiredColumnIsAnError_data() {
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

void TestSyntheaCsvSmallExports::missingRequiredColumnIsAnError() {
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

void TestSyntheaCsvSmallExports::quotedFieldsWithCommasAndNewlinesInAnExport() {
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

void TestSyntheaCsvSmallExports::badRowsAreSkippedWithTheRowNamed() {
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

void TestSyntheaCsvSmallExports::missingOptionalTablesWarn() {
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

void TestSyntheaCsvSmallExports::imagingRowsAreGroupedIntoOneStudyPerId() {
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


DIDYMOS_TEST_MAIN(TestSyntheaCsvSmallExports)
#include "TestSyntheaCsvSmallExports.moc"
