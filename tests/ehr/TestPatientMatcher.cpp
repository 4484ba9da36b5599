// PatientMatcher and linkImagingStudies: identifier, name and birth-date matches with their
// confidences, contradictions as warnings naming both values, and ImagingStudy → loaded study.

#include "TestMain.h"

#include "twin/ehr/ImagingLink.h"
#include "twin/ehr/PatientRecord.h"

using namespace twin::ehr;
Q_DECLARE_METATYPE(twin::ehr::DicomPatientSummary)

using Basis = PatientMatch::Basis;

namespace {

Demographics recordPatient() {
    Demographics patient;
    patient.id = QStringLiteral("b0e5a1c2-0000-4000-8000-000000000001");
    patient.identifiers = {{QStringLiteral("http://hospital.example.org/mrn"), QStringLiteral("MRN-778812")},
                           {QStringLiteral("http://hl7.org/fhir/sid/us-ssn"), QStringLiteral("999-12-3456")}};
    patient.familyName = QStringLiteral("Müller");
    patient.givenName = QStringLiteral("José María");
    patient.birthDate = QDate(1958, 11, 4);
    patient.sex = QStringLiteral("male");
    return patient;
}

DicomPatientSummary dicom(const QString &id, const QString &name, const QDate &birth, const QString &sex,
                          const QStringList &studies = {}) {
    return {id, name, birth, sex, studies};
}

}  // namespace

class TestPatientMatcher : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void match_data();
    void match();
    void identifierNotShownInReasons();
    void contradictionsNameBothValues();
    void comparableName_data();
    void comparableName();
    void matchAllAndBest();
    void linkStudies();
};

void TestPatientMatcher::match_data() {
    QTest::addColumn<DicomPatientSummary>("candidate");
    QTest::addColumn<double>("confidence");
    QTest::addColumn<int>("basis");
    QTest::addColumn<int>("warnings");

    const QDate born(1958, 11, 4);
    // Identifier (any record identifier or Patient.id): 1.0; contradicted: 0.95.
    QTest::newRow("MRN") << dicom("MRN-778812", "MULLER^JOSE", born, "M") << 1.0 << int(Basis::Identifier) << 0;
    QTest::newRow("SSN, other name fields empty") << dicom("999-12-3456", "", QDate(), "") << 1.0 << int(Basis::Identifier) << 0;
    QTest::newRow("Patient.id") << dicom("b0e5a1c2-0000-4000-8000-000000000001", "Müller^José María", born, "M")
                                << 1.0 << int(Basis::Identifier) << 0;
    QTest::newRow("MRN padded") << dicom(" MRN-778812 ", "MULLER^JOSE", born, "M") << 1.0 << int(Basis::Identifier) << 0;
    QTest::newRow("MRN, birth date differs") << dicom("MRN-778812", "MULLER^JOSE", QDate(1958, 4, 11), "M")
                                             << 0.95 << int(Basis::Identifier) << 1;
    QTest::newRow("MRN, sex differs") << dicom("MRN-778812", "MULLER^JOSE", born, "F") << 0.95 << int(Basis::Identifier) << 1;
    QTest::newRow("MRN, both differ") << dicom("MRN-778812", "MULLER^JOSE", QDate(1960, 1, 1), "F")
                                      << 0.95 << int(Basis::Identifier) << 2;
    // A different name under the same identifier is a warning but not a contradiction of the match.
    QTest::newRow("MRN, other name") << dicom("MRN-778812", "SMITH^ANNA", born, "M") << 1.0 << int(Basis::Identifier) << 1;
    // Name (case, accents, middle names) and birth date: 0.8.
    QTest::newRow("name and birth date") << dicom("OTHER-1", "MULLER^JOSE^MARIA", born, "M")
                                         << 0.8 << int(Basis::NameAndBirthDate) << 0;
    QTest::newRow("name first given only") << dicom("OTHER-1", "muller^jose", born, "")
                                           << 0.8 << int(Basis::NameAndBirthDate) << 0;
    QTest::newRow("name with ideographic group") << dicom("OTHER-1", "Müller^José=ミュラー^ホセ", born, "M")
                                                 << 0.8 << int(Basis::NameAndBirthDate) << 0;
    QTest::newRow("name and birth date, sex differs") << dicom("OTHER-1", "MULLER^JOSE", born, "F")
                                                      << 0.8 << int(Basis::NameAndBirthDate) << 1;
    // One of them only: 0.3 / 0.2.
    QTest::newRow("name only, no birth date") << dicom("OTHER-1", "MULLER^JOSE", QDate(), "M") << 0.3 << int(Basis::NameOnly) << 0;
    QTest::newRow("name only, birth date differs") << dicom("OTHER-1", "MULLER^JOSE", QDate(1970, 2, 2), "M")
                                                   << 0.3 << int(Basis::NameOnly) << 1;
    QTest::newRow("birth date only") << dicom("OTHER-1", "SMITH^ANNA", born, "M") << 0.2 << int(Basis::BirthDateOnly) << 0;
    QTest::newRow("given name differs") << dicom("OTHER-1", "MULLER^JUAN", born, "M") << 0.2 << int(Basis::BirthDateOnly) << 0;
    QTest::newRow("family only") << dicom("OTHER-1", "MULLER", QDate(), "") << 0.0 << int(Basis::None) << 0;
    QTest::newRow("nothing") << dicom("OTHER-1", "SMITH^ANNA", QDate(1990, 1, 1), "F") << 0.0 << int(Basis::None) << 2;
    QTest::newRow("empty candidate") << dicom("", "", QDate(), "") << 0.0 << int(Basis::None) << 0;
}

void TestPatientMatcher::match() {
    QFETCH(DicomPatientSummary, candidate);
    QFETCH(double, confidence);
    QFETCH(int, basis);
    QFETCH(int, warnings);
    const PatientMatch result = PatientMatcher::match(recordPatient(), candidate);
    QCOMPARE(result.confidence, confidence);
    QCOMPARE(int(result.basis), basis);
    QVERIFY2(result.warnings.size() == warnings, qPrintable(result.warnings.join(QStringLiteral(" | "))));
    QCOMPARE(result.hasContradictions(), warnings > 0);
    QVERIFY(!result.reasons.isEmpty());
    QVERIFY(result.confidence >= 0.0 && result.confidence <= 1.0);
}

void TestPatientMatcher::identifierNotShownInReasons() {
    const PatientMatch result = PatientMatcher::match(recordPatient(), dicom("999-12-3456", "", QDate(), ""));
    QCOMPARE(result.reasons.size(), 1);
    QVERIFY(result.reasons.first().contains(QStringLiteral("http://hl7.org/fhir/sid/us-ssn")));
    QVERIFY(!result.reasons.first().contains(QStringLiteral("999-12-3456")));
}

void TestPatientMatcher::contradictionsNameBothValues() {
    const PatientMatch result =
        PatientMatcher::match(recordPatient(), dicom("MRN-778812", "MULLER^JOSE", QDate(1958, 4, 11), "F"));
    QCOMPARE(result.confidence, 0.95);
    QCOMPARE(result.warnings,
             (QStringList{"birth date differs: record 1958-11-04, DICOM 1958-04-11", "sex differs: record male (M), DICOM F"}));

    const PatientMatch renamed = PatientMatcher::match(recordPatient(), dicom("MRN-778812", "SMITH^ANNA", QDate(), ""));
    QCOMPARE(renamed.warnings, QStringList{"name differs: record Müller^José María, DICOM SMITH^ANNA"});

    // Unknown on either side is not a contradiction.
    Demographics unknownSex = recordPatient();
    unknownSex.sex = QStringLiteral("unknown");
    QVERIFY(PatientMatcher::match(unknownSex, dicom("MRN-778812", "", QDate(), "F")).warnings.isEmpty());
    QVERIFY(PatientMatcher::match(recordPatient(), dicom("MRN-778812", "", QDate(), "")).warnings.isEmpty());
}

void TestPatientMatcher::comparableName_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("comparable");
    QTest::newRow("accents and case") << "Müller" << "muller";
    QTest::newRow("cedilla, tilde") << "François Peña" << "francois pena";
    QTest::newRow("apostrophe") << "O'Brien" << "obrien";
    QTest::newRow("hyphen") << "Smith-Jones" << "smith jones";
    QTest::newRow("PN carets") << "DOE^JOHN^Q" << "doe john q";
    QTest::newRow("Synthea digits") << "Jolie535 Kris249" << "jolie kris";
    QTest::newRow("sharp s") << "Strauß" << "strauss";
    QTest::newRow("spaces") << "  van   der  Berg " << "van der berg";
}

void TestPatientMatcher::comparableName() {
    QFETCH(QString, name);
    QFETCH(QString, comparable);
    QCOMPARE(PatientMatcher::comparableName(name), comparable);
}

void TestPatientMatcher::matchAllAndBest() {
    const QDate born(1958, 11, 4);
    const QList<DicomPatientSummary> candidates{
        dicom("X-1", "SMITH^ANNA", QDate(1990, 1, 1), "F"),  // 0.0
        dicom("X-2", "MULLER^JOSE", born, "M"),              // 0.8
        dicom("MRN-778812", "MULLER^JOSE", born, "M"),       // 1.0
        dicom("X-3", "MULLER^JOSE", QDate(), "M"),           // 0.3
    };
    const QList<PatientMatch> matches = PatientMatcher::matchAll(recordPatient(), candidates);
    QCOMPARE(matches.size(), 4);
    for (int i = 0; i < 4; ++i) QCOMPARE(matches.at(i).candidateIndex, i);
    QCOMPARE(matches.at(0).confidence, 0.0);
    QCOMPARE(matches.at(1).confidence, 0.8);
    QCOMPARE(matches.at(2).confidence, 1.0);
    QCOMPARE(matches.at(3).confidence, 0.3);
    QCOMPARE(PatientMatcher::best(matches), 2);
    QCOMPARE(PatientMatcher::best(matches.mid(0, 2)), 1);
    QCOMPARE(PatientMatcher::best({matches.at(0), matches.at(3)}), -1);      // nothing ≥ 0.8
    QCOMPARE(PatientMatcher::best({matches.at(0), matches.at(3)}, 0.2), 1);  // 0.3 at a lower bar
    QCOMPARE(PatientMatcher::dicomSex(QStringLiteral("female")), QStringLiteral("F"));
    QCOMPARE(PatientMatcher::dicomSex(QStringLiteral("unknown")), QString());
}

void TestPatientMatcher::linkStudies() {
    PatientRecord record;
    record.demographics = recordPatient();
    auto study = [](const QString &id, const QString &uid) {
        ImagingStudyRecord s;
        s.id = id;
        s.studyInstanceUid = uid;
        s.provenance.resourceType = QStringLiteral("ImagingStudy");
        s.provenance.resourceId = id;
        return s;
    };
    record.imagingStudies << study(QStringLiteral("s1"), QStringLiteral("1.2.3.100"));
    record.imagingStudies << study(QStringLiteral("s2"), QStringLiteral("1.2.3.200"));
    record.imagingStudies << study(QStringLiteral("s3"), QStringLiteral("1.2.3.300"));  // not loaded
    record.imagingStudies << study(QStringLiteral("s4"), QString());                   // no UID
    record.imagingStudies << study(QStringLiteral("s5"), QStringLiteral("1.2.3.500"));

    const QDate born(1958, 11, 4);
    const QList<DicomPatientSummary> summaries{
        dicom("MRN-778812", "MULLER^JOSE", born, "M", {"1.2.3.100", "1.2.3.101"}),
        dicom("OTHER-9", "SMITH^ANNA", QDate(1990, 1, 1), "F", {"1.2.3.200"}),
        dicom("MRN-778812", "MULLER^JOSE", born, "M", {"1.2.3.500"}),
        dicom("X-7", "MULLER^JOSE", born, "M", {"1.2.3.500"}),
    };
    const QList<ImagingStudyLink> links = linkImagingStudies(record, summaries);
    QCOMPARE(links.size(), 5);

    QCOMPARE(links.at(0).imagingStudyId, QStringLiteral("s1"));
    QCOMPARE(links.at(0).summaryIndex, 0);
    QVERIFY(links.at(0).isLinked());
    QVERIFY(links.at(0).warnings.isEmpty());

    // Linked by UID, but the holding patient is someone else: warned.
    QCOMPARE(links.at(1).summaryIndex, 1);
    QVERIFY2(links.at(1).warnings.join(QLatin1Char('|')).contains(QStringLiteral("birth date differs: record 1958-11-04, DICOM 1990-01-01")),
             qPrintable(links.at(1).warnings.join(QLatin1Char('|'))));
    QVERIFY(links.at(1).warnings.join(QLatin1Char('|')).contains(QStringLiteral("does not match the record (confidence 0.00)")));

    QCOMPARE(links.at(2).summaryIndex, -1);
    QVERIFY(!links.at(2).isLinked());
    QVERIFY(links.at(2).warnings.isEmpty());

    QCOMPARE(links.at(3).summaryIndex, -1);
    QCOMPARE(links.at(3).warnings.size(), 1);
    QVERIFY(links.at(3).warnings.first().contains(QStringLiteral("ImagingStudy/s4 has no Study Instance UID")));

    // Held by two loaded patients: the first is linked, with a warning.
    QCOMPARE(links.at(4).summaryIndex, 2);
    QCOMPARE(links.at(4).warnings.size(), 1);
    QVERIFY(links.at(4).warnings.first().contains(QStringLiteral("held by 2 loaded patients (Patient IDs MRN-778812, X-7)")));
}

DIDYMOS_TEST_MAIN(TestPatientMatcher)
#include "TestPatientMatcher.moc"
