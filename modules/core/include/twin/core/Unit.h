#pragma once
// Unit: a unit known only at run time, typically parsed from a UCUM code in imported data
// (FHIR valueQuantity.code, a CSV column header). Obtain one from UnitRegistry::parse().
//
// A unit is its dimension plus the affine map to SI base units:
//     SI value = (value + offset) * factor
// offset is zero for every unit except the absolute temperature scales Cel (273.15) and [degF]
// (459.67), whose factor is then kelvin per degree (1 and 5/9).

#include "twin/core/Dimension.h"
#include "twin/core/Result.h"

#include <QString>

namespace twin::core {

class Unit {
public:
    /// The pure number "1".
    Unit() = default;
    Unit(QString code, Dimension dimension, double factor, double offset = 0.0)
        : code_(std::move(code)), dimension_(dimension), factor_(factor), offset_(offset) {}

    /// The code it was parsed from, e.g. "mg/dL".
    const QString &code() const { return code_; }
    const Dimension &dimension() const { return dimension_; }
    /// SI base units per unit (1 mg/dL = 0.01 kg/m3), or kelvin per degree.
    double factor() const { return factor_; }
    /// Value of the SI zero on this scale, negated; non-zero only for Cel and [degF].
    double offset() const { return offset_; }
    /// True for scales with an offset (Cel, [degF]): they only convert to other temperatures.
    bool isAffine() const { return offset_ != 0.0; }

    /// True when values convert between the two (same dimension).
    bool isCompatibleWith(const Unit &other) const { return dimension_ == other.dimension_; }
    /// True when this unit measures D, e.g. unit.measures<dim::massConcentration>().
    template <Dimension D>
    bool measures() const {
        return dimension_ == D;
    }

    double toSI(double value) const { return (value + offset_) * factor_; }
    double fromSI(double si) const { return si / factor_ - offset_; }

    /// `value` of this unit expressed in `target`; an error naming both units when their
    /// dimensions differ.
    Result<double> convert(double value, const Unit &target) const;

private:
    QString code_ = QStringLiteral("1");
    Dimension dimension_;
    double factor_ = 1.0;
    double offset_ = 0.0;
};

}  // namespace twin::core
