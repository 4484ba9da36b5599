#pragma once
// Quantity<D>: a physical value whose dimension is checked by the compiler.
//
//   using namespace twin::core;
//   const Mass dose = units::mg(500.0);
//   const Volume vd = units::L(42.0);
//   const MassConcentration c0 = dose / vd;          // mg / L -> mass concentration
//   const double c0InMgPerL = c0.in(units::mg_per_L); // 11.90...
//   const Volume cleared = units::L_per_h(5.0) * units::h(2.0);   // L/h * h -> L
//   // dose + vd;               does not compile: mass + volume
//   // c0.in(units::mg);         does not compile: the unit measures mass, c0 is a concentration
//
// Design notes
//  - The value is one double in SI base units (kg, m, s, mol, K), so every arithmetic operation
//    is a single floating-point operation and quantities from different units mix freely.
//    Conversion to and from named units happens only at the edges: UnitOf<D>::operator() in,
//    Quantity::in(UnitOf<D>) out. Round trips are exact to a few ulp, not bit-exact.
//  - The dimension is a Dimension value used as a C++20 non-type template parameter rather than
//    four separate int parameters: the same struct describes units parsed at run time from UCUM
//    strings (UnitRegistry), so run-time data can be checked against Q::dimension directly.
//  - There is no public constructor from double: a bare number has no unit. Build quantities
//    with a unit (units::mg(5.0), 5.0 * units::mg) or, where SI is meant, Quantity::fromSI().
//  - A dimensionless quantity (Mass / Mass, units::percent(5.0)) converts implicitly to double.
//  - Absolute temperatures in degrees Celsius or Fahrenheit are affine (they have an offset) and
//    are NOT quantities; see Temperature. Quantity<dim::temperature> would be a kelvin difference.
//  - Gy (J/kg) and m2/s2 are the same dimension; the type system cannot tell an absorbed dose
//    from a squared velocity. Likewise Bq, Hz and 1/h are all Rate. Name variables accordingly.

#include "twin/core/Dimension.h"

#include <compare>

namespace twin::core {

template <Dimension D>
struct UnitOf;

template <Dimension D>
class Quantity {
public:
    static constexpr Dimension dimension = D;

    /// Zero.
    constexpr Quantity() = default;
    /// A quantity of `value` SI base units (kg, m, s, mol, K and their products).
    static constexpr Quantity fromSI(double value) {
        Quantity q;
        q.si_ = value;
        return q;
    }

    /// The value in SI base units.
    constexpr double si() const { return si_; }
    /// The value expressed in `unit`, e.g. concentration.in(units::mg_per_L).
    template <Dimension U>
    constexpr double in(const UnitOf<U> &unit) const {
        static_assert(U == D, "Quantity::in(): the unit measures a different dimension");
        return si_ / unit.factor;
    }

    /// A pure number (e.g. a ratio of two masses) is usable as a double.
    constexpr operator double() const  // NOLINT(google-explicit-constructor)
        requires(D == Dimension{}) {
        return si_;
    }

    constexpr Quantity operator+() const { return *this; }
    constexpr Quantity operator-() const { return fromSI(-si_); }
    constexpr Quantity &operator+=(Quantity other) {
        si_ += other.si_;
        return *this;
    }
    constexpr Quantity &operator-=(Quantity other) {
        si_ -= other.si_;
        return *this;
    }
    constexpr Quantity &operator*=(double factor) {
        si_ *= factor;
        return *this;
    }
    constexpr Quantity &operator/=(double divisor) {
        si_ /= divisor;
        return *this;
    }

    // Addition and subtraction exist only between quantities of the same dimension.
    friend constexpr Quantity operator+(Quantity a, Quantity b) { return fromSI(a.si_ + b.si_); }
    friend constexpr Quantity operator-(Quantity a, Quantity b) { return fromSI(a.si_ - b.si_); }
    // Scaling by a pure number keeps the dimension.
    friend constexpr Quantity operator*(Quantity q, double k) { return fromSI(q.si_ * k); }
    friend constexpr Quantity operator*(double k, Quantity q) { return fromSI(k * q.si_); }
    friend constexpr Quantity operator/(Quantity q, double k) { return fromSI(q.si_ / k); }
    friend constexpr Quantity<Dimension{} / D> operator/(double k, Quantity q) {
        return Quantity<Dimension{} / D>::fromSI(k / q.si_);
    }

    constexpr bool operator==(const Quantity &) const = default;
    constexpr auto operator<=>(const Quantity &) const = default;

private:
    double si_ = 0.0;
};

/// Products and quotients combine dimensions: (L/h) * h is a Volume, mg / L a MassConcentration.
template <Dimension A, Dimension B>
constexpr Quantity<A * B> operator*(Quantity<A> a, Quantity<B> b) {
    return Quantity<A * B>::fromSI(a.si() * b.si());
}
template <Dimension A, Dimension B>
constexpr Quantity<A / B> operator/(Quantity<A> a, Quantity<B> b) {
    return Quantity<A / B>::fromSI(a.si() / b.si());
}

using Dimensionless = Quantity<dim::none>;
using Mass = Quantity<dim::mass>;
using Length = Quantity<dim::length>;
using Time = Quantity<dim::time>;
using Amount = Quantity<dim::amount>;  ///< amount of substance (mol)
using Area = Quantity<dim::area>;      ///< e.g. body surface area in m2
using Volume = Quantity<dim::volume>;
using Rate = Quantity<dim::rate>;                              ///< 1/time: elimination rate constants, heart rate
using MassConcentration = Quantity<dim::massConcentration>;    ///< mg/L, mg/dL, g/dL
using MolarConcentration = Quantity<dim::molarConcentration>;  ///< mmol/L, umol/L
using MassRate = Quantity<dim::massRate>;                      ///< infusion rate, mg/h
using VolumeRate = Quantity<dim::volumeRate>;                  ///< clearance, L/h, mL/min
using AmountRate = Quantity<dim::amountRate>;                  ///< mmol/h; also catalytic activity (U)
using MassPerArea = Quantity<dim::massPerArea>;                ///< BSA-normalised dose, mg/m2; BMI, kg/m2
using MolarMass = Quantity<dim::molarMass>;                    ///< g/mol
using Energy = Quantity<dim::energy>;
using AbsorbedDose = Quantity<dim::absorbedDose>;  ///< Gy = J/kg
using Pressure = Quantity<dim::pressure>;

}  // namespace twin::core
