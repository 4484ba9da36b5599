#include "twin/core/UnitRegistry.h"

#include <array>
#include <cmath>

namespace twin::core {

namespace {

struct Prefix {
    const char *symbol;
    double factor;
};
// "da" before "d": the longest prefix is tried first. UCUM writes micro as "u".
constexpr std::array<Prefix, 20> kPrefixes{{
    {"da", 1e1}, {"Y", 1e24},  {"Z", 1e21},  {"E", 1e18},  {"P", 1e15},  {"T", 1e12},  {"G", 1e9},
    {"M", 1e6},  {"k", 1e3},   {"h", 1e2},   {"d", 1e-1},  {"c", 1e-2},  {"m", 1e-3},  {"u", 1e-6},
    {"n", 1e-9}, {"p", 1e-12}, {"f", 1e-15}, {"a", 1e-18}, {"z", 1e-21}, {"y", 1e-24},
}};

struct Hint {
    const char *written;
    const char *ucum;
};
// Common non-UCUM spellings in clinical data. We name the UCUM code but never guess: the
// importer must fix its mapping, because a wrong guess would silently corrupt a dose.
constexpr std::array<Hint, 19> kHints{{
    {"lb", "[lb_av]"}, {"lbs", "[lb_av]"}, {"oz", "[oz_av]"},  {"in", "[in_i]"}, {"ft", "[ft_i]"},
    {"mcg", "ug"},     {"µg", "ug"},       {"μg", "ug"},       {"hr", "h"},      {"hrs", "h"},
    {"sec", "s"},      {"mmHg", "mm[Hg]"}, {"degF", "[degF]"}, {"°F", "[degF]"}, {"F", "[degF]"},
    {"degC", "Cel"},   {"°C", "Cel"},      {"C", "Cel"},       {"mEq", "meq"},
}};

QString hintFor(const QString &symbol) {
    for (const Hint &hint : kHints) {
        if (symbol == QString::fromUtf8(hint.written)) {
            return QStringLiteral(" (UCUM writes it \"%1\")").arg(QString::fromUtf8(hint.ucum));
        }
    }
    return {};
}

QString quoted(const QString &text) {
    return QLatin1Char('"') + text + QLatin1Char('"');
}

}  // namespace

// Recursive-descent parser over one code. Grammar (UCUM §2, "c/s" syntax):
//   main      := '/'? component (('.' | '/') component)*      left to right
//   component := '(' term ')' annotation? | annotation | factor annotation?
//              | symbol exponent? annotation?
//   term      := component (('.' | '/') component)*
//   factor    := digits | "10" ('*' | '^') exponent
//   exponent  := ('+' | '-')? digits
class UnitRegistry::Parser {
public:
    Parser(const UnitRegistry &registry, QString code) : registry_(registry), code_(std::move(code)) {}

    Result<Unit> parse() {
        if (code_.isEmpty()) return Error::invalidInput(QStringLiteral("empty unit code"));
        Result<Term> term = parseTerm(true);
        if (!term.ok()) return term.error();
        if (!atEnd()) return malformed(QStringLiteral("unexpected '%1'").arg(peek()));
        const Term &t = term.value();
        if (!std::isfinite(t.factor) || t.factor <= 0.0) {
            return malformed(QStringLiteral("scale factor out of range"));
        }
        return Unit(code_, t.dimension, t.factor, t.offset);
    }

private:
    struct Term {
        Dimension dimension;
        double factor = 1.0;
        double offset = 0.0;
        QString affineSymbol;  // set for Cel, [degF]: may not be combined or raised to a power
    };

    bool atEnd() const { return pos_ >= code_.size(); }
    QChar peek() const { return atEnd() ? QChar() : code_.at(pos_); }

    Error malformed(const QString &why) const {
        return Error::invalidInput(
            QStringLiteral("malformed unit %1: %2 at position %3").arg(quoted(code_), why).arg(pos_ + 1));
    }
    Error affineMisuse(const QString &symbol) const {
        return Error::invalidInput(QStringLiteral("unit %1: %2 is an absolute temperature scale and cannot be combined "
                                                  "with other units or raised to a power")
                                       .arg(quoted(code_), quoted(symbol)));
    }

    Result<Term> parseTerm(bool allowLeadingSlash) {
        Term accumulated;
        bool divide = false;
        bool first = true;
        if (allowLeadingSlash && peek() == QLatin1Char('/')) {
            divide = true;
            first = false;  // "/h" is 1/h
            ++pos_;
        }
        for (;;) {
            Result<Term> next = parseComponent();
            if (!next.ok()) return next.error();
            if (first) {
                accumulated = next.value();
                first = false;
            } else {
                Result<Term> combined = combine(accumulated, next.value(), divide);
                if (!combined.ok()) return combined.error();
                accumulated = combined.value();
            }
            if (peek() != QLatin1Char('.') && peek() != QLatin1Char('/')) return accumulated;
            divide = peek() == QLatin1Char('/');
            ++pos_;
        }
    }

    Result<Term> combine(const Term &a, const Term &b, bool divide) const {
        for (const Term *t : {&a, &b}) {
            if (!t->affineSymbol.isEmpty()) return affineMisuse(t->affineSymbol);
        }
        Term result;
        result.dimension = divide ? a.dimension / b.dimension : a.dimension * b.dimension;
        result.factor = divide ? a.factor / b.factor : a.factor * b.factor;
        return result;
    }

    Result<Term> parseComponent() {
        if (atEnd()) return malformed(QStringLiteral("expected a unit"));
        const QChar c = peek();
        if (c == QLatin1Char('(')) {
            ++pos_;
            Result<Term> inner = parseTerm(false);
            if (!inner.ok()) return inner;
            if (peek() != QLatin1Char(')')) return malformed(QStringLiteral("expected ')'"));
            ++pos_;
            return withAnnotation(inner.value());
        }
        if (c == QLatin1Char('{')) return withAnnotation(Term{});  // an annotation alone is 1
        if (c.isDigit()) return parseFactor();
        return parseSymbol();
    }

    Result<Term> withAnnotation(Term term) {
        if (peek() != QLatin1Char('{')) return term;
        const qsizetype close = code_.indexOf(QLatin1Char('}'), pos_);
        if (close < 0) return malformed(QStringLiteral("unterminated annotation"));
        const qsizetype nested = code_.indexOf(QLatin1Char('{'), pos_ + 1);
        if (nested >= 0 && nested < close) return malformed(QStringLiteral("nested '{'"));
        pos_ = close + 1;
        return term;
    }

    Result<Term> parseFactor() {
        const qsizetype start = pos_;
        while (!atEnd() && peek().isDigit()) ++pos_;
        const QString digits = code_.mid(start, pos_ - start);
        Term term;
        if (digits == QLatin1String("10") && (peek() == QLatin1Char('*') || peek() == QLatin1Char('^'))) {
            ++pos_;
            Result<int> exponent = parseExponent();
            if (!exponent.ok()) return exponent.error();
            term.factor = std::pow(10.0, exponent.value());
        } else {
            term.factor = digits.toDouble();
            if (term.factor <= 0.0) return malformed(QStringLiteral("factor must be positive"));
        }
        return withAnnotation(term);
    }

    bool exponentFollows() const {
        if (atEnd()) return false;
        if (peek().isDigit()) return true;
        return (peek() == QLatin1Char('+') || peek() == QLatin1Char('-')) && pos_ + 1 < code_.size() &&
               code_.at(pos_ + 1).isDigit();
    }

    Result<int> parseExponent() {
        int sign = 1;
        if (peek() == QLatin1Char('+') || peek() == QLatin1Char('-')) {
            sign = peek() == QLatin1Char('-') ? -1 : 1;
            ++pos_;
        }
        const qsizetype start = pos_;
        while (!atEnd() && peek().isDigit()) ++pos_;
        if (pos_ == start) return malformed(QStringLiteral("expected an exponent"));
        if (pos_ - start > 3) return malformed(QStringLiteral("exponent too large"));
        return sign * code_.mid(start, pos_ - start).toInt();
    }

    static bool endsSymbol(QChar c) { return c.isDigit() || c.isSpace() || QStringLiteral("./(){}+-*^").contains(c); }

    Result<Term> parseSymbol() {
        const qsizetype start = pos_;
        while (!atEnd() && !endsSymbol(peek())) {
            if (peek() == QLatin1Char('[')) {
                const qsizetype close = code_.indexOf(QLatin1Char(']'), pos_);
                if (close < 0) return malformed(QStringLiteral("unterminated '['"));
                pos_ = close + 1;
            } else {
                ++pos_;
            }
        }
        if (pos_ == start) return malformed(QStringLiteral("unexpected '%1'").arg(peek()));
        Result<Term> atom = lookup(code_.mid(start, pos_ - start));
        if (!atom.ok()) return atom;
        Term term = atom.value();
        if (exponentFollows()) {
            Result<int> exponent = parseExponent();
            if (!exponent.ok()) return exponent.error();
            if (exponent.value() != 1) {
                if (!term.affineSymbol.isEmpty()) return affineMisuse(term.affineSymbol);
                term.dimension = term.dimension.pow(exponent.value());
                term.factor = std::pow(term.factor, exponent.value());
            }
        }
        return withAnnotation(term);
    }

    Result<Term> lookup(const QString &symbol) const {
        const auto &atoms = registry_.atoms_;
        if (const auto it = atoms.constFind(symbol); it != atoms.cend()) {
            Term term{it->dimension, it->factor, it->offset, {}};
            if (it->offset != 0.0) term.affineSymbol = symbol;
            return term;
        }
        for (const Prefix &prefix : kPrefixes) {
            const QLatin1String p(prefix.symbol);
            if (symbol.size() <= p.size() || !symbol.startsWith(p)) continue;
            const auto it = atoms.constFind(symbol.mid(p.size()));
            if (it != atoms.cend() && it->metric) {
                return Term{it->dimension, prefix.factor * it->factor, 0.0, {}};
            }
        }
        const QString where = symbol == code_ ? QString() : QStringLiteral(" in %1").arg(quoted(code_));
        return Error::unsupported(QStringLiteral("unknown unit %1%2%3").arg(quoted(symbol), where, hintFor(symbol)));
    }

    const UnitRegistry &registry_;
    QString code_;
    qsizetype pos_ = 0;
};

UnitRegistry::UnitRegistry() {
    constexpr bool metric = true;
    constexpr bool plain = false;
    const double lb = 0.45359237;  // exact, by the 1959 international yard and pound agreement
    const double inch = 0.0254;    // exact, ditto

    // Pure numbers
    add(QStringLiteral("%"), dim::none, 1e-2, plain);
    add(QStringLiteral("[ppth]"), dim::none, 1e-3, plain);
    add(QStringLiteral("[ppm]"), dim::none, 1e-6, plain);
    // Mass: SI base is the kilogram, UCUM's base atom is the gram
    add(QStringLiteral("g"), dim::mass, 1e-3, metric);
    add(QStringLiteral("[lb_av]"), dim::mass, lb, plain);
    add(QStringLiteral("[oz_av]"), dim::mass, lb / 16.0, plain);
    // Length
    add(QStringLiteral("m"), dim::length, 1.0, metric);
    add(QStringLiteral("[in_i]"), dim::length, inch, plain);
    add(QStringLiteral("[ft_i]"), dim::length, 12.0 * inch, plain);
    // Volume
    add(QStringLiteral("L"), dim::volume, 1e-3, metric);
    add(QStringLiteral("l"), dim::volume, 1e-3, metric);
    // Time (mo and a are the mean Julian month and year, as in UCUM)
    add(QStringLiteral("s"), dim::time, 1.0, metric);
    add(QStringLiteral("min"), dim::time, 60.0, plain);
    add(QStringLiteral("h"), dim::time, 3600.0, plain);
    add(QStringLiteral("d"), dim::time, 86400.0, plain);
    add(QStringLiteral("wk"), dim::time, 7.0 * 86400.0, plain);
    add(QStringLiteral("mo"), dim::time, 30.4375 * 86400.0, plain);
    add(QStringLiteral("a"), dim::time, 365.25 * 86400.0, plain);
    // Amount of substance; equivalents and osmoles count as moles (valence 1)
    add(QStringLiteral("mol"), dim::amount, 1.0, metric);
    add(QStringLiteral("eq"), dim::amount, 1.0, metric);
    add(QStringLiteral("osm"), dim::amount, 1.0, metric);
    // Catalytic activity: U = umol/min (enzymes: ALT, AST, ALP), kat = mol/s
    add(QStringLiteral("U"), dim::amountRate, 1e-6 / 60.0, metric);
    add(QStringLiteral("kat"), dim::amountRate, 1.0, metric);
    // Absorbed and equivalent dose: Gy = Sv = J/kg; RAD = REM = 0.01 of those
    add(QStringLiteral("Gy"), dim::absorbedDose, 1.0, metric);
    add(QStringLiteral("Sv"), dim::absorbedDose, 1.0, metric);
    add(QStringLiteral("RAD"), dim::absorbedDose, 1e-2, metric);
    add(QStringLiteral("REM"), dim::absorbedDose, 1e-2, metric);
    // Mechanics
    add(QStringLiteral("J"), dim::energy, 1.0, metric);
    add(QStringLiteral("cal"), dim::energy, 4.184, metric);  // thermochemical calorie
    add(QStringLiteral("N"), dim::mass * dim::length / (dim::time * dim::time), 1.0, metric);
    add(QStringLiteral("W"), dim::energy / dim::time, 1.0, metric);
    add(QStringLiteral("Pa"), dim::pressure, 1.0, metric);
    add(QStringLiteral("bar"), dim::pressure, 1e5, metric);
    add(QStringLiteral("m[Hg]"), dim::pressure, 133.3220e3, metric);  // UCUM: 133.3220 kPa
    add(QStringLiteral("m[H2O]"), dim::pressure, 9.80665e3, metric);  // UCUM: 980665e-5 kPa
    // Frequency and activity
    add(QStringLiteral("Hz"), dim::rate, 1.0, metric);
    add(QStringLiteral("Bq"), dim::rate, 1.0, metric);
    // Temperature: K is linear; Cel and [degF] are absolute scales with an offset
    add(QStringLiteral("K"), dim::temperature, 1.0, metric);
    add(QStringLiteral("Cel"), dim::temperature, 1.0, plain, Temperature::kCelsiusZeroInKelvin);
    add(QStringLiteral("[degF]"), dim::temperature, 5.0 / 9.0, plain, -Temperature::kAbsoluteZeroInFahrenheit);
}

const UnitRegistry &UnitRegistry::ucum() {
    static const UnitRegistry registry;
    return registry;
}

void UnitRegistry::add(const QString &symbol, Dimension dimension, double factor, bool metric, double offset) {
    atoms_.insert(symbol, Atom{dimension, factor, offset, metric});
}

Result<Unit> UnitRegistry::parse(QAnyStringView code) const {
    return Parser(*this, code.toString().trimmed()).parse();
}

Result<double> UnitRegistry::convert(double value, QAnyStringView from, QAnyStringView to) const {
    Result<Unit> source = parse(from);
    if (!source.ok()) return source.error();
    Result<Unit> target = parse(to);
    if (!target.ok()) return target.error();
    Result<double> converted = source.value().convert(value, target.value());
    const Dimension gap = source.value().dimension() / target.value().dimension();
    if (!converted.ok() && (gap == dim::molarMass || gap == dim::none / dim::molarMass)) {
        return Error::invalidInput(converted.error().what() + QStringLiteral(" without a molar mass"));
    }
    return converted;
}

Result<double> UnitRegistry::convert(double value, QAnyStringView from, QAnyStringView to,
                                     double molarMassGPerMol) const {
    Result<Unit> source = parse(from);
    if (!source.ok()) return source.error();
    Result<Unit> target = parse(to);
    if (!target.ok()) return target.error();
    const Unit &s = source.value();
    const Unit &t = target.value();
    if (s.isCompatibleWith(t)) return s.convert(value, t);

    const Dimension gap = s.dimension() / t.dimension();
    const bool massToAmount = gap == dim::molarMass;
    const bool amountToMass = gap == dim::none / dim::molarMass;
    if (!massToAmount && !amountToMass) return s.convert(value, t);  // the incompatibility error
    if (!std::isfinite(molarMassGPerMol) || molarMassGPerMol <= 0.0) {
        return Error::invalidInput(QStringLiteral("cannot convert %1 to %2: molar mass must be a positive number of "
                                                  "g/mol, got %3")
                                       .arg(quoted(s.code()), quoted(t.code()))
                                       .arg(molarMassGPerMol));
    }
    const double kgPerMol = molarMassGPerMol * 1e-3;
    const double si = s.toSI(value);
    return t.fromSI(massToAmount ? si / kgPerMol : si * kgPerMol);
}

Result<Temperature> UnitRegistry::temperature(double value, QAnyStringView code) const {
    Result<Unit> unit = parse(code);
    if (!unit.ok()) return unit.error();
    const Unit &u = unit.value();
    if (u.dimension() != dim::temperature) {
        return Error::invalidInput(
            QStringLiteral("unit %1 measures %2, expected temperature").arg(quoted(u.code()), u.dimension().name()));
    }
    const double kelvin = u.toSI(value);
    if (!(kelvin >= 0.0)) {
        return Error::invalidInput(QStringLiteral("%1 %2 is below absolute zero").arg(value).arg(u.code()));
    }
    return Temperature::fromKelvin(kelvin);
}

Result<Unit> UnitRegistry::parseExpecting(QAnyStringView code, Dimension expected) const {
    Result<Unit> unit = parse(code);
    if (!unit.ok()) return unit;
    const Unit &u = unit.value();
    if (u.dimension() != expected) {
        return Error::invalidInput(QStringLiteral("unit %1 measures %2, expected %3")
                                       .arg(quoted(u.code()), u.dimension().name(), expected.name()));
    }
    if (u.isAffine()) {
        return Error::invalidInput(QStringLiteral("unit %1 is an absolute temperature scale, not a quantity; read it "
                                                  "with UnitRegistry::temperature()")
                                       .arg(quoted(u.code())));
    }
    return unit;
}

}  // namespace twin::core
