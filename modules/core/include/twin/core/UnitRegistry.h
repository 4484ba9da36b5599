#pragma once
// UnitRegistry: reads UCUM unit codes (https://ucum.org/ucum, case-sensitive "c/s" form), as
// found in FHIR Quantity.code, into Units, and converts values between them.
//
//   const UnitRegistry &ucum = UnitRegistry::ucum();
//   ucum.convert(180.0, "[lb_av]", "kg")                  -> 81.6466266
//   ucum.convert(1.0, "mg/dL", "umol/L", 113.12)          -> 88.40 (creatinine, g/mol)
//   ucum.quantity<MassConcentration>(1.2, "mg/dL")        -> Result<MassConcentration>
//   ucum.valueIn(clearance, "mL/min")                     -> Result<double>
//   ucum.temperature(98.6, "[degF]")                      -> Result<Temperature> (37 °C)
// Codes are taken as QAnyStringView: QString, "utf-8 literals", u"utf-16" and QLatin1String.
//
// Grammar: products with ".", quotients with "/" (evaluated left to right, so mg/kg/d is
// mg/(kg.d)), a leading "/" ("/min"), integer exponents ("m2", "s-1", "cm3"), integer factors
// ("1", "100"), powers of ten ("10*9", "10^9"), parentheses, and annotations in braces, which
// UCUM defines as the number 1 ("{cells}/uL", "mL/min/{1.73_m2}"). Metric atoms take the SI
// prefixes (Y..y, "u" for micro).
//
// Atoms: g [lb_av] [oz_av]; m [in_i] [ft_i]; L l; s min h d wk mo a; mol eq osm; U kat;
// Gy Sv RAD REM; J cal N W Pa bar m[Hg] m[H2O]; Hz Bq; % [ppth] [ppm]; K Cel [degF].
// Counts are pure numbers, so "10*9/L" has dimension 1/volume.
// Arbitrary units ([IU], [arb'U]) are not convertible and are reported as unknown.
//
// Errors (all name the offending unit string):
//   Code::Unsupported  - an atom not in the table, e.g. "mcg" (with a hint when we recognise a
//                        common non-UCUM spelling: UCUM writes it "ug")
//   Code::InvalidInput - a malformed code ("mg//L", "", "(mg"), an absolute temperature scale
//                        used inside an expression ("Cel/h"), incompatible dimensions
//                        ("mg/dL" to "cm", naming both), a non-positive molar mass.
// Thread-safe: the registry is immutable after construction.

#include "twin/core/Dimension.h"
#include "twin/core/Quantity.h"
#include "twin/core/Result.h"
#include "twin/core/Temperature.h"
#include "twin/core/Unit.h"

#include <QAnyStringView>
#include <QHash>
#include <QString>

namespace twin::core {

class UnitRegistry {
public:
    /// A registry with the atoms listed above.
    UnitRegistry();
    /// The shared instance.
    static const UnitRegistry &ucum();

    Result<Unit> parse(QAnyStringView code) const;

    /// `value` in unit `from` expressed in unit `to`; same dimension required.
    Result<double> convert(double value, QAnyStringView from, QAnyStringView to) const;
    /// As above, and also converts between mass and amount of substance (mg/dL <-> umol/L,
    /// mg <-> mmol, mg/h <-> mmol/h) through the molar mass in g/mol.
    Result<double> convert(double value, QAnyStringView from, QAnyStringView to, double molarMassGPerMol) const;

    /// An absolute temperature read in K, Cel or [degF].
    Result<Temperature> temperature(double value, QAnyStringView code) const;

    /// `value` in unit `code` as the typed quantity Q; an error unless `code` measures Q.
    template <typename Q>
    Result<Q> quantity(double value, QAnyStringView code) const {
        Result<Unit> unit = parseExpecting(code, Q::dimension);
        if (!unit.ok()) return unit.error();
        return Q::fromSI(unit.value().toSI(value));
    }

    /// The number of `code` units in `q` (for export, display); an error unless `code` measures D.
    template <Dimension D>
    Result<double> valueIn(const Quantity<D> &q, QAnyStringView code) const {
        Result<Unit> unit = parseExpecting(code, D);
        if (!unit.ok()) return unit.error();
        return unit.value().fromSI(q.si());
    }

private:
    struct Atom {
        Dimension dimension;
        double factor = 1.0;
        double offset = 0.0;
        bool metric = false;  // takes SI prefixes
    };
    class Parser;  // UCUM expression parser, UnitRegistry.cpp

    /// parse(), then an error unless the unit is a linear unit of `expected`.
    Result<Unit> parseExpecting(QAnyStringView code, Dimension expected) const;
    void add(const QString &symbol, Dimension dimension, double factor, bool metric, double offset = 0.0);

    QHash<QString, Atom> atoms_;
};

}  // namespace twin::core
