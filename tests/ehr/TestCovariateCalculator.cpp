// CovariateCalculator on hand-built records: every expected value is computed by hand below
// (arithmetic in the comments) and compared to 1e-6 relative; unknown inputs give unknown
// covariates whose notes name what is missing; lists (medications, diagnoses, prior therapy)
// respect the as-of date.

#include "TestMain.h"

#include "twin/ehr/CovariateCalculator.h"
#include "twin/ehr/PatientRecord.h"
#include "twin/ehr/UnitNormalizer.h"

#include <cmath>

using namespace twin::ehr;
namespace cn = twin::ehr::covariate_name;

namespace {

QDateTime at(int year, int month, int day, int hour = 0) {
    return QDateTime(QDate(year, month, day), QTime(hour, 0), Qt::UTC);
}

/// The as-of date of most tests: 1 June 2024, noon.
const QDateTime kAsOf = at(2024, 6, 1, 12);

Provenance bundleEntry(const QString &type, const QString &id, int entry) {
    Provenance provenance;
    provenance.file = QStringLiteral("/data/fhir/patient.json");
    provenance.resourceType = type;
    provenance.resourceId = id;
    provenance.entryIndex = entry;
    return provenance;
}

ObservationRecord quantity(const QString &id, const QString &loincCode, const QString &display, double value,
                           const QString &unit, const QDateTime &when, int entry) {
    ObservationRecord observation;
    observation.id = id;
    observation.code.codings = {{code_system::kLoinc, loincCode, display}};
    observation.category = QStringLiteral("laboratory");
    observation.effective = when;
    observation.value.kind = ObservationValue::Kind::Quantity;
    observation.value.number = value;
    observation.value.unit = unit;
    observation.provenance = bundleEntry(QStringLiteral("Observation"), id, entry);
    return observation;
}

ObservationRecord weight(double value, const QString &unit, const QDateTime &when, const QString &id = QStringLiteral("wt")) {
    return quantity(id, loinc::kBodyWeight, QStringLiteral("Body Weight"), value, unit, when, 2);
}
ObservationRecord height(double value, const QString &unit, const QDateTime &when, const QString &id = QStringLiteral("ht")) {
    return quantity(id, loinc::kBodyHeight, QStringLiteral("Body Height"), value, unit, when, 3);
}
ObservationRecord creatinine(double value, const QString &unit, const QDateTime &when, const QString &id = QStringLiteral("scr")) {
    return quantity(id, loinc::kCreatinineSerum, QStringLiteral("Creatinine [Mass/volume] in Serum or Plasma"), value, unit,
                    when, 4);
}

/// A patient born on `birth`, of `sex`, with no clinical records.
PatientRecord patient(const QString &sex, const QDate &birth) {
    PatientRecord record;
    record.demographics.id = QStringLiteral("pat-1");
    record.demographics.familyName = QStringLiteral("Doe");
    record.demographics.givenName = QStringLiteral("Alex");
    record.demographics.sex = sex;
    if (birth.isValid()) record.demographics.birthDate = birth;
    record.demographics.provenance = bundleEntry(QStringLiteral("Patient"), QStringLiteral("pat-1"), 0);
    return record;
}

/// The reference patient: 60 years old on kAsOf (born 15 March 1964), 70 kg, 170 cm,
/// serum creatinine 1.0 mg/dL.
PatientRecord referencePatient(const QString &sex, double creatinineValue = 1.0,
                               const QString &creatinineUnit = QStringLiteral("mg/dL")) {
    PatientRecord record = patient(sex, QDate(1964, 3, 15));
    record.observations << weight(70.0, QStringLiteral("kg"), at(2024, 5, 20));
    record.observations << height(170.0, QStringLiteral("cm"), at(2023, 1, 9));
    record.observations << creatinine(creatinineValue, creatinineUnit, at(2024, 5, 28));
    return record;
}

bool close(double actual, double expected, double relative = 1e-6) {
    return std::abs(actual - expected) <= relative * std::abs(expected);
}

Covariate get(const QList<Covariate> &covariates, const QString &name) { return covariateNamed(covariates, name); }

}  // namespace

#define COMPARE_COVARIATE(covariates, name, expected, expectedUnit)                                               \
    do {                                                                                                           \
        const Covariate c_ = get(covariates, name);                                                                \
        QVERIFY2(c_.known, qPrintable(QStringLiteral("%1 unknown: %2").arg(name, c_.note)));                       \
        QVERIFY(c_.value.has_value());                                                                             \
        QVERIFY2(close(*c_.value, expected),                                                                       \
                 qPrintable(QStringLiteral("%1 = %2, expected %3").arg(name).arg(*c_.value, 0, 'g', 12).arg(expected, 0, 'g', 12))); \
        QCOMPARE(c_.unit, QStringLiteral(expectedUnit));                                                           \
        QVERIFY(!c_.usesPopulationDefault);                                                                        \
    } while (false)

class TestCovariateCalculator : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void namesInOrder();
    void referenceMale();
    void referenceFemale();
    void ckdEpiBelowKappa();
    void creatinineInMicromolarGivesSameResults();
    void imperialUnits();
    void ageInCompletedYears_data();
    void ageInCompletedYears();
    void latestAtOrBeforeAsOf();
    void heightAfterAsOfIsUsedAndSaid();
    void missingCreatinine();
    void missingWeight();
    void missingBirthDateAndSex();
    void renalEquationsNeedAdultFemaleOrMale();
    void censoredCreatinineIsNoted();
    void laboratoryValues();
    void currentMedications();
    void cancerDiagnoses();
    void priorTherapy();
    void emptyListsAreUnknownNotNone();
    void populationDefault();
};

void TestCovariateCalculator::namesInOrder() {
    const QList<Covariate> covariates = CovariateCalculator::compute(referencePatient(QStringLiteral("male")), kAsOf);
    QStringList names;
    for (const Covariate &covariate : covariates) names << covariate.name;
    QCOMPARE(names, CovariateCalculator::names());
    const QStringList required{"age", "sex", "weight", "height", "bsa", "bmi", "crcl", "egfr", "anc", "bilirubin",
                               "alt", "current_medications", "cancer_diagnoses", "prior_radiotherapy",
                               "prior_chemotherapy"};
    for (const QString &name : required) QVERIFY2(names.contains(name), qPrintable(name));
}

void TestCovariateCalculator::referenceMale() {
    const QList<Covariate> covariates = CovariateCalculator::compute(referencePatient(QStringLiteral("male")), kAsOf);

    // Born 1964-03-15; on 2024-06-01 the 2024 birthday has passed: 2024 − 1964 = 60.
    COMPARE_COVARIATE(covariates, cn::kAge, 60.0, "a");
    const Covariate age = get(covariates, cn::kAge);
    QVERIFY(age.method.contains(QStringLiteral("completed years")));
    QCOMPARE(age.date, QDate(1964, 3, 15));
    QCOMPARE(age.source, QStringLiteral("Patient/pat-1 (patient.json, Bundle.entry[0])"));

    const Covariate sex = get(covariates, cn::kSex);
    QVERIFY(sex.known);
    QCOMPARE(sex.text, QStringLiteral("male"));

    COMPARE_COVARIATE(covariates, cn::kWeight, 70.0, "kg");
    QCOMPARE(get(covariates, cn::kWeight).source, QStringLiteral("Observation/wt (patient.json, Bundle.entry[2])"));
    QCOMPARE(get(covariates, cn::kWeight).date, QDate(2024, 5, 20));
    COMPARE_COVARIATE(covariates, cn::kHeight, 170.0, "cm");
    QCOMPARE(get(covariates, cn::kHeight).date, QDate(2023, 1, 9));

    // BSA (Mosteller) = sqrt(170 × 70 / 3600) = sqrt(3.305556) = 1.818118686 m2
    COMPARE_COVARIATE(covariates, cn::kBsa, 1.818118686, "m2");
    const Covariate bsa = get(covariates, cn::kBsa);
    QVERIFY(bsa.source.contains(QStringLiteral("Observation/wt")));
    QVERIFY(bsa.source.contains(QStringLiteral("Observation/ht")));
    QCOMPARE(bsa.date, QDate(2024, 5, 20));  // the newer input: weight
    QVERIFY(bsa.method.startsWith(QStringLiteral("Mosteller")));

    // BMI = 70 / 1.70² = 70 / 2.89 = 24.22145329 kg/m2
    COMPARE_COVARIATE(covariates, cn::kBmi, 24.22145329, "kg/m2");

    // Cockcroft–Gault = (140 − 60) × 70 / (72 × 1.0) = 5600 / 72 = 77.77777778 mL/min
    COMPARE_COVARIATE(covariates, cn::kCrcl, 77.77777778, "mL/min");
    const Covariate crcl = get(covariates, cn::kCrcl);
    QVERIFY(crcl.method.contains(QStringLiteral("actual body weight")));
    QVERIFY(crcl.source.contains(QStringLiteral("Observation/scr")));
    QVERIFY(crcl.source.contains(QStringLiteral("Observation/wt")));
    QCOMPARE(crcl.date, QDate(2024, 5, 28));  // the newest input: creatinine

    // CKD-EPI 2021, male: κ = 0.9, α = −0.302; Scr/κ = 1.0/0.9 = 1.111111 > 1, so the min term is 1:
    // 142 × (1.111111)^−1.200 × 0.9938^60 = 142 × 0.8812335261 × 0.6885564400 = 86.16262078
    COMPARE_COVARIATE(covariates, cn::kEgfr, 86.16262078, "mL/min/{1.73_m2}");
    const Covariate egfr = get(covariates, cn::kEgfr);
    QVERIFY(egfr.method.contains(QStringLiteral("Inker")));
    QVERIFY(egfr.method.contains(QStringLiteral("2021;385:1737")));
    QVERIFY(egfr.method.contains(QStringLiteral("race-free")));

    COMPARE_COVARIATE(covariates, cn::kCreatinine, 1.0, "mg/dL");
}

void TestCovariateCalculator::referenceFemale() {
    const QList<Covariate> covariates = CovariateCalculator::compute(referencePatient(QStringLiteral("female")), kAsOf);
    QCOMPARE(get(covariates, cn::kSex).text, QStringLiteral("female"));
    // BSA and BMI do not depend on sex.
    COMPARE_COVARIATE(covariates, cn::kBsa, 1.818118686, "m2");
    // Cockcroft–Gault = (140 − 60) × 70 × 0.85 / (72 × 1.0) = 4760 / 72 = 66.11111111 mL/min
    COMPARE_COVARIATE(covariates, cn::kCrcl, 66.11111111, "mL/min");
    // CKD-EPI 2021, female: κ = 0.7, α = −0.241; Scr/κ = 1.428571 > 1:
    // 142 × (1.428571)^−1.200 × 0.9938^60 × 1.012 = 142 × 0.6518049406 × 0.6885564400 × 1.012 = 64.49500035
    COMPARE_COVARIATE(covariates, cn::kEgfr, 64.49500035, "mL/min/{1.73_m2}");
}

void TestCovariateCalculator::ckdEpiBelowKappa() {
    // Scr below κ: the max term is 1 and the min term carries α.
    // Female, Scr 0.6: 0.6/0.7 = 0.857143; 142 × 0.857143^−0.241 × 0.9938^60 × 1.012
    //   = 142 × 1.037849012 × 0.6885564400 × 1.012 = 102.6934106
    const QList<Covariate> female =
        CovariateCalculator::compute(referencePatient(QStringLiteral("female"), 0.6), kAsOf);
    COMPARE_COVARIATE(female, cn::kEgfr, 102.6934106, "mL/min/{1.73_m2}");
    // Male, Scr 0.7: 0.7/0.9 = 0.777778; 142 × 0.777778^−0.302 × 0.9938^60
    //   = 142 × 1.078851401 × 0.6885564400 = 105.4847113
    const QList<Covariate> male = CovariateCalculator::compute(referencePatient(QStringLiteral("male"), 0.7), kAsOf);
    COMPARE_COVARIATE(male, cn::kEgfr, 105.4847113, "mL/min/{1.73_m2}");
    // Male, Scr = κ = 0.9: both terms are 1: 142 × 0.9938^60 = 97.77501448
    QVERIFY(close(CovariateCalculator::ckdEpi2021(60, false, 0.9), 97.77501448));
}

void TestCovariateCalculator::creatinineInMicromolarGivesSameResults() {
    // 88.4 umol/L × 113.12 g/mol / 10000 = 0.9999808 mg/dL (≈ 1.0)
    const QList<Covariate> covariates =
        CovariateCalculator::compute(referencePatient(QStringLiteral("male"), 88.4, QStringLiteral("umol/L")), kAsOf);
    COMPARE_COVARIATE(covariates, cn::kCreatinine, 0.9999808, "mg/dL");
    // CrCl = 80 × 70 / (72 × 0.9999808) = 77.77927114; eGFR = 142 × (0.9999808/0.9)^−1.2 × 0.9938^60 = 86.16460601
    COMPARE_COVARIATE(covariates, cn::kCrcl, 77.77927114, "mL/min");
    COMPARE_COVARIATE(covariates, cn::kEgfr, 86.16460601, "mL/min/{1.73_m2}");
    // … the same as with 1.0 mg/dL to within the rounding of the 88.4 factor: Scr is 1.92e-5
    // (relative) low, so CrCl (∝ 1/Scr) is 1.92e-5 and eGFR (∝ Scr^−1.2 here) 2.3e-5 high.
    QVERIFY(close(*get(covariates, cn::kCrcl).value, 77.77777778, 2.0e-5));
    QVERIFY(close(*get(covariates, cn::kEgfr).value, 86.16262078, 2.5e-5));
    QVERIFY(get(covariates, cn::kCreatinine).method.contains(QStringLiteral("88.4 umol/L")));
    QVERIFY(get(covariates, cn::kCreatinine).method.contains(QStringLiteral("113.12 g/mol")));
}

void TestCovariateCalculator::imperialUnits() {
    PatientRecord record = patient(QStringLiteral("male"), QDate(1964, 3, 15));
    record.observations << weight(154.0, QStringLiteral("[lb_av]"), at(2024, 5, 20));
    record.observations << height(67.0, QStringLiteral("[in_i]"), at(2023, 1, 9));
    record.observations << creatinine(1.0, QStringLiteral("mg/dL"), at(2024, 5, 28));
    const QList<Covariate> covariates = CovariateCalculator::compute(record, kAsOf);
    // 154 lb × 0.45359237 = 69.85322498 kg; 67 in × 2.54 = 170.18 cm
    COMPARE_COVARIATE(covariates, cn::kWeight, 69.85322498, "kg");
    COMPARE_COVARIATE(covariates, cn::kHeight, 170.18, "cm");
    QVERIFY(get(covariates, cn::kWeight).method.contains(QStringLiteral("[lb_av]")));
    // BSA = sqrt(170.18 × 69.85322498 / 3600) = sqrt(3.302078) = 1.817172852 m2
    COMPARE_COVARIATE(covariates, cn::kBsa, 1.817172852, "m2");
    // BMI = 69.85322498 / 1.7018² = 69.85322498 / 2.89612 = 24.11968093 kg/m2
    COMPARE_COVARIATE(covariates, cn::kBmi, 69.85322498 / (1.7018 * 1.7018), "kg/m2");
    // CrCl = 80 × 69.85322498 / 72 = 77.61469442 mL/min
    COMPARE_COVARIATE(covariates, cn::kCrcl, 77.61469442, "mL/min");
}

void TestCovariateCalculator::ageInCompletedYears_data() {
    QTest::addColumn<QDate>("birth");
    QTest::addColumn<QDateTime>("asOf");
    QTest::addColumn<double>("years");
    QTest::newRow("day before birthday") << QDate(1964, 6, 2) << kAsOf << 59.0;  // 2024 − 1964 − 1
    QTest::newRow("on birthday") << QDate(1964, 6, 1) << kAsOf << 60.0;
    QTest::newRow("month before birthday") << QDate(1964, 7, 1) << kAsOf << 59.0;
    QTest::newRow("29 Feb, common year, 28 Feb") << QDate(1960, 2, 29) << at(2023, 2, 28) << 62.0;
    QTest::newRow("29 Feb, common year, 1 Mar") << QDate(1960, 2, 29) << at(2023, 3, 1) << 63.0;
    QTest::newRow("29 Feb, leap year") << QDate(1960, 2, 29) << at(2024, 2, 29) << 64.0;
    QTest::newRow("newborn") << QDate(2024, 6, 1) << kAsOf << 0.0;
}

void TestCovariateCalculator::ageInCompletedYears() {
    QFETCH(QDate, birth);
    QFETCH(QDateTime, asOf);
    QFETCH(double, years);
    const Covariate age = get(CovariateCalculator::compute(patient(QStringLiteral("female"), birth), asOf), cn::kAge);
    QVERIFY(age.known);
    QCOMPARE(*age.value, years);
}

void TestCovariateCalculator::latestAtOrBeforeAsOf() {
    PatientRecord record = referencePatient(QStringLiteral("male"));
    record.observations << weight(80.0, QStringLiteral("kg"), at(2024, 1, 2), QStringLiteral("wt-old"));
    record.observations << weight(65.0, QStringLiteral("kg"), at(2024, 7, 1), QStringLiteral("wt-later"));
    const Covariate w = get(CovariateCalculator::compute(record, kAsOf), cn::kWeight);
    QCOMPARE(*w.value, 70.0);  // 2024-05-20, not the later 65 kg
    QVERIFY(w.method.contains(QStringLiteral("on or before 2024-06-01T12:00:00Z")));
    // On 1 February the January weight is the latest.
    QCOMPARE(*get(CovariateCalculator::compute(record, at(2024, 2, 1)), cn::kWeight).value, 80.0);
    // Before any weight: unknown, saying when the first one is.
    const Covariate none = get(CovariateCalculator::compute(record, at(2023, 12, 1)), cn::kWeight);
    QVERIFY(!none.known);
    QVERIFY(!none.value.has_value());
    QVERIFY2(none.note.contains(QStringLiteral("no body weight observation (LOINC 29463-7) on or before 2023-12-01")),
             qPrintable(none.note));
    QVERIFY2(none.note.contains(QStringLiteral("the first is on 2024-01-02")), qPrintable(none.note));
}

void TestCovariateCalculator::heightAfterAsOfIsUsedAndSaid() {
    PatientRecord record = patient(QStringLiteral("male"), QDate(1964, 3, 15));
    record.observations << weight(70.0, QStringLiteral("kg"), at(2024, 5, 20));
    record.observations << height(172.0, QStringLiteral("cm"), at(2024, 9, 1));
    const QList<Covariate> covariates = CovariateCalculator::compute(record, kAsOf);
    COMPARE_COVARIATE(covariates, cn::kHeight, 172.0, "cm");
    QVERIFY2(get(covariates, cn::kHeight).note.contains(QStringLiteral("measured on 2024-09-01, after")),
             qPrintable(get(covariates, cn::kHeight).note));
    // BSA = sqrt(172 × 70 / 3600) = sqrt(3.344444) = 1.828782; its note passes the height's on.
    COMPARE_COVARIATE(covariates, cn::kBsa, 1.828782072, "m2");
    QVERIFY(get(covariates, cn::kBsa).note.contains(QStringLiteral("height: measured on 2024-09-01")));
}

void TestCovariateCalculator::missingCreatinine() {
    PatientRecord record = referencePatient(QStringLiteral("male"));
    record.observations.removeLast();  // the creatinine
    const QList<Covariate> covariates = CovariateCalculator::compute(record, kAsOf);
    const Covariate scr = get(covariates, cn::kCreatinine);
    QVERIFY(!scr.known);
    QVERIFY2(scr.note.contains(QStringLiteral("no serum creatinine observation (LOINC 2160-0 or 38483-4)")),
             qPrintable(scr.note));
    for (const QString &name : {cn::kCrcl, cn::kEgfr}) {
        const Covariate c = get(covariates, name);
        QVERIFY(!c.known);
        QVERIFY(!c.value.has_value());
        QVERIFY2(c.note.startsWith(QStringLiteral("needs creatinine: no serum creatinine observation")), qPrintable(c.note));
        QVERIFY2(!c.note.contains(QStringLiteral("needs weight")), qPrintable(c.note));
    }
    COMPARE_COVARIATE(covariates, cn::kBsa, 1.818118686, "m2");  // unaffected
}

void TestCovariateCalculator::missingWeight() {
    PatientRecord record = referencePatient(QStringLiteral("female"));
    record.observations.removeFirst();  // the weight
    const QList<Covariate> covariates = CovariateCalculator::compute(record, kAsOf);
    const Covariate w = get(covariates, cn::kWeight);
    QVERIFY(!w.known);
    QVERIFY2(w.note.startsWith(QStringLiteral("no body weight observation (LOINC 29463-7)")), qPrintable(w.note));
    for (const QString &name : {cn::kBsa, cn::kBmi, cn::kCrcl}) {
        const Covariate c = get(covariates, name);
        QVERIFY(!c.known);
        QVERIFY2(c.note.contains(QStringLiteral("needs weight: no body weight observation (LOINC 29463-7)")),
                 qPrintable(c.note));
    }
    // eGFR does not need the weight: CKD-EPI female 64.49500035 as above.
    COMPARE_COVARIATE(covariates, cn::kEgfr, 64.49500035, "mL/min/{1.73_m2}");
}

void TestCovariateCalculator::missingBirthDateAndSex() {
    PatientRecord record = referencePatient(QString());
    record.demographics.birthDate.reset();
    const QList<Covariate> covariates = CovariateCalculator::compute(record, kAsOf);
    QVERIFY(!get(covariates, cn::kAge).known);
    QVERIFY(get(covariates, cn::kAge).note.contains(QStringLiteral("no birth date")));
    QVERIFY(!get(covariates, cn::kSex).known);
    QVERIFY(get(covariates, cn::kSex).note.contains(QStringLiteral("no administrative gender")));
    const Covariate crcl = get(covariates, cn::kCrcl);
    QVERIFY(!crcl.known);
    QVERIFY2(crcl.note.contains(QStringLiteral("needs age: no birth date")), qPrintable(crcl.note));
    QVERIFY2(crcl.note.contains(QStringLiteral("needs sex: no administrative gender")), qPrintable(crcl.note));
    QVERIFY(!get(covariates, cn::kEgfr).known);
    COMPARE_COVARIATE(covariates, cn::kBsa, 1.818118686, "m2");

    record.demographics.sex = QStringLiteral("unknown");
    QVERIFY(get(CovariateCalculator::compute(record, kAsOf), cn::kSex).note.contains(QStringLiteral("\"unknown\"")));
}

void TestCovariateCalculator::renalEquationsNeedAdultFemaleOrMale() {
    const QList<Covariate> other = CovariateCalculator::compute(referencePatient(QStringLiteral("other")), kAsOf);
    QCOMPARE(get(other, cn::kSex).text, QStringLiteral("other"));
    QVERIFY(!get(other, cn::kCrcl).known);
    QVERIFY2(get(other, cn::kCrcl).note.contains(QStringLiteral("needs sex female or male")),
             qPrintable(get(other, cn::kCrcl).note));
    QVERIFY(!get(other, cn::kEgfr).known);

    PatientRecord child = referencePatient(QStringLiteral("male"));
    child.demographics.birthDate = QDate(2010, 1, 1);  // 14 on kAsOf
    const QList<Covariate> covariates = CovariateCalculator::compute(child, kAsOf);
    for (const QString &name : {cn::kCrcl, cn::kEgfr}) {
        QVERIFY(!get(covariates, name).known);
        QVERIFY2(get(covariates, name).note.contains(QStringLiteral("adult equation")), qPrintable(get(covariates, name).note));
        QVERIFY(get(covariates, name).note.contains(QStringLiteral("age is 14 years")));
    }
}

void TestCovariateCalculator::censoredCreatinineIsNoted() {
    PatientRecord record = referencePatient(QStringLiteral("male"));
    record.observations.last().value.number = 0.2;
    record.observations.last().value.comparator = QStringLiteral("<");
    const QList<Covariate> covariates = CovariateCalculator::compute(record, kAsOf);
    // Used at its bound: CrCl = 80 × 70 / (72 × 0.2) = 388.8888889
    COMPARE_COVARIATE(covariates, cn::kCrcl, 388.8888889, "mL/min");
    QVERIFY2(get(covariates, cn::kCrcl).note.contains(QStringLiteral("censored result <0.2 mg/dL")),
             qPrintable(get(covariates, cn::kCrcl).note));
    QVERIFY(get(covariates, cn::kEgfr).note.contains(QStringLiteral("censored")));
}

void TestCovariateCalculator::laboratoryValues() {
    PatientRecord record = referencePatient(QStringLiteral("female"));
    record.observations << quantity(QStringLiteral("anc1"), loinc::kNeutrophilsAutomated, QStringLiteral("Neutrophils"), 3.1,
                                    QStringLiteral("10*3/uL"), at(2024, 5, 1), 10);
    record.observations << quantity(QStringLiteral("anc2"), loinc::kNeutrophils, QStringLiteral("Neutrophils"), 1200.0,
                                    QStringLiteral("/uL"), at(2024, 5, 30), 11);
    record.observations << quantity(QStringLiteral("bili"), loinc::kBilirubinTotal, QStringLiteral("Bilirubin"), 17.1,
                                    QStringLiteral("umol/L"), at(2024, 5, 30), 12);
    record.observations << quantity(QStringLiteral("alt"), loinc::kAlt, QStringLiteral("ALT"), 42.0, QStringLiteral("U/L"),
                                    at(2024, 5, 30), 13);
    record.observations << quantity(QStringLiteral("plt"), loinc::kPlatelets, QStringLiteral("Platelets"), 210.0,
                                    QStringLiteral("10*3/uL"), at(2024, 5, 30), 14);
    record.observations << quantity(QStringLiteral("hb"), loinc::kHemoglobin, QStringLiteral("Hemoglobin"), 118.0,
                                    QStringLiteral("g/L"), at(2024, 5, 30), 15);
    const QList<Covariate> covariates = CovariateCalculator::compute(record, kAsOf);
    // ANC: the newer of the two codes, 1200 /uL = 1.2 × 10^9/L
    COMPARE_COVARIATE(covariates, cn::kAnc, 1.2, "10*9/L");
    QVERIFY(get(covariates, cn::kAnc).source.startsWith(QStringLiteral("Observation/anc2")));
    // Bilirubin: 17.1 × 584.66 / 10000 = 0.9997686 mg/dL
    COMPARE_COVARIATE(covariates, cn::kBilirubin, 0.9997686, "mg/dL");
    COMPARE_COVARIATE(covariates, cn::kAlt, 42.0, "U/L");
    COMPARE_COVARIATE(covariates, cn::kPlatelets, 210.0, "10*9/L");
    COMPARE_COVARIATE(covariates, cn::kHemoglobin, 11.8, "g/dL");  // 118 g/L / 10

    // Without them: unknown, naming the code.
    const QList<Covariate> bare = CovariateCalculator::compute(referencePatient(QStringLiteral("female")), kAsOf);
    QVERIFY(!get(bare, cn::kAnc).known);
    QVERIFY(get(bare, cn::kAnc).note.contains(QStringLiteral("LOINC 751-8 or 26499-4")));
    QVERIFY(get(bare, cn::kBilirubin).note.contains(QStringLiteral("LOINC 1975-2")));
    QVERIFY(get(bare, cn::kAlt).note.contains(QStringLiteral("LOINC 1742-6")));
}

void TestCovariateCalculator::currentMedications() {
    PatientRecord record = referencePatient(QStringLiteral("female"));
    auto medication = [&](const QString &id, const QString &name, const QDateTime &start, const QDateTime &end,
                          const QString &status = QStringLiteral("active")) {
        MedicationRecord m;
        m.id = id;
        m.medication.text = name;
        m.status = status;
        m.start = start;
        m.end = end;
        m.provenance = bundleEntry(QStringLiteral("MedicationRequest"), id, 20);
        return m;
    };
    MedicationRecord cisplatin = medication(QStringLiteral("m1"), QStringLiteral("Cisplatin"), at(2024, 5, 1), {});
    cisplatin.doseValue = 75.0;
    cisplatin.doseUnit = QStringLiteral("mg/m2");
    cisplatin.isChemotherapy = true;
    record.medications << cisplatin;                                                                     // ongoing
    record.medications << medication(QStringLiteral("m2"), QStringLiteral("Ondansetron"), at(2024, 5, 1), at(2024, 5, 10));  // ended
    record.medications << medication(QStringLiteral("m3"), QStringLiteral("Dexamethasone"), at(2024, 5, 20), kAsOf);  // ends at asOf
    record.medications << medication(QStringLiteral("m4"), QStringLiteral("Pemetrexed"), at(2024, 7, 1), {});        // future
    record.medications << medication(QStringLiteral("m5"), QStringLiteral("Aspirin"), at(2020, 1, 1), {},
                                     QStringLiteral("stopped"));  // stopped, end unknown
    record.medications << medication(QStringLiteral("m6"), QStringLiteral("Warfarin"), at(2024, 5, 1), {},
                                     QStringLiteral("entered-in-error"));
    record.medications << medication(QStringLiteral("m7"), QStringLiteral("Cisplatin"), at(2024, 5, 22), {});  // again

    const Covariate current = get(CovariateCalculator::compute(record, kAsOf), cn::kCurrentMedications);
    QVERIFY(current.known);
    // Active on 2024-06-01 12:00: cisplatin (no end), dexamethasone (end = asOf); plain cisplatin
    // (m7, no dose) is a separate entry from the dosed one.
    QCOMPARE(current.text, QStringLiteral("Cisplatin 75 mg/m2; Dexamethasone; Cisplatin"));
    QCOMPARE(*current.value, 3.0);
    QVERIFY(current.source.contains(QStringLiteral("MedicationRequest/m1")));
    QVERIFY(!current.source.contains(QStringLiteral("MedicationRequest/m2")));
    QCOMPARE(current.date, QDate(2024, 5, 22));
    QVERIFY2(current.note.contains(QStringLiteral("1 stopped or completed medication record(s) without an end date")),
             qPrintable(current.note));

    // On 2024-05-05 cisplatin and ondansetron.
    QCOMPARE(get(CovariateCalculator::compute(record, at(2024, 5, 5)), cn::kCurrentMedications).text,
             QStringLiteral("Cisplatin 75 mg/m2; Ondansetron"));
    // Before any: known, none.
    const Covariate before = get(CovariateCalculator::compute(record, at(2019, 1, 1)), cn::kCurrentMedications);
    QVERIFY(before.known);
    QCOMPARE(before.text, QStringLiteral("none"));
    QCOMPARE(*before.value, 0.0);
}

void TestCovariateCalculator::cancerDiagnoses() {
    PatientRecord record = referencePatient(QStringLiteral("male"));
    auto condition = [&](const QString &id, const QString &name, bool cancer, const QDateTime &onset,
                         const QString &stage = {}) {
        ConditionRecord c;
        c.id = id;
        c.code.codings = {{code_system::kSnomed, QStringLiteral("254637007"), name}};
        c.isCancer = cancer;
        c.onset = onset;
        c.stage = stage;
        c.clinicalStatus = QStringLiteral("active");
        c.provenance = bundleEntry(QStringLiteral("Condition"), id, 30);
        return c;
    };
    record.conditions << condition(QStringLiteral("c1"), QStringLiteral("Non-small cell lung cancer"), true, at(2024, 3, 1),
                                   QStringLiteral("IIIA"));
    record.conditions << condition(QStringLiteral("c2"), QStringLiteral("Essential hypertension"), false, at(2015, 1, 1));
    ConditionRecord bcc = condition(QStringLiteral("c3"), QStringLiteral("Basal cell carcinoma of skin"), true, at(2018, 2, 1));
    bcc.abatement = at(2019, 6, 1);
    bcc.clinicalStatus = QStringLiteral("resolved");
    record.conditions << bcc;
    record.conditions << condition(QStringLiteral("c4"), QStringLiteral("Secondary malignant neoplasm of brain"), true,
                                   at(2024, 8, 1), QStringLiteral("IV"));  // after asOf

    const Covariate diagnoses = get(CovariateCalculator::compute(record, kAsOf), cn::kCancerDiagnoses);
    QVERIFY(diagnoses.known);
    QCOMPARE(diagnoses.text, QStringLiteral("Basal cell carcinoma of skin (stage not recorded, resolved 2019-06-01); "
                                            "Non-small cell lung cancer (stage IIIA)"));
    QCOMPARE(*diagnoses.value, 2.0);
    QCOMPARE(diagnoses.date, QDate(2024, 3, 1));
    QVERIFY(diagnoses.source.contains(QStringLiteral("Condition/c1")));

    record.conditions[0].stageType = QStringLiteral("AJCC 8th clinical");
    QVERIFY(get(CovariateCalculator::compute(record, kAsOf), cn::kCancerDiagnoses)
                .text.contains(QStringLiteral("Non-small cell lung cancer (stage IIIA, AJCC 8th clinical)")));
    QCOMPARE(get(CovariateCalculator::compute(record, at(2017, 1, 1)), cn::kCancerDiagnoses).text, QStringLiteral("none"));
}

void TestCovariateCalculator::priorTherapy() {
    PatientRecord record = referencePatient(QStringLiteral("male"));
    auto procedure = [&](const QString &id, const QString &name, ProcedureRecord::Category category, const QDateTime &start) {
        ProcedureRecord p;
        p.id = id;
        p.code.text = name;
        p.category = category;
        p.start = start;
        p.provenance = bundleEntry(QStringLiteral("Procedure"), id, 40);
        return p;
    };
    using Category = ProcedureRecord::Category;
    record.procedures << procedure(QStringLiteral("p1"), QStringLiteral("Teleradiotherapy"), Category::Radiotherapy, at(2024, 1, 10));
    record.procedures << procedure(QStringLiteral("p2"), QStringLiteral("Teleradiotherapy"), Category::Radiotherapy, at(2024, 1, 11));
    record.procedures << procedure(QStringLiteral("p3"), QStringLiteral("Brachytherapy"), Category::Radiotherapy, at(2024, 7, 1));
    record.procedures << procedure(QStringLiteral("p4"), QStringLiteral("Lobectomy of lung"), Category::Surgery, at(2023, 11, 2));

    MedicationRecord carboplatin;
    carboplatin.id = QStringLiteral("m1");
    carboplatin.medication.text = QStringLiteral("Carboplatin");
    carboplatin.status = QStringLiteral("completed");
    carboplatin.start = at(2024, 2, 1);
    carboplatin.end = at(2024, 3, 15);
    carboplatin.isChemotherapy = true;
    carboplatin.provenance = bundleEntry(QStringLiteral("MedicationAdministration"), QStringLiteral("m1"), 50);
    record.medications << carboplatin;
    record.procedures << procedure(QStringLiteral("p5"), QStringLiteral("Chemotherapy"), Category::Chemotherapy, at(2024, 2, 1));

    const QList<Covariate> covariates = CovariateCalculator::compute(record, kAsOf);
    const Covariate rt = get(covariates, cn::kPriorRadiotherapy);
    QVERIFY(rt.known);
    QCOMPARE(rt.text, QStringLiteral("yes: Teleradiotherapy (2024-01-10 – 2024-01-11)"));  // two fractions, one item
    QCOMPARE(*rt.value, 1.0);
    QVERIFY(rt.source.contains(QStringLiteral("Procedure/p1")));
    QVERIFY(rt.source.contains(QStringLiteral("Procedure/p2")));
    QVERIFY(!rt.source.contains(QStringLiteral("Procedure/p3")));

    const Covariate chemo = get(covariates, cn::kPriorChemotherapy);
    QVERIFY(chemo.known);
    QCOMPARE(chemo.text, QStringLiteral("yes: Carboplatin (2024-02-01 – 2024-03-15); Chemotherapy (2024-02-01)"));
    QCOMPARE(*chemo.value, 2.0);

    // On 2024-01-05: nothing yet.
    const QList<Covariate> early = CovariateCalculator::compute(record, at(2024, 1, 5));
    QCOMPARE(get(early, cn::kPriorRadiotherapy).text, QStringLiteral("no"));
    QCOMPARE(*get(early, cn::kPriorRadiotherapy).value, 0.0);
    QCOMPARE(get(early, cn::kPriorChemotherapy).text, QStringLiteral("no"));
}

void TestCovariateCalculator::emptyListsAreUnknownNotNone() {
    // A record with no medication, condition or procedure records says nothing about them.
    const QList<Covariate> covariates = CovariateCalculator::compute(referencePatient(QStringLiteral("male")), kAsOf);
    for (const QString &name : {cn::kCurrentMedications, cn::kCancerDiagnoses, cn::kPriorRadiotherapy, cn::kPriorChemotherapy}) {
        const Covariate c = get(covariates, name);
        QVERIFY2(!c.known, qPrintable(name));
        QVERIFY2(c.note.startsWith(QStringLiteral("no ")) && c.note.contains(QStringLiteral("records in the record")),
                 qPrintable(c.note));
    }
}

void TestCovariateCalculator::populationDefault() {
    PatientRecord record = referencePatient(QStringLiteral("male"));
    record.observations.removeFirst();  // no weight
    const Covariate weight = get(CovariateCalculator::compute(record, kAsOf), cn::kWeight);
    QVERIFY(!weight.known);

    const QString reference = QStringLiteral("population median, illustrative reference");
    const Covariate defaulted = withPopulationDefault(weight, 70.0, QStringLiteral("kg"), reference);
    QVERIFY(defaulted.usesPopulationDefault);
    QVERIFY(!defaulted.known);  // still not the patient's value
    QCOMPARE(defaulted.name, QStringLiteral("weight"));
    QCOMPARE(*defaulted.value, 70.0);
    QCOMPARE(defaulted.unit, QStringLiteral("kg"));
    QCOMPARE(defaulted.source, reference);
    QVERIFY2(defaulted.note.startsWith(QStringLiteral("population default 70 kg (population median, illustrative reference)")),
             qPrintable(defaulted.note));
    QVERIFY2(defaulted.note.contains(QStringLiteral("patient value unknown: no body weight observation (LOINC 29463-7)")),
             qPrintable(defaulted.note));

    // A known value is never overridden.
    const Covariate height = get(CovariateCalculator::compute(record, kAsOf), cn::kHeight);
    const Covariate kept = withPopulationDefault(height, 175.0, QStringLiteral("cm"), reference);
    QVERIFY(kept.known);
    QVERIFY(!kept.usesPopulationDefault);
    QCOMPARE(*kept.value, 170.0);

    // Absent names are unknown, not silently zero.
    const Covariate absent = covariateNamed({}, QStringLiteral("weight"));
    QVERIFY(!absent.known);
    QVERIFY(!absent.value.has_value());
}

DIDYMOS_TEST_MAIN(TestCovariateCalculator)
#include "TestCovariateCalculator.moc"
