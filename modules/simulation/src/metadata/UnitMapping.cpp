// UnitMapping: see UnitMapping.h.

#include "metadata/UnitMapping.h"

#include "twin/core/UnitRegistry.h"

namespace twin::simulation {

core::Result<UnitMapping> UnitMapping::between(const QString &from, const QString &to) {
    if (from == to) return UnitMapping{};
    const core::UnitRegistry &ucum = core::UnitRegistry::ucum();
    const core::Result<double> zero = ucum.convert(0.0, from, to);
    if (!zero.ok()) return zero.error();
    const core::Result<double> one = ucum.convert(1.0, from, to);
    if (!one.ok()) return one.error();
    return UnitMapping{one.value() - zero.value(), zero.value()};
}

}  // namespace twin::simulation
