#include "twin/core/Dimension.h"

#include <QStringList>

#include <array>
#include <utility>

namespace twin::core {

QString Dimension::symbol() const {
    const std::array<std::pair<const char *, int>, 5> parts{
        {{"kg", mass}, {"m", length}, {"s", time}, {"mol", amount}, {"K", temperature}}};
    QStringList terms;
    for (const auto &[base, exponent] : parts) {
        if (exponent == 0) continue;
        QString term = QString::fromLatin1(base);
        if (exponent != 1) term += QString::number(exponent);
        terms << term;
    }
    return terms.isEmpty() ? QStringLiteral("1") : terms.join(QLatin1Char('.'));
}

QString Dimension::name() const {
    struct Named {
        Dimension dimension;
        const char *name;
    };
    static constexpr std::array<Named, 19> kNames{{
        {dim::none, "dimensionless"},
        {dim::mass, "mass"},
        {dim::length, "length"},
        {dim::time, "time"},
        {dim::amount, "amount of substance"},
        {dim::temperature, "temperature"},
        {dim::area, "area"},
        {dim::volume, "volume"},
        {dim::rate, "rate"},
        {dim::massConcentration, "mass concentration"},
        {dim::molarConcentration, "molar concentration"},
        {dim::massRate, "mass rate"},
        {dim::volumeRate, "volume rate"},
        {dim::amountRate, "amount rate"},
        {dim::massPerArea, "mass per area"},
        {dim::molarMass, "molar mass"},
        {dim::energy, "energy"},
        {dim::absorbedDose, "absorbed dose"},
        {dim::pressure, "pressure"},
    }};
    for (const Named &named : kNames) {
        if (named.dimension == *this) return QString::fromLatin1(named.name);
    }
    return symbol();
}

}  // namespace twin::core
