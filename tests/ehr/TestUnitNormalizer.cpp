// UnitNormalizer: each LOINC code we use in its canonical UCUM unit, converted through the core
// UnitRegistry; errors that name the observation and the unit; histories across units and codes.
// Records are built by hand so these tests do not depend on the FHIR or CSV readers.

#include "TestMain.h"

#include "twin/ehr/PatientRecord.h"
#include "twin/ehr/UnitNormalizer.h"

#include <cmath>

using twin::core::Error;
using namespace twin::ehr;

namespace {

const QDateTime kDay1(QDate(2024, 1, 10), QTime(8, 0), Qt::UTC);

ObservationRecord quantity(const QString &id, const QString &loincCode, double value, const QString &unit,
                           const QDateTime &when = kDay1, int entry = 3) {
    ObservationRecord observation;
    observation.id = id;
    observation.code.codings = {{code_system::kLoinc, loincCode, QStringLiteral("LOINC %1").arg(loincCode)}};
    observation.category = QStringLiteral("laboratory");
    observation.effective = when;
    observation.value.kind = ObservationValue::Kind::Quantity;
    observation.value.number = value;
    observation.value.unit = unit;
    observation.provenance.file = QStringLiteral("/data/patients/bundle.json");
    observation.provenance.resourceType = QStringLiteral("Observation");
    observation.provenance.resourceId = id;
    observation.provenance.entryIndex = entry;
    return observation;
}

bool close(double actual, double expected, double relative) {
    return std::abs(actual - expected) <= relative * std::max(std::abs(expected), 1e-300);
}

QByteArray mismatch(double actual, double expected) {
    return QStringLiteral("got %1, expected %2").arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17).toUtf8();
}

}  // namespace

class TestUnitNormalizer : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void canonicalUnits_data();
    void canonicalUnits();
    void normalize_data();
    void normalize();
    void canonicalUnitIsNotConverted();
    void codeWithoutCanonicalUnitPassesThrough();
    void comparatorIsKept();
    void conversionText();
    void errorsNameObservationAndUnit_data();
    void errorsNameObservationAndUnit();
    void csvProvenanceInError();
    void toCanonical();
    void historyAcrossUnitsAndCodes();
};

void TestUnitNormalizer::canonicalUnits_data() {
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<double>("molarMass");
    // The units of the issue; molar masses: creatinine 113.12, bilirubin 584.66 g/mol (PubChem).
    QTest::newRow("body weight") << "29463-7" << "kg" << 0.0;
    QTest::newRow("body height") << "8302-2" << "cm" << 0.0;
    QTest::newRow("creatinine serum") << "2160-0" << "mg/dL" << 113.12;
    QTest::newRow("creatinine blood") << "38483-4" << "mg/dL" << 113.12;
    QTest::newRow("body temperature") << "8310-5" << "Cel" << 0.0;
    QTest::newRow("ANC automated") << "751-8" << "10*9/L" << 0.0;
    QTest::newRow("ANC") << "26499-4" << "10*9/L" << 0.0;
    QTest::newRow("bilirubin total") << "1975-2" << "mg/dL" << 584.66;
    QTest::newRow("ALT") << "1742-6" << "U/L" << 0.0;
    QTest::newRow("hemoglobin") << "718-7" << "g/dL" << 0.0;
    QTest::newRow("platelets") << "777-3" << "10*9/L" << 0.0;
    QTest::newRow("BSA") << "8277-6" << "m2" << 0.0;
    QTest::newRow("BMI") << "39156-5" << "kg/m2" << 0.0;
}

void TestUnitNormalizer::canonicalUnits() {
    QFETCH(QString, code);
    QFETCH(QString, unit);
    QFETCH(double, molarMass);
    const std::optional<CanonicalQuantity> canonical = UnitNormalizer::canonicalFor(code);
    QVERIFY(canonical.has_value());
    QCOMPARE(canonical->unit, unit);
    QCOMPARE(canonical->molarMassGPerMol, molarMass);
    if (molarMass > 0.0) QVERIFY(canonical->molarMassSource.contains(QStringLiteral("PubChem")));
    QVERIFY(!UnitNormalizer::canonicalFor(QStringLiteral("0000-0")).has_value());
}

void TestUnitNormalizer::normalize_data() {
    QTest::addColumn<QString>("code");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<double>("expected");  // in the canonical unit

    // Exact definitions (UCUM; NIST SP 811): 1 [lb_av] = 0.45359237 kg, 1 [in_i] = 2.54 cm.
    QTest::newRow("weight lb") << "29463-7" << 154.0 << "[lb_av]" << 154.0 * 0.45359237;  // 69.85322498 kg
    QTest::newRow("weight g") << "29463-7" << 70500.0 << "g" << 70.5;
    QTest::newRow("height in") << "8302-2" << 67.0 << "[in_i]" << 170.18;  // 67 × 2.54
    QTest::newRow("height m") << "8302-2" << 1.7 << "m" << 170.0;
    QTest::newRow("height ft") << "8302-2" << 5.5 << "[ft_i]" << 167.64;   // 5.5 × 12 × 2.54
    // °C = (°F − 32) × 5/9: 98.6 °F = 66.6 × 5/9 = 37 °C; 101.3 °F = 69.3 × 5/9 = 38.5 °C
    QTest::newRow("temperature degF") << "8310-5" << 98.6 << "[degF]" << 37.0;
    QTest::newRow("temperature degF fever") << "8310-5" << 101.3 << "[degF]" << 38.5;
    QTest::newRow("temperature K") << "8310-5" << 310.15 << "K" << 37.0;  // 310.15 − 273.15
    // Creatinine: mg/dL = umol/L × 113.12 g/mol / 10000: 88.4 × 113.12 / 10000 = 0.9999808
    QTest::newRow("creatinine umol/L") << "2160-0" << 88.4 << "umol/L" << 0.9999808;
    QTest::newRow("creatinine µmol/L (micro sign)") << "2160-0" << 88.4 << u8"\u00B5mol/L" << 0.9999808;
    QTest::newRow("creatinine μmol/L (Greek mu)") << "2160-0" << 88.4 << u8"\u03BCmol/L" << 0.9999808;
    QTest::newRow("creatinine mmol/L") << "2160-0" << 0.0884 << "mmol/L" << 0.9999808;
    QTest::newRow("creatinine mg/L") << "2160-0" << 11.0 << "mg/L" << 1.1;
    QTest::newRow("creatinine blood umol/L") << "38483-4" << 176.8 << "umol/L" << 1.9999616;  // 176.8 × 113.12 / 1e4
    // Bilirubin: 34.2 umol/L × 584.66 / 10000 = 1.9995372 mg/dL
    QTest::newRow("bilirubin umol/L") << "1975-2" << 34.2 << "umol/L" << 1.9995372;
    QTest::newRow("bilirubin mg/L") << "1975-2" << 8.0 << "mg/L" << 0.8;
    // Counts: 10*3/uL = 10^3 per 10^-6 L = 10^9/L, the same number; /uL is ×1e-3
    QTest::newRow("ANC 10*3/uL") << "751-8" << 2.5 << "10*3/uL" << 2.5;
    QTest::newRow("ANC 10^9/L") << "751-8" << 2.5 << "10^9/L" << 2.5;
    QTest::newRow("ANC /uL") << "751-8" << 2500.0 << "/uL" << 2.5;
    QTest::newRow("ANC {cells}/uL") << "26499-4" << 1200.0 << "{cells}/uL" << 1.2;
    QTest::newRow("ANC cells/uL") << "26499-4" << 1200.0 << "cells/uL" << 1.2;
    QTest::newRow("ANC 10*3/mm3") << "26499-4" << 0.8 << "10*3/mm3" << 0.8;  // mm3 = uL
    QTest::newRow("platelets 10*3/uL") << "777-3" << 250.0 << "10*3/uL" << 250.0;
    // ALT: 1 U = 1 umol/min, so 1 ukat = 60 U: 0.5 ukat/L = 30 U/L; IU/L is the same unit
    QTest::newRow("ALT ukat/L") << "1742-6" << 0.5 << "ukat/L" << 30.0;
    QTest::newRow("ALT IU/L") << "1742-6" << 31.0 << "IU/L" << 31.0;
    QTest::newRow("ALT [IU]/L") << "1742-6" << 31.0 << "[IU]/L" << 31.0;
    QTest::newRow("hemoglobin g/L") << "718-7" << 135.0 << "g/L" << 13.5;
    QTest::newRow("BSA cm2") << "8277-6" << 18000.0 << "cm2" << 1.8;
    QTest::newRow("BMI g/cm2") << "39156-5" << 2.5 << "g/cm2" << 25.0;  // 2.5 g/cm2 = 2.5e-3 kg / 1e-4 m2
}

void TestUnitNormalizer::normalize() {
    QFETCH(QString, code);
    QFETCH(double, value);
    QFETCH(QString, unit);
    QFETCH(double, expected);
    const ObservationRecord observation = quantity(QStringLiteral("obs-1"), code, value, unit);
    const twin::core::Result<NormalizedValue> normalized = UnitNormalizer::normalize(observation);
    QVERIFY2(normalized.ok(), qPrintable(normalized.error().message()));
    const NormalizedValue &v = normalized.value();
    QVERIFY2(close(v.value, expected, 1e-12), mismatch(v.value, expected).constData());
    QCOMPARE(v.unit, UnitNormalizer::canonicalFor(code)->unit);
    QCOMPARE(v.originalValue, value);
    QCOMPARE(v.originalUnit, unit);
    QVERIFY(v.hasCanonicalUnit);
    QVERIFY(v.converted);
    QCOMPARE(v.code, code);
    QCOMPARE(v.observationId, QStringLiteral("obs-1"));
    QCOMPARE(v.provenance.resourceId, QStringLiteral("obs-1"));
    QCOMPARE(v.effective, kDay1);
}

void TestUnitNormalizer::canonicalUnitIsNotConverted() {
    const auto normalized = UnitNormalizer::normalize(quantity(QStringLiteral("w"), loinc::kBodyWeight, 72.5, QStringLiteral("kg")));
    QVERIFY2(normalized.ok(), qPrintable(normalized.error().message()));
    QCOMPARE(normalized.value().value, 72.5);
    QCOMPARE(normalized.value().unit, QStringLiteral("kg"));
    QVERIFY(!normalized.value().converted);
    QCOMPARE(normalized.value().conversion(), QStringLiteral("as recorded"));
    QCOMPARE(normalized.value().display(), QStringLiteral("72.5 kg"));
}

void TestUnitNormalizer::codeWithoutCanonicalUnitPassesThrough() {
    // Sodium (2951-2) has no canonical unit here: the value is kept as recorded.
    ObservationRecord sodium = quantity(QStringLiteral("na"), QStringLiteral("2951-2"), 140.0, QStringLiteral("mmol/L"));
    const auto normalized = UnitNormalizer::normalize(sodium);
    QVERIFY2(normalized.ok(), qPrintable(normalized.error().message()));
    QVERIFY(!normalized.value().hasCanonicalUnit);
    QVERIFY(!normalized.value().converted);
    QCOMPARE(normalized.value().value, 140.0);
    QCOMPARE(normalized.value().unit, QStringLiteral("mmol/L"));
    QCOMPARE(normalized.value().code, QStringLiteral("2951-2"));
}

void TestUnitNormalizer::comparatorIsKept() {
    ObservationRecord creatinine = quantity(QStringLiteral("cr"), loinc::kCreatinineSerum, 17.68, QStringLiteral("umol/L"));
    creatinine.value.comparator = QStringLiteral("<");
    const auto normalized = UnitNormalizer::normalize(creatinine);
    QVERIFY2(normalized.ok(), qPrintable(normalized.error().message()));
    QCOMPARE(normalized.value().comparator, QStringLiteral("<"));
    // 17.68 × 113.12 / 10000 = 0.19999616 mg/dL
    QVERIFY(close(normalized.value().value, 0.19999616, 1e-12));
    QCOMPARE(normalized.value().display(), QStringLiteral("<0.199996 mg/dL"));
}

void TestUnitNormalizer::conversionText() {
    const auto creatinine = UnitNormalizer::normalize(quantity(QStringLiteral("cr"), loinc::kCreatinineSerum, 88.4, QStringLiteral("umol/L")));
    QVERIFY(creatinine.ok());
    QCOMPARE(creatinine.value().conversion(), QStringLiteral("88.4 umol/L → 0.999981 mg/dL (molar mass 113.12 g/mol)"));
    const auto weight = UnitNormalizer::normalize(quantity(QStringLiteral("w"), loinc::kBodyWeight, 154.0, QStringLiteral("[lb_av]")));
    QVERIFY(weight.ok());
    QCOMPARE(weight.value().conversion(), QStringLiteral("154 [lb_av] → 69.8532 kg"));
}

void TestUnitNormalizer::errorsNameObservationAndUnit_data() {
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<int>("errorCode");
    QTest::addColumn<QStringList>("mentions");

    const QString where = QStringLiteral("Observation/bad (bundle.json, Bundle.entry[7])");
    QTest::newRow("non-UCUM lb") << "29463-7" << "lb" << int(Error::Code::Unsupported)
                                 << QStringList{where, "\"lb\"", "[lb_av]", "29463-7"};
    QTest::newRow("non-UCUM in") << "8302-2" << "in" << int(Error::Code::Unsupported)
                                 << QStringList{where, "\"in\"", "[in_i]"};
    QTest::newRow("mass for a concentration") << "2160-0" << "mg" << int(Error::Code::InvalidInput)
                                              << QStringList{where, "\"mg\"", "\"mg/dL\""};
    QTest::newRow("length for a weight") << "29463-7" << "cm" << int(Error::Code::InvalidInput)
                                         << QStringList{where, "\"cm\"", "\"kg\""};
    QTest::newRow("Cel inside an expression") << "8310-5" << "Cel/h" << int(Error::Code::InvalidInput)
                                              << QStringList{where, "Cel/h"};
    // Haemoglobin has no molar mass here: mmol/L cannot become g/dL.
    QTest::newRow("amount without molar mass") << "718-7" << "mmol/L" << int(Error::Code::InvalidInput)
                                               << QStringList{where, "\"mmol/L\"", "\"g/dL\"", "molar mass"};
    QTest::newRow("missing unit") << "2160-0" << "" << int(Error::Code::InvalidInput)
                                  << QStringList{where, "no unit", "\"mg/dL\""};
    QTest::newRow("arbitrary unit") << "751-8" << "[arb'U]/L" << int(Error::Code::Unsupported)
                                    << QStringList{where, "[arb'U]"};
}

void TestUnitNormalizer::errorsNameObservationAndUnit() {
    QFETCH(QString, code);
    QFETCH(QString, unit);
    QFETCH(int, errorCode);
    QFETCH(QStringList, mentions);
    const auto normalized = UnitNormalizer::normalize(quantity(QStringLiteral("bad"), code, 1.0, unit, kDay1, 7));
    QVERIFY(!normalized.ok());
    const QString message = normalized.error().message();
    QCOMPARE(int(normalized.error().code()), errorCode);
    for (const QString &mention : mentions) {
        QVERIFY2(message.contains(mention), qPrintable(QStringLiteral("'%1' not in: %2").arg(mention, message)));
    }
}

void TestUnitNormalizer::csvProvenanceInError() {
    ObservationRecord observation = quantity(QStringLiteral("row"), loinc::kBodyWeight, 1.0, QStringLiteral("stone"));
    observation.provenance = {};
    observation.provenance.file = QStringLiteral("/data/csv/observations.csv");
    observation.provenance.csvRow = 12;
    const auto normalized = UnitNormalizer::normalize(observation);
    QVERIFY(!normalized.ok());
    QVERIFY2(normalized.error().message().startsWith(QStringLiteral("observations.csv row 12: ")),
             qPrintable(normalized.error().message()));
    QVERIFY(normalized.error().message().contains(QStringLiteral("\"stone\"")));

    // A non-numeric value is named as well.
    ObservationRecord text = quantity(QStringLiteral("txt"), loinc::kCreatinineSerum, 0.0, QString());
    text.value = {};
    text.value.kind = ObservationValue::Kind::String;
    text.value.text = QStringLiteral("haemolysed");
    const auto notNumber = UnitNormalizer::normalize(text);
    QVERIFY(!notNumber.ok());
    QVERIFY(notNumber.error().message().contains(QStringLiteral("Observation/txt")));
    QVERIFY(notNumber.error().message().contains(QStringLiteral("\"haemolysed\"")));
}

void TestUnitNormalizer::toCanonical() {
    const auto kg = UnitNormalizer::toCanonical(220.0, QStringLiteral("[lb_av]"), loinc::kBodyWeight);
    QVERIFY(kg.ok());
    QVERIFY(close(kg.value(), 99.7903214, 1e-12));  // 220 × 0.45359237
    const auto celsius = UnitNormalizer::toCanonical(212.0, QStringLiteral("[degF]"), loinc::kBodyTemperature);
    QVERIFY(celsius.ok());
    QVERIFY(close(celsius.value(), 100.0, 1e-12));  // (212 − 32) × 5/9
    const auto unknown = UnitNormalizer::toCanonical(1.0, QStringLiteral("mg"), QStringLiteral("0000-0"));
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.error().message().contains(QStringLiteral("0000-0")));
}

void TestUnitNormalizer::historyAcrossUnitsAndCodes() {
    PatientRecord record;
    // Inserted out of order, in two units and under both creatinine codes; one unreadable.
    record.observations << quantity(QStringLiteral("c3"), loinc::kCreatinineSerum, 1.3, QStringLiteral("mg/dL"),
                                    kDay1.addDays(20), 5);
    record.observations << quantity(QStringLiteral("c1"), loinc::kCreatinineSerum, 88.4, QStringLiteral("umol/L"), kDay1, 1);
    record.observations << quantity(QStringLiteral("c2"), loinc::kCreatinineBlood, 1.1, QStringLiteral("mg/dL"),
                                    kDay1.addDays(10), 2);
    record.observations << quantity(QStringLiteral("bad"), loinc::kCreatinineSerum, 1.0, QStringLiteral("mg"),
                                    kDay1.addDays(15), 9);
    record.observations << quantity(QStringLiteral("w"), loinc::kBodyWeight, 70.0, QStringLiteral("kg"), kDay1, 4);

    const NormalizedHistory serum = UnitNormalizer::normalizedHistory(record, loinc::kCreatinineSerum);
    QCOMPARE(serum.values.size(), 2);
    QCOMPARE(serum.values.at(0).observationId, QStringLiteral("c1"));
    QVERIFY(close(serum.values.at(0).value, 0.9999808, 1e-12));
    QCOMPARE(serum.values.at(1).observationId, QStringLiteral("c3"));
    QCOMPARE(serum.skipped.size(), 1);
    QVERIFY2(serum.skipped.first().contains(QStringLiteral("Observation/bad (bundle.json, Bundle.entry[9])")),
             qPrintable(serum.skipped.first()));

    const NormalizedHistory both =
        UnitNormalizer::normalizedHistory(record, QStringList{loinc::kCreatinineSerum, loinc::kCreatinineBlood});
    QStringList ids;
    for (const NormalizedValue &value : both.values) ids << value.observationId;
    QCOMPARE(ids, (QStringList{"c1", "c2", "c3"}));
    QCOMPARE(both.values.at(1).code, loinc::kCreatinineBlood);
    for (const NormalizedValue &value : both.values) QCOMPARE(value.unit, QStringLiteral("mg/dL"));

    QCOMPARE(both.latest()->observationId, QStringLiteral("c3"));
    QCOMPARE(both.latest(kDay1.addDays(12))->observationId, QStringLiteral("c2"));
    QCOMPARE(both.latest(kDay1)->observationId, QStringLiteral("c1"));  // at asOf counts
    QVERIFY(both.latest(kDay1.addSecs(-1)) == nullptr);

    QVERIFY(UnitNormalizer::normalizedHistory(record, QStringLiteral("751-8")).values.isEmpty());
}

DIDYMOS_TEST_MAIN(TestUnitNormalizer)
#include "TestUnitNormalizer.moc"
