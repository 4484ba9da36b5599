#pragma once
// UnitMapping: the affine map value_in_target = scale * value_in_source + offset between two
// UCUM units of the same dimension, computed once (at parse or set-up time) so that the step
// loop converts with one multiply-add and never touches a unit string.

#include "twin/core/Result.h"

#include <QString>

namespace twin::simulation {

struct UnitMapping {
    double scale = 1.0;
    double offset = 0.0;
    bool identity() const { return scale == 1.0 && offset == 0.0; }
    double apply(double value) const { return scale * value + offset; }

    /// Identical codes map exactly (scale 1); otherwise through core::UnitRegistry::ucum().
    /// An error naming both units when they do not convert (different dimensions, not UCUM).
    static core::Result<UnitMapping> between(const QString &from, const QString &to);
};

}  // namespace twin::simulation
