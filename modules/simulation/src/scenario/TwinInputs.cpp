// TwinInputs: source strings (covariate:, organ:, plan:) resolved against the twin's values.

#include "twin/simulation/TwinInputs.h"

#include "twin/simulation/TwinFilledInput.h"

namespace twin::simulation {

std::optional<TwinValue> TwinInputs::value(const QString &source) const {
    const QStringList parts = source.split(QLatin1Char(':'));
    if (parts.size() == 2 && parts[0] == QLatin1String("covariate")) {
        const auto it = covariates.find(parts[1]);
        if (it != covariates.end()) return it->second;
    } else if (parts.size() == 2 && parts[0] == QLatin1String("plan")) {
        if (parts[1] == QLatin1String("prescriptionGy")) return prescriptionGy;
        if (parts[1] == QLatin1String("fractions")) return fractions;
    } else if (parts.size() == 3 && parts[0] == QLatin1String("organ")) {
        const auto it = organs.find(parts[1]);
        if (it == organs.end()) return std::nullopt;
        if (parts[2] == QLatin1String("volumeMl")) return it->second.volumeMl;
        if (parts[2] == QLatin1String("doublingTimeDays")) return it->second.doublingTimeDays;
    }
    return std::nullopt;
}

const sim_api::Table *TwinInputs::table(const QString &source, QString *provenance) const {
    const QStringList parts = source.split(QLatin1Char(':'));
    if (parts.size() != 3 || parts[0] != QLatin1String("organ") || parts[2] != QLatin1String("dvh")) return nullptr;
    const auto it = organs.find(parts[1]);
    if (it == organs.end() || it->second.dvh.empty()) return nullptr;
    if (provenance) *provenance = it->second.dvhProvenance;
    return &it->second.dvh;
}

QString TwinInputs::whyMissing(const QString &source) const {
    const auto it = missing.find(source);
    return it == missing.end() ? QString() : it->second;
}

QString TwinFilledInput::originName(Origin origin) {
    switch (origin) {
        case Origin::Twin:
            return QStringLiteral("twin");
        case Origin::PopulationDefault:
            return QStringLiteral("population default");
        case Origin::ScenarioOverride:
            return QStringLiteral("scenario");
    }
    return {};
}

}  // namespace twin::simulation
