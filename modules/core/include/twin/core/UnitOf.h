#pragma once
// UnitOf<D>: a named unit known at compile time, e.g. units::mg or units::mg_per_L.
//
// It is a scale factor to SI tagged with its dimension, so using it is dimension-checked:
//   units::mg(5.0)          -> Mass of 5 mg          (a unit applied to a number)
//   5.0 * units::mg         -> the same
//   q.in(units::mg_per_L)   -> the number of mg/L in q (compile error unless q is a concentration)
//   units::mg / units::L    -> the unit mg/L; units composed this way are constexpr.
// The run-time counterpart, for unit strings read from data, is Unit (see UnitRegistry).

#include "twin/core/Quantity.h"

namespace twin::core {

template <Dimension D>
struct UnitOf {
    static constexpr Dimension dimension = D;
    /// How many SI base units one of this unit is (1 mg = 1e-6 kg).
    double factor = 1.0;

    /// `value` of this unit as a quantity.
    constexpr Quantity<D> operator()(double value) const { return Quantity<D>::fromSI(value * factor); }
    friend constexpr Quantity<D> operator*(double value, UnitOf unit) { return unit(value); }
};

template <Dimension A, Dimension B>
constexpr UnitOf<A * B> operator*(UnitOf<A> a, UnitOf<B> b) {
    return {a.factor * b.factor};
}
template <Dimension A, Dimension B>
constexpr UnitOf<A / B> operator/(UnitOf<A> a, UnitOf<B> b) {
    return {a.factor / b.factor};
}
/// units::cm squared (cm2) and cubed (cm3).
template <Dimension D>
constexpr UnitOf<D * D> square(UnitOf<D> u) {
    return u * u;
}
template <Dimension D>
constexpr UnitOf<D * D * D> cube(UnitOf<D> u) {
    return u * u * u;
}

}  // namespace twin::core
