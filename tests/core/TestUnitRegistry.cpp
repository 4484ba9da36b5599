// Run-time units: UCUM codes parsed by UnitRegistry, conversions, typed extraction, errors.

#include "TestMain.h"

#include "twin/core/UnitRegistry.h"
#include "twin/core/Units.h"

#include <cmath>
#include <limits>

using namespace twin::core;

namespace {
// QCOMPARE on doubles treats any |expected| <= 1e-12 as zero, so unit factors such as
// 1e-12 (ng) are compared relatively here.
bool sameFactor(double actual, double expected) {
    return std::abs(actual - expected) <= 1e-12 * std::abs(expected);
}
QByteArray describe(double actual, double expected) {
    return QStringLiteral("factor %1, expected %2").arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17).toUtf8();
}
}  // namespace

class TestUnitRegistry : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void typedAndParsedUnitsAgree_data();
    void typedAndParsedUnitsAgree();
    void convert_data();
    void convert();
    void convertMassAndAmount_data();
    void convertMassAndAmount();
    void unknownUnitNamesTheUnit_data();
    void unknownUnitNamesTheUnit();
    void malformedUnit_data();
    void malformedUnit();
    void incompatibleUnitsNameBoth_data();
    void incompatibleUnitsNameBoth();
    void massToAmountNeedsValidMolarMass();
    void typedQuantity();
    void typedQuantityRejectsOtherDimensions();
    void temperature();
    void unitBasics();
};

void TestUnitRegistry::parse_data() {
    // clang-format off
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("dimension");  // Dimension::name()
    QTest::addColumn<double>("factor");      // SI per unit

    QTest::newRow("kg") << "kg" << "mass" << 1.0;
    QTest::newRow("g") << "g" << "mass" << 1e-3;
    QTest::newRow("mg") << "mg" << "mass" << 1e-6;
    QTest::newRow("ug") << "ug" << "mass" << 1e-9;
    QTest::newRow("ng") << "ng" << "mass" << 1e-12;
    QTest::newRow("[lb_av]") << "[lb_av]" << "mass" << 0.45359237;
    QTest::newRow("[oz_av]") << "[oz_av]" << "mass" << 0.028349523125;
    QTest::newRow("L") << "L" << "volume" << 1e-3;
    QTest::newRow("l") << "l" << "volume" << 1e-3;
    QTest::newRow("dL") << "dL" << "volume" << 1e-4;
    QTest::newRow("mL") << "mL" << "volume" << 1e-6;
    QTest::newRow("uL") << "uL" << "volume" << 1e-9;
    QTest::newRow("cm3") << "cm3" << "volume" << 1e-6;
    QTest::newRow("m") << "m" << "length" << 1.0;
    QTest::newRow("cm") << "cm" << "length" << 1e-2;
    QTest::newRow("mm") << "mm" << "length" << 1e-3;
    QTest::newRow("[in_i]") << "[in_i]" << "length" << 0.0254;
    QTest::newRow("[ft_i]") << "[ft_i]" << "length" << 0.3048;
    QTest::newRow("m2") << "m2" << "area" << 1.0;
    QTest::newRow("s") << "s" << "time" << 1.0;
    QTest::newRow("ms") << "ms" << "time" << 1e-3;
    QTest::newRow("min") << "min" << "time" << 60.0;
    QTest::newRow("h") << "h" << "time" << 3600.0;
    QTest::newRow("d") << "d" << "time" << 86400.0;
    QTest::newRow("wk") << "wk" << "time" << 604800.0;
    QTest::newRow("a") << "a" << "time" << 365.25 * 86400.0;
    QTest::newRow("mol") << "mol" << "amount of substance" << 1.0;
    QTest::newRow("mmol") << "mmol" << "amount of substance" << 1e-3;
    QTest::newRow("umol") << "umol" << "amount of substance" << 1e-6;
    QTest::newRow("mg/dL") << "mg/dL" << "mass concentration" << 1e-2;
    QTest::newRow("mg/L") << "mg/L" << "mass concentration" << 1e-3;
    QTest::newRow("ug/mL") << "ug/mL" << "mass concentration" << 1e-3;
    QTest::newRow("ng/mL") << "ng/mL" << "mass concentration" << 1e-6;
    QTest::newRow("g/dL") << "g/dL" << "mass concentration" << 10.0;
    QTest::newRow("g/L") << "g/L" << "mass concentration" << 1.0;
    QTest::newRow("mg{creat}/dL") << "mg{creat}/dL" << "mass concentration" << 1e-2;
    QTest::newRow("mmol/L") << "mmol/L" << "molar concentration" << 1.0;
    QTest::newRow("umol/L") << "umol/L" << "molar concentration" << 1e-3;
    QTest::newRow("meq/L") << "meq/L" << "molar concentration" << 1.0;
    QTest::newRow("Gy") << "Gy" << "absorbed dose" << 1.0;
    QTest::newRow("cGy") << "cGy" << "absorbed dose" << 1e-2;
    QTest::newRow("J/kg") << "J/kg" << "absorbed dose" << 1.0;
    QTest::newRow("L/h") << "L/h" << "volume rate" << 1e-3 / 3600.0;
    QTest::newRow("mL/min") << "mL/min" << "volume rate" << 1e-6 / 60.0;
    QTest::newRow("mL/min/{1.73_m2}") << "mL/min/{1.73_m2}" << "volume rate" << 1e-6 / 60.0;
    QTest::newRow("mg/h") << "mg/h" << "mass rate" << 1e-6 / 3600.0;
    QTest::newRow("1/h") << "1/h" << "rate" << 1.0 / 3600.0;
    QTest::newRow("/h") << "/h" << "rate" << 1.0 / 3600.0;
    QTest::newRow("/min") << "/min" << "rate" << 1.0 / 60.0;
    QTest::newRow("h-1") << "h-1" << "rate" << 1.0 / 3600.0;
    QTest::newRow("mg/kg/d") << "mg/kg/d" << "rate" << 1e-6 / 86400.0;
    QTest::newRow("%") << "%" << "dimensionless" << 1e-2;
    QTest::newRow("10*9/L") << "10*9/L" << "m-3" << 1e12;
    QTest::newRow("10^3/uL") << "10^3/uL" << "m-3" << 1e12;
    QTest::newRow("{cells}/uL") << "{cells}/uL" << "m-3" << 1e9;
    QTest::newRow("kg/m2") << "kg/m2" << "mass per area" << 1.0;
    QTest::newRow("mg/m2") << "mg/m2" << "mass per area" << 1e-6;
    QTest::newRow("g/mol") << "g/mol" << "molar mass" << 1e-3;
    QTest::newRow("mm[Hg]") << "mm[Hg]" << "pressure" << 133.322;
    QTest::newRow("cm[H2O]") << "cm[H2O]" << "pressure" << 98.0665;
    QTest::newRow("U/L") << "U/L" << "m-3.s-1.mol" << 1e-6 / 60.0 / 1e-3;
    QTest::newRow("kg.m2/s2") << "kg.m2/s2" << "energy" << 1.0;
    QTest::newRow("(mg/L)/h") << "(mg/L)/h" << "kg.m-3.s-1" << 1e-3 / 3600.0;
    QTest::newRow("K") << "K" << "temperature" << 1.0;
    QTest::newRow("trimmed") << " mg/dL " << "mass concentration" << 1e-2;
    // clang-format on
}

void TestUnitRegistry::parse() {
    QFETCH(QString, code);
    QFETCH(QString, dimension);
    QFETCH(double, factor);

    const Result<Unit> unit = UnitRegistry::ucum().parse(code);
    QVERIFY2(unit.ok(), qPrintable(unit.error().message()));
    QCOMPARE(unit.value().dimension().name(), dimension);
    QVERIFY2(sameFactor(unit.value().factor(), factor), describe(unit.value().factor(), factor).constData());
    QCOMPARE(unit.value().offset(), 0.0);
    QCOMPARE(unit.value().code(), code.trimmed());
}

void TestUnitRegistry::typedAndParsedUnitsAgree_data() {
    // clang-format off
    QTest::addColumn<QString>("code");
    QTest::addColumn<double>("typedFactor");
    QTest::newRow("mg") << "mg" << units::mg.factor;
    QTest::newRow("[lb_av]") << "[lb_av]" << units::lb.factor;
    QTest::newRow("[in_i]") << "[in_i]" << units::inch.factor;
    QTest::newRow("dL") << "dL" << units::dL.factor;
    QTest::newRow("wk") << "wk" << units::wk.factor;
    QTest::newRow("mg/dL") << "mg/dL" << units::mg_per_dL.factor;
    QTest::newRow("umol/L") << "umol/L" << units::umol_per_L.factor;
    QTest::newRow("L/h") << "L/h" << units::L_per_h.factor;
    QTest::newRow("mL/min") << "mL/min" << units::mL_per_min.factor;
    QTest::newRow("mg/h") << "mg/h" << units::mg_per_h.factor;
    QTest::newRow("/h") << "/h" << units::per_h.factor;
    QTest::newRow("mg/m2") << "mg/m2" << units::mg_per_m2.factor;
    QTest::newRow("cGy") << "cGy" << units::cGy.factor;
    QTest::newRow("mm[Hg]") << "mm[Hg]" << units::mmHg.factor;
    QTest::newRow("%") << "%" << units::percent.factor;
    // clang-format on
}

void TestUnitRegistry::typedAndParsedUnitsAgree() {
    QFETCH(QString, code);
    QFETCH(double, typedFactor);
    const Result<Unit> unit = UnitRegistry::ucum().parse(code);
    QVERIFY2(unit.ok(), qPrintable(unit.error().message()));
    QVERIFY2(sameFactor(unit.value().factor(), typedFactor), describe(unit.value().factor(), typedFactor).constData());
}

void TestUnitRegistry::convert_data() {
    // clang-format off
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<double>("expected");

    QTest::newRow("1 lb = 0.45359237 kg") << 1.0 << "[lb_av]" << "kg" << 0.45359237;
    QTest::newRow("180 lb in kg") << 180.0 << "[lb_av]" << "kg" << 81.6466266;
    QTest::newRow("1 kg in lb") << 1.0 << "kg" << "[lb_av]" << 1.0 / 0.45359237;
    QTest::newRow("1 in = 2.54 cm") << 1.0 << "[in_i]" << "cm" << 2.54;
    QTest::newRow("70 in in cm") << 70.0 << "[in_i]" << "cm" << 177.8;
    QTest::newRow("6 ft in m") << 6.0 << "[ft_i]" << "m" << 1.8288;
    QTest::newRow("100 cGy = 1 Gy") << 100.0 << "cGy" << "Gy" << 1.0;
    QTest::newRow("2 Gy = 200 cGy") << 2.0 << "Gy" << "cGy" << 200.0;
    QTest::newRow("1 Gy = 1 J/kg") << 1.0 << "Gy" << "J/kg" << 1.0;
    QTest::newRow("1 mg/dL = 10 mg/L") << 1.0 << "mg/dL" << "mg/L" << 10.0;
    QTest::newRow("14 g/dL = 140 g/L") << 14.0 << "g/dL" << "g/L" << 140.0;
    QTest::newRow("1 ug/mL = 1 mg/L") << 1.0 << "ug/mL" << "mg/L" << 1.0;
    QTest::newRow("5 mmol/L = 5000 umol/L") << 5.0 << "mmol/L" << "umol/L" << 5000.0;
    QTest::newRow("1 L/h in mL/min") << 1.0 << "L/h" << "mL/min" << 1000.0 / 60.0;
    QTest::newRow("120 mL/min = 7.2 L/h") << 120.0 << "mL/min" << "L/h" << 7.2;
    QTest::newRow("100 mg/h in mg/min") << 100.0 << "mg/h" << "mg/min" << 100.0 / 60.0;
    QTest::newRow("0.1 /h = 2.4 /d") << 0.1 << "/h" << "1/d" << 2.4;
    QTest::newRow("50 % = 0.5") << 50.0 << "%" << "1" << 0.5;
    QTest::newRow("7.5 10*9/L = 7500 /uL") << 7.5 << "10*9/L" << "/uL" << 7500.0;
    QTest::newRow("7.5 10*9/L = 7.5 10*3/uL") << 7.5 << "10*9/L" << "10*3/uL" << 7.5;
    QTest::newRow("1 wk = 7 d") << 1.0 << "wk" << "d" << 7.0;
    QTest::newRow("1 d = 1440 min") << 1.0 << "d" << "min" << 1440.0;
    QTest::newRow("1.8 m2 = 18000 cm2") << 1.8 << "m2" << "cm2" << 18000.0;
    QTest::newRow("120 mm[Hg] in kPa") << 120.0 << "mm[Hg]" << "kPa" << 15.99864;
    QTest::newRow("98.6 [degF] = 37 Cel") << 98.6 << "[degF]" << "Cel" << 37.0;
    QTest::newRow("37 Cel = 98.6 [degF]") << 37.0 << "Cel" << "[degF]" << 98.6;
    QTest::newRow("32 [degF] = 0 Cel") << 32.0 << "[degF]" << "Cel" << 0.0;
    QTest::newRow("-40 [degF] = -40 Cel") << -40.0 << "[degF]" << "Cel" << -40.0;
    QTest::newRow("0 Cel = 273.15 K") << 0.0 << "Cel" << "K" << 273.15;
    QTest::newRow("310.15 K = 98.6 [degF]") << 310.15 << "K" << "[degF]" << 98.6;
    // clang-format on
}

void TestUnitRegistry::convert() {
    QFETCH(double, value);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(double, expected);
    const Result<double> converted = UnitRegistry::ucum().convert(value, from, to);
    QVERIFY2(converted.ok(), qPrintable(converted.error().message()));
    QCOMPARE(converted.value(), expected);
}

void TestUnitRegistry::convertMassAndAmount_data() {
    // clang-format off
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<double>("molarMass");  // g/mol
    QTest::addColumn<double>("expected");
    QTest::addColumn<double>("tolerance");

    // Creatinine C4H7N3O, 113.12 g/mol (PubChem CID 588): 1 mg/dL = 10000/113.12 = 88.40
    // umol/L, the conventional factor 88.4 (KDIGO 2012 CKD guideline, units appendix).
    // The 88.42 sometimes quoted comes from rounding the molar mass to 113.1 g/mol.
    QTest::newRow("creatinine 1 mg/dL in umol/L") << 1.0 << "mg/dL" << "umol/L" << 113.12 << 88.40 << 0.01;
    QTest::newRow("creatinine exact") << 1.0 << "mg/dL" << "umol/L" << 113.12 << 10000.0 / 113.12 << 1e-9;
    QTest::newRow("creatinine, 113.1 g/mol") << 1.0 << "mg/dL" << "umol/L" << 113.1 << 88.42 << 0.01;
    QTest::newRow("creatinine 88.4 umol/L in mg/dL") << 88.4 << "umol/L" << "mg/dL" << 113.12 << 1.0 << 1e-3;
    // Glucose C6H12O6, 180.16 g/mol: 100 mg/dL = 5.55 mmol/L.
    QTest::newRow("glucose 100 mg/dL in mmol/L") << 100.0 << "mg/dL" << "mmol/L" << 180.16 << 5.5506 << 1e-4;
    // Sodium chloride, 58.44 g/mol: 1 g = 17.11 mmol.
    QTest::newRow("NaCl 1 g in mmol") << 1.0 << "g" << "mmol" << 58.44 << 1000.0 / 58.44 << 1e-9;
    QTest::newRow("mmol/h to mg/h") << 2.0 << "mmol/h" << "mg/h" << 58.44 << 116.88 << 1e-9;
    // Same dimension: the molar mass is not needed and not used.
    QTest::newRow("same dimension") << 1.0 << "mg/dL" << "mg/L" << 113.12 << 10.0 << 1e-12;
    // clang-format on
}

void TestUnitRegistry::convertMassAndAmount() {
    QFETCH(double, value);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(double, molarMass);
    QFETCH(double, expected);
    QFETCH(double, tolerance);
    const Result<double> converted = UnitRegistry::ucum().convert(value, from, to, molarMass);
    QVERIFY2(converted.ok(), qPrintable(converted.error().message()));
    QVERIFY2(std::abs(converted.value() - expected) <= tolerance, qPrintable(QStringLiteral("got %1, expected %2 +- %3")
                                                                                 .arg(converted.value(), 0, 'g', 12)
                                                                                 .arg(expected)
                                                                                 .arg(tolerance)));
}

void TestUnitRegistry::unknownUnitNamesTheUnit_data() {
    // clang-format off
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("atom");
    QTest::addColumn<QString>("hint");  // the UCUM spelling suggested, or empty
    QTest::newRow("mcg") << "mcg" << "mcg" << "ug";
    QTest::newRow("mcg/kg/min") << "mcg/kg/min" << "mcg" << "ug";
    QTest::newRow("lb") << "lb" << "lb" << "[lb_av]";
    QTest::newRow("in") << "in" << "in" << "[in_i]";
    QTest::newRow("degF") << "degF" << "degF" << "[degF]";
    QTest::newRow("mmHg") << "mmHg" << "mmHg" << "mm[Hg]";
    QTest::newRow("mEq/L") << "mEq/L" << "mEq" << "meq";
    QTest::newRow("mg/xyz") << "mg/xyz" << "xyz" << "";
    QTest::newRow("MG (case matters)") << "MG" << "MG" << "";
    QTest::newRow("[IU] (arbitrary)") << "[IU]/L" << "[IU]" << "";
    QTest::newRow("prefixed non-metric") << "kh" << "kh" << "";
    QTest::newRow("prefixed Cel") << "mCel" << "mCel" << "";
    // clang-format on
}

void TestUnitRegistry::unknownUnitNamesTheUnit() {
    QFETCH(QString, code);
    QFETCH(QString, atom);
    QFETCH(QString, hint);
    const Result<Unit> unit = UnitRegistry::ucum().parse(code);
    QVERIFY(!unit.ok());
    QCOMPARE(unit.error().code(), Error::Code::Unsupported);
    const QString message = unit.error().message();
    QVERIFY2(message.contains(QStringLiteral("unknown unit \"%1\"").arg(atom)), qPrintable(message));
    QVERIFY2(message.contains(QLatin1Char('"') + code + QLatin1Char('"')), qPrintable(message));
    if (!hint.isEmpty()) {
        QVERIFY2(message.contains(QStringLiteral("UCUM writes it \"%1\"").arg(hint)), qPrintable(message));
    }

    // convert() reports the same, for either side.
    const Result<double> asSource = UnitRegistry::ucum().convert(1.0, code, QStringLiteral("g"));
    QVERIFY(!asSource.ok());
    QVERIFY2(asSource.error().message().contains(atom), qPrintable(asSource.error().message()));
    const Result<double> asTarget = UnitRegistry::ucum().convert(1.0, QStringLiteral("g"), code);
    QVERIFY(!asTarget.ok());
    QVERIFY2(asTarget.error().message().contains(atom), qPrintable(asTarget.error().message()));
}

void TestUnitRegistry::malformedUnit_data() {
    // clang-format off
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("why");  // a fragment of the message
    QTest::newRow("empty") << "" << "empty unit code";
    QTest::newRow("blank") << "   " << "empty unit code";
    QTest::newRow("double slash") << "mg//L" << "unexpected '/' at position 4";
    QTest::newRow("trailing slash") << "mg/" << "expected a unit";
    QTest::newRow("unclosed paren") << "(mg/L" << "expected ')'";
    QTest::newRow("stray paren") << "mg)" << "unexpected ')'";
    QTest::newRow("space inside") << "mg L" << "unexpected ' '";
    QTest::newRow("power without exponent") << "10*" << "expected an exponent";
    QTest::newRow("unterminated annotation") << "{cells/uL" << "unterminated annotation";
    QTest::newRow("unterminated bracket") << "[in_i" << "unterminated '['";
    QTest::newRow("zero factor") << "0/L" << "factor must be positive";
    QTest::newRow("huge exponent") << "10*9999" << "exponent too large";
    QTest::newRow("overflow") << "10*200.10*200" << "scale factor out of range";
    QTest::newRow("Cel in a quotient") << "Cel/h" << "\"Cel\" is an absolute temperature scale";
    QTest::newRow("Cel squared") << "Cel2" << "\"Cel\" is an absolute temperature scale";
    QTest::newRow("per degF") << "/[degF]" << "\"[degF]\" is an absolute temperature scale";
    // clang-format on
}

void TestUnitRegistry::malformedUnit() {
    QFETCH(QString, code);
    QFETCH(QString, why);
    const Result<Unit> unit = UnitRegistry::ucum().parse(code);
    QVERIFY(!unit.ok());
    QCOMPARE(unit.error().code(), Error::Code::InvalidInput);
    const QString message = unit.error().message();
    QVERIFY2(message.contains(why), qPrintable(message));
    if (!code.trimmed().isEmpty()) {
        QVERIFY2(message.contains(QLatin1Char('"') + code + QLatin1Char('"')), qPrintable(message));
    }
}

void TestUnitRegistry::incompatibleUnitsNameBoth_data() {
    // clang-format off
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("fromDimension");
    QTest::addColumn<QString>("toDimension");
    QTest::newRow("mg/dL to cm") << "mg/dL" << "cm" << "mass concentration" << "length";
    QTest::newRow("kg to L") << "kg" << "L" << "mass" << "volume";
    QTest::newRow("Gy to kg") << "Gy" << "kg" << "absorbed dose" << "mass";
    QTest::newRow("L/h to /h") << "L/h" << "/h" << "volume rate" << "rate";
    QTest::newRow("Cel to mg") << "Cel" << "mg" << "temperature" << "mass";
    QTest::newRow("10*9/L to %") << "10*9/L" << "%" << "m-3" << "dimensionless";
    QTest::newRow("mg/dL to umol/L") << "mg/dL" << "umol/L" << "mass concentration" << "molar concentration";
    // clang-format on
}

void TestUnitRegistry::incompatibleUnitsNameBoth() {
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, fromDimension);
    QFETCH(QString, toDimension);
    const Result<double> converted = UnitRegistry::ucum().convert(1.0, from, to);
    QVERIFY(!converted.ok());
    QCOMPARE(converted.error().code(), Error::Code::InvalidInput);
    const QString expected =
        QStringLiteral("cannot convert \"%1\" (%2) to \"%3\" (%4)").arg(from, fromDimension, to, toDimension);
    QVERIFY2(converted.error().message().startsWith(expected), qPrintable(converted.error().message()));
}

void TestUnitRegistry::massToAmountNeedsValidMolarMass() {
    const UnitRegistry &ucum = UnitRegistry::ucum();
    const Result<double> withoutMolarMass = ucum.convert(1.0, "mg/dL", "umol/L");
    QVERIFY(!withoutMolarMass.ok());
    QVERIFY2(withoutMolarMass.error().message().endsWith(QStringLiteral("without a molar mass")),
             qPrintable(withoutMolarMass.error().message()));

    for (double bad :
         {0.0, -113.12, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
        const Result<double> converted = ucum.convert(1.0, "mg/dL", "umol/L", bad);
        QVERIFY(!converted.ok());
        QCOMPARE(converted.error().code(), Error::Code::InvalidInput);
        const QString message = converted.error().message();
        QVERIFY2(message.contains(QStringLiteral("\"mg/dL\"")) && message.contains(QStringLiteral("\"umol/L\"")) &&
                     message.contains(QStringLiteral("molar mass must be a positive number")),
                 qPrintable(message));
    }

    // A molar mass does not bridge other dimensions.
    const Result<double> unrelated = ucum.convert(1.0, "mg/dL", "cm", 113.12);
    QVERIFY(!unrelated.ok());
    QVERIFY2(unrelated.error().message().contains(QStringLiteral("\"cm\" (length)")),
             qPrintable(unrelated.error().message()));
}

void TestUnitRegistry::typedQuantity() {
    const UnitRegistry &ucum = UnitRegistry::ucum();

    const Result<MassConcentration> creatinine = ucum.quantity<MassConcentration>(1.2, "mg/dL");
    QVERIFY2(creatinine.ok(), qPrintable(creatinine.error().message()));
    QCOMPARE(creatinine.value().in(units::mg_per_L), 12.0);

    const Result<Mass> weight = ucum.quantity<Mass>(180.0, QStringLiteral("[lb_av]"));
    QVERIFY(weight.ok());
    QCOMPARE(weight.value().in(units::kg), 81.6466266);

    const Result<Length> height = ucum.quantity<Length>(70.0, u"[in_i]");
    QVERIFY(height.ok());
    QCOMPARE(height.value().in(units::cm), 177.8);

    const Result<VolumeRate> clearance = ucum.quantity<VolumeRate>(100.0, "mL/min");
    QVERIFY(clearance.ok());
    QCOMPARE(clearance.value().in(units::L_per_h), 6.0);

    const Result<double> exported = ucum.valueIn(units::L_per_h(6.0), "mL/min");
    QVERIFY(exported.ok());
    QCOMPARE(exported.value(), 100.0);

    const Result<double> dose = ucum.valueIn(units::Gy(1.8), "cGy");
    QVERIFY(dose.ok());
    QCOMPARE(dose.value(), 180.0);
}

void TestUnitRegistry::typedQuantityRejectsOtherDimensions() {
    const UnitRegistry &ucum = UnitRegistry::ucum();

    const Result<Mass> notMass = ucum.quantity<Mass>(1.0, "cm");
    QVERIFY(!notMass.ok());
    QCOMPARE(notMass.error().code(), Error::Code::InvalidInput);
    QCOMPARE(notMass.error().message(), QStringLiteral("unit \"cm\" measures length, expected mass"));

    const Result<double> wrongExport = ucum.valueIn(units::mg(1.0), "mL");
    QVERIFY(!wrongExport.ok());
    QCOMPARE(wrongExport.error().message(), QStringLiteral("unit \"mL\" measures volume, expected mass"));

    const Result<Quantity<dim::temperature>> celsius = ucum.quantity<Quantity<dim::temperature>>(37.0, "Cel");
    QVERIFY(!celsius.ok());
    QVERIFY2(celsius.error().message().contains(QStringLiteral("UnitRegistry::temperature()")),
             qPrintable(celsius.error().message()));

    const Result<MassConcentration> unknown = ucum.quantity<MassConcentration>(1.0, "mcg/mL");
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code(), Error::Code::Unsupported);
}

void TestUnitRegistry::temperature() {
    const UnitRegistry &ucum = UnitRegistry::ucum();

    const Result<Temperature> fever = ucum.temperature(102.2, "[degF]");
    QVERIFY(fever.ok());
    QCOMPARE(fever.value().celsius(), 39.0);

    const Result<Temperature> body = ucum.temperature(37.0, "Cel");
    QVERIFY(body.ok());
    QCOMPARE(body.value().fahrenheit(), 98.6);

    const Result<Temperature> kelvin = ucum.temperature(310.15, "K");
    QVERIFY(kelvin.ok());
    QCOMPARE(kelvin.value().celsius(), 37.0);

    const Result<Temperature> notTemperature = ucum.temperature(1.0, "mg");
    QVERIFY(!notTemperature.ok());
    QCOMPARE(notTemperature.error().message(), QStringLiteral("unit \"mg\" measures mass, expected temperature"));

    const Result<Temperature> impossible = ucum.temperature(-300.0, "Cel");
    QVERIFY(!impossible.ok());
    QVERIFY2(impossible.error().message().contains(QStringLiteral("below absolute zero")),
             qPrintable(impossible.error().message()));
}

void TestUnitRegistry::unitBasics() {
    const Unit one;
    QCOMPARE(one.code(), QStringLiteral("1"));
    QVERIFY(one.dimension().isDimensionless());
    QCOMPARE(one.toSI(3.0), 3.0);

    const Result<Unit> celsius = UnitRegistry::ucum().parse("Cel");
    QVERIFY(celsius.ok());
    QVERIFY(celsius.value().isAffine());
    QVERIFY(celsius.value().measures<dim::temperature>());
    QCOMPARE(celsius.value().toSI(37.0), 310.15);
    QCOMPARE(celsius.value().fromSI(273.15), 0.0);

    const Result<Unit> mgPerDl = UnitRegistry::ucum().parse("mg/dL");
    const Result<Unit> gPerL = UnitRegistry::ucum().parse("g/L");
    QVERIFY(mgPerDl.ok() && gPerL.ok());
    QVERIFY(mgPerDl.value().isCompatibleWith(gPerL.value()));
    QVERIFY(!mgPerDl.value().isAffine());
    const Result<double> converted = mgPerDl.value().convert(250.0, gPerL.value());
    QVERIFY(converted.ok());
    QCOMPARE(converted.value(), 2.5);

    QCOMPARE(dim::volumeRate.symbol(), QStringLiteral("m3.s-1"));
    QCOMPARE(dim::massConcentration.symbol(), QStringLiteral("kg.m-3"));
    QCOMPARE(dim::none.symbol(), QStringLiteral("1"));

    QCOMPARE(&UnitRegistry::ucum(), &UnitRegistry::ucum());
}

DIDYMOS_TEST_MAIN(TestUnitRegistry)
#include "TestUnitRegistry.moc"
