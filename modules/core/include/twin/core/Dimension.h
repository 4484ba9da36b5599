#pragma once
// Dimension: the exponents of the SI base quantities a physical quantity is made of.
//
// Mass (kg), length (m), time (s), amount of substance (mol) and thermodynamic temperature (K).
// A concentration in mg/L is mass^1 length^-3; a clearance in L/h is length^3 time^-1; an
// absorbed dose in Gy (J/kg) is length^2 time^-2. Counts (cells, tablets, "10*9") are pure
// numbers and carry no dimension.
//
// The same literal type serves both sides of the units API:
//  - at compile time it is the template argument of Quantity<D> (C++20 class-type non-type
//    template parameter), so "mg + mL" does not compile and "mg / L" is a MassConcentration;
//  - at run time it is what UnitRegistry parses a UCUM string into, so a value imported from
//    FHIR can be checked against the Quantity type the caller expects (Q::dimension).
// One type for both means no hand-kept mapping between compile-time and run-time exponents.

#include <QString>

namespace twin::core {

struct Dimension {
    int mass = 0;
    int length = 0;
    int time = 0;
    int amount = 0;
    int temperature = 0;

    constexpr bool operator==(const Dimension &) const = default;
    constexpr bool isDimensionless() const { return *this == Dimension{}; }

    /// The dimension of a product: exponents add.
    friend constexpr Dimension operator*(Dimension a, Dimension b) {
        return {a.mass + b.mass, a.length + b.length, a.time + b.time, a.amount + b.amount,
                a.temperature + b.temperature};
    }
    /// The dimension of a quotient: exponents subtract.
    friend constexpr Dimension operator/(Dimension a, Dimension b) {
        return {a.mass - b.mass, a.length - b.length, a.time - b.time, a.amount - b.amount,
                a.temperature - b.temperature};
    }
    /// The dimension of a power: exponents scale.
    constexpr Dimension pow(int n) const { return {mass * n, length * n, time * n, amount * n, temperature * n}; }

    /// SI base-unit form in UCUM syntax, e.g. "kg.m-3" or "m3.s-1"; "1" when dimensionless.
    QString symbol() const;
    /// A readable name when the dimension is a familiar one ("mass concentration", "volume
    /// rate", "absorbed dose"), otherwise symbol(). Used in error messages.
    QString name() const;
};

/// The base and common derived dimensions, for run-time checks and for building Quantity types.
namespace dim {
inline constexpr Dimension none{};
inline constexpr Dimension mass{1, 0, 0, 0, 0};
inline constexpr Dimension length{0, 1, 0, 0, 0};
inline constexpr Dimension time{0, 0, 1, 0, 0};
inline constexpr Dimension amount{0, 0, 0, 1, 0};
inline constexpr Dimension temperature{0, 0, 0, 0, 1};

inline constexpr Dimension area = length * length;
inline constexpr Dimension volume = area * length;
inline constexpr Dimension rate = none / time;
inline constexpr Dimension massConcentration = mass / volume;
inline constexpr Dimension molarConcentration = amount / volume;
inline constexpr Dimension massRate = mass / time;
inline constexpr Dimension volumeRate = volume / time;
inline constexpr Dimension amountRate = amount / time;
inline constexpr Dimension massPerArea = mass / area;
inline constexpr Dimension molarMass = mass / amount;
inline constexpr Dimension energy = mass * area / (time * time);
inline constexpr Dimension absorbedDose = energy / mass;  // Gy = J/kg = m2.s-2
inline constexpr Dimension pressure = mass / (length * time * time);
}  // namespace dim

}  // namespace twin::core
