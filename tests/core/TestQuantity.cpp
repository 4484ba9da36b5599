// Typed quantities (Quantity<D>, UnitOf<D>, units::) and absolute temperatures (Temperature).
// The run-time UCUM side is in TestUnitRegistry.

#include "TestMain.h"

#include "twin/core/Quantity.h"
#include "twin/core/Temperature.h"
#include "twin/core/Units.h"

#include <cmath>
#include <type_traits>

using namespace twin::core;

namespace {

// ---- Compile-time checks: a failure here breaks the build, not the run. ----------------------

template <typename A, typename B>
concept Addable = requires(A a, B b) {
    a + b;
};
template <typename A, typename B>
concept Subtractable = requires(A a, B b) {
    a - b;
};
template <typename A, typename B>
concept Comparable = requires(A a, B b) {
    a < b;
};

// Products and quotients combine dimensions.
static_assert(std::is_same_v<decltype(units::mg(1.0) / units::L(1.0)), MassConcentration>);
static_assert(std::is_same_v<decltype(units::L_per_h(1.0) * units::h(1.0)), Volume>);
static_assert(std::is_same_v<decltype(units::mg_per_h(1.0) * units::h(1.0)), Mass>);
static_assert(std::is_same_v<decltype(units::mg_per_L(1.0) * units::L(1.0)), Mass>);
static_assert(std::is_same_v<decltype(units::L_per_h(1.0) / units::L(1.0)), Rate>);
static_assert(std::is_same_v<decltype(units::mg_per_m2(1.0) * units::m2(1.0)), Mass>);
static_assert(std::is_same_v<decltype(units::mg(1.0) / units::m2(1.0)), MassPerArea>);
static_assert(std::is_same_v<decltype(units::mg_per_dL(1.0) / units::g_per_mol(1.0)), MolarConcentration>);
static_assert(std::is_same_v<decltype(units::Gy(1.0) * units::kg(1.0)), Energy>);
static_assert(std::is_same_v<decltype(1.0 / units::h(1.0)), Rate>);
static_assert(std::is_same_v<decltype(units::mg(1.0) / units::g(1.0)), Dimensionless>);
static_assert(std::is_same_v<decltype(units::mg / units::L), UnitOf<dim::massConcentration>>);
static_assert(std::is_same_v<decltype(square(units::cm)), UnitOf<dim::area>>);

// Addition, subtraction and ordering only within one dimension.
static_assert(Addable<Mass, Mass> && Subtractable<Volume, Volume> && Comparable<Time, Time>);
static_assert(!Addable<Mass, Volume> && !Addable<Volume, Mass>);
static_assert(!Subtractable<AbsorbedDose, Mass>);
static_assert(!Addable<Rate, Time> && !Comparable<Rate, Time>);
static_assert(!Addable<MassConcentration, MolarConcentration>);
static_assert(!Addable<Mass, double> && !Addable<double, Length>);  // a bare number has no unit

// No quantity from or to a bare number, except pure numbers.
static_assert(!std::is_constructible_v<Mass, double>);
static_assert(!std::is_convertible_v<Mass, double>);
static_assert(std::is_convertible_v<Dimensionless, double>);

// Dimension arithmetic itself.
static_assert(dim::volumeRate == dim::volume / dim::time);
static_assert(dim::absorbedDose == Dimension{0, 2, -2, 0, 0});
static_assert((dim::mass / dim::mass).isDimensionless());

// constexpr all the way down.
static_assert(units::kg(2.0).si() == 2.0);
static_assert(units::lb(1.0).si() == 0.45359237);
static_assert(units::g(1.0) < units::kg(1.0));

// Not expressible as a positive check, so documented: each of these fails to compile.
//   units::mg(1.0) + units::mL(1.0);           // mass + volume
//   units::mg(1.0).in(units::mL);              // static_assert: unit of another dimension
//   Mass m = 5.0;                              // a bare number has no unit
//   double x = units::mg(1.0);                 // neither has a mass

}  // namespace

class TestQuantity : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void conversions_data();
    void conversions();
    void arithmeticCombinesDimensions();
    void sameDimensionArithmetic();
    void scalarsAndRatios();
    void molarConcentrationFromMolarMass();
    void temperatureScales_data();
    void temperatureScales();
    void temperatureOrdering();
};

void TestQuantity::conversions_data() {
    // clang-format off
    QTest::addColumn<double>("actual");
    QTest::addColumn<double>("expected");

    // Exact by definition (1959 international yard and pound agreement; SI Brochure).
    QTest::newRow("1 lb = 0.45359237 kg") << units::lb(1.0).in(units::kg) << 0.45359237;
    QTest::newRow("180 lb in kg") << units::lb(180.0).in(units::kg) << 81.6466266;
    QTest::newRow("1 kg in lb") << units::kg(1.0).in(units::lb) << 1.0 / 0.45359237;
    QTest::newRow("1 oz = 28.349523125 g") << units::oz(1.0).in(units::g) << 28.349523125;
    QTest::newRow("1 in = 2.54 cm") << units::inch(1.0).in(units::cm) << 2.54;
    QTest::newRow("70 in in cm") << units::inch(70.0).in(units::cm) << 177.8;
    QTest::newRow("1 ft = 12 in") << units::ft(1.0).in(units::inch) << 12.0;
    QTest::newRow("1 g = 1000 mg") << units::g(1.0).in(units::mg) << 1000.0;
    QTest::newRow("1 mg = 1000 ug") << units::mg(1.0).in(units::ug) << 1000.0;
    QTest::newRow("1 ug = 1000 ng") << units::ug(1.0).in(units::ng) << 1000.0;
    QTest::newRow("1 L = 10 dL") << units::L(1.0).in(units::dL) << 10.0;
    QTest::newRow("1 dL = 100 mL") << units::dL(1.0).in(units::mL) << 100.0;
    QTest::newRow("1 mL = 1000 uL") << units::mL(1.0).in(units::uL) << 1000.0;
    QTest::newRow("1 mL = 1 cm3") << units::mL(1.0).in(cube(units::cm)) << 1.0;
    QTest::newRow("1 m3 = 1000 L") << units::m3(1.0).in(units::L) << 1000.0;
    QTest::newRow("1 m2 = 10000 cm2") << units::m2(1.0).in(units::cm2) << 10000.0;
    QTest::newRow("1 h = 60 min") << units::h(1.0).in(units::min) << 60.0;
    QTest::newRow("1 d = 24 h") << units::d(1.0).in(units::h) << 24.0;
    QTest::newRow("1 wk = 7 d") << units::wk(1.0).in(units::d) << 7.0;
    QTest::newRow("1 mmol = 1000 umol") << units::mmol(1.0).in(units::umol) << 1000.0;
    QTest::newRow("100 cGy = 1 Gy") << units::cGy(100.0).in(units::Gy) << 1.0;
    QTest::newRow("2 Gy = 200 cGy") << units::Gy(2.0).in(units::cGy) << 200.0;
    QTest::newRow("1 cGy = 10 mGy") << units::cGy(1.0).in(units::mGy) << 10.0;
    QTest::newRow("1 mg/dL = 10 mg/L") << units::mg_per_dL(1.0).in(units::mg_per_L) << 10.0;
    QTest::newRow("14 g/dL = 140 g/L") << units::g_per_dL(14.0).in(units::g_per_L) << 140.0;
    QTest::newRow("1 ug/mL = 1 mg/L") << units::ug_per_mL(1.0).in(units::mg_per_L) << 1.0;
    QTest::newRow("1 ng/mL = 1 ug/L") << units::ng_per_mL(1.0).in(units::ug_per_L) << 1.0;
    QTest::newRow("5 mmol/L = 5000 umol/L") << units::mmol_per_L(5.0).in(units::umol_per_L) << 5000.0;
    QTest::newRow("6 L/h = 100 mL/min") << units::L_per_h(6.0).in(units::mL_per_min) << 100.0;
    QTest::newRow("120 mg/h = 2 mg/min") << units::mg_per_h(120.0).in(units::mg_per_min) << 2.0;
    QTest::newRow("1 ug/min = 0.06 mg/h") << units::ug_per_min(1.0).in(units::mg_per_h) << 0.06;
    QTest::newRow("0.6 /h = 0.01 /min") << units::per_h(0.6).in(units::per_min) << 0.01;
    QTest::newRow("1 /d in /h") << units::per_d(1.0).in(units::per_h) << 1.0 / 24.0;
    QTest::newRow("50 % = 0.5") << units::percent(50.0).in(units::one) << 0.5;
    QTest::newRow("120 mmHg in kPa") << units::mmHg(120.0).in(units::kPa) << 15.99864;
    QTest::newRow("1 kg/m2 = 1e6 mg/m2") << units::kg_per_m2(1.0).in(units::mg_per_m2) << 1e6;
    QTest::newRow("5.0 * units::mg") << (5.0 * units::mg).in(units::mg) << 5.0;
    // clang-format on
}

void TestQuantity::conversions() {
    QFETCH(double, actual);
    QFETCH(double, expected);
    QCOMPARE(actual, expected);  // relative tolerance ~1e-12 (qFuzzyCompare)
}

void TestQuantity::arithmeticCombinesDimensions() {
    // Loading dose / volume of distribution -> initial concentration.
    const MassConcentration c0 = units::mg(500.0) / units::L(42.0);
    QCOMPARE(c0.in(units::mg_per_L), 500.0 / 42.0);

    // Clearance x time -> volume cleared.
    const Volume cleared = units::L_per_h(5.0) * units::h(2.0);
    QCOMPARE(cleared.in(units::L), 10.0);

    // Infusion rate x duration -> mass infused.
    const Mass infused = units::mg_per_h(100.0) * units::min(90.0);
    QCOMPARE(infused.in(units::mg), 150.0);

    // Elimination rate constant k = CL / V, half-life ln 2 / k.
    const Rate k = units::L_per_h(5.0) / units::L(50.0);
    QCOMPARE(k.in(units::per_h), 0.1);
    const Time halfLife = std::log(2.0) / k;
    QCOMPARE(halfLife.in(units::h), std::log(2.0) / 0.1);

    // BSA dosing: 75 mg/m2 for a 1.8 m2 patient.
    const Mass dose = units::mg_per_m2(75.0) * units::m2(1.8);
    QCOMPARE(dose.in(units::mg), 135.0);

    // Concentration x volume -> amount in the compartment.
    const Mass amount = units::mg_per_dL(2.0) * units::L(5.0);
    QCOMPARE(amount.in(units::mg), 100.0);

    // Absorbed dose x mass -> energy deposited.
    const Energy energy = units::Gy(2.0) * units::kg(0.5);
    QCOMPARE(energy.in(units::J), 1.0);

    // Composed units equal their named counterparts.
    QCOMPARE((units::mg / units::dL).factor, units::mg_per_dL.factor);
    QCOMPARE((units::one / units::h).factor, units::per_h.factor);
}

void TestQuantity::sameDimensionArithmetic() {
    QCOMPARE((units::kg(1.0) + units::g(500.0)).in(units::kg), 1.5);
    QCOMPARE((units::Gy(1.0) - units::cGy(50.0)).in(units::cGy), 50.0);
    QCOMPARE((-units::mL(3.0)).in(units::mL), -3.0);

    Mass total;  // zero
    QCOMPARE(total.si(), 0.0);
    total += units::mg(250.0);
    total += units::g(0.25);
    QCOMPARE(total.in(units::mg), 500.0);
    total -= units::mg(100.0);
    total *= 2.0;
    total /= 4.0;
    QCOMPARE(total.in(units::mg), 200.0);

    QVERIFY(units::mg(999.0) < units::g(1.0));
    QVERIFY(units::h(1.0) > units::min(59.0));
    QVERIFY(units::min(60.0) == units::h(1.0));
    QVERIFY(units::cGy(1.0) != units::Gy(1.0));

    QCOMPARE(Volume::fromSI(0.002).in(units::L), 2.0);
    QCOMPARE(units::L(3.0).si(), 3e-3);
}

void TestQuantity::scalarsAndRatios() {
    QCOMPARE((2.0 * units::mg(5.0)).in(units::mg), 10.0);
    QCOMPARE((units::mg(5.0) * 3.0).in(units::mg), 15.0);
    QCOMPARE((units::mg(5.0) / 2.0).in(units::mg), 2.5);
    QCOMPARE((1.0 / units::h(2.0)).in(units::per_h), 0.5);

    // A ratio of like quantities is a plain number.
    const double fraction = units::mL(250.0) / units::L(1.0);
    QCOMPARE(fraction, 0.25);
    const Dimensionless bioavailability = units::percent(80.0);
    QCOMPARE((bioavailability * units::mg(500.0)).in(units::mg), 400.0);
    QCOMPARE(static_cast<double>(bioavailability), 0.8);
}

void TestQuantity::molarConcentrationFromMolarMass() {
    // Creatinine, C4H7N3O, 113.12 g/mol (PubChem CID 588). 1 mg/dL = 10 mg/L = 10/113.12 mmol/L
    // = 88.40 umol/L, the conventional factor 88.4 (KDIGO 2012 CKD guideline). The often-quoted
    // 88.42 is 10000/113.1, i.e. a molar mass rounded to 113.1 g/mol.
    const MolarMass creatinine = units::g_per_mol(113.12);
    const MolarConcentration molar = units::mg_per_dL(1.0) / creatinine;
    QCOMPARE(molar.in(units::umol_per_L), 10000.0 / 113.12);
    QVERIFY(std::abs(molar.in(units::umol_per_L)-88.40) < 0.01);
    QVERIFY(std::abs((units::mg_per_dL(1.0) / units::g_per_mol(113.1)).in(units::umol_per_L)-88.42) < 0.01);

    // And back: 88.4 umol/L is 1.00 mg/dL.
    const MassConcentration mass = units::umol_per_L(88.4) * creatinine;
    QVERIFY(std::abs(mass.in(units::mg_per_dL)-1.0) < 1e-3);
}

void TestQuantity::temperatureScales_data() {
    // clang-format off
    QTest::addColumn<double>("fahrenheit");
    QTest::addColumn<double>("celsius");
    QTest::addColumn<double>("kelvin");
    QTest::newRow("water freezes") << 32.0 << 0.0 << 273.15;
    QTest::newRow("water boils") << 212.0 << 100.0 << 373.15;
    QTest::newRow("body temperature") << 98.6 << 37.0 << 310.15;
    QTest::newRow("fever") << 102.2 << 39.0 << 312.15;
    QTest::newRow("scales cross") << -40.0 << -40.0 << 233.15;
    QTest::newRow("absolute zero") << -459.67 << -273.15 << 0.0;
    // clang-format on
}

void TestQuantity::temperatureScales() {
    QFETCH(double, fahrenheit);
    QFETCH(double, celsius);
    QFETCH(double, kelvin);

    const Temperature fromF = Temperature::fromFahrenheit(fahrenheit);
    QCOMPARE(fromF.celsius(), celsius);
    QCOMPARE(fromF.kelvin(), kelvin);

    const Temperature fromC = Temperature::fromCelsius(celsius);
    QCOMPARE(fromC.fahrenheit(), fahrenheit);
    QCOMPARE(fromC.kelvin(), kelvin);

    QCOMPARE(Temperature::fromKelvin(kelvin).celsius(), celsius);
}

void TestQuantity::temperatureOrdering() {
    QVERIFY(Temperature::fromCelsius(38.0) > Temperature::fromFahrenheit(98.6));
    QVERIFY(Temperature::fromCelsius(-1.0) < Temperature::fromFahrenheit(32.0));
    QVERIFY(Temperature::fromKelvin(300.0) == Temperature::fromKelvin(300.0));
    QCOMPARE(Temperature().kelvin(), 0.0);  // default is absolute zero
    static_assert(Temperature::fromCelsius(0.0).kelvin() == 273.15);
}

DIDYMOS_TEST_MAIN(TestQuantity)
#include "TestQuantity.moc"
