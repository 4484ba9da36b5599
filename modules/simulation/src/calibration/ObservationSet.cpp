// ObservationSet: checks observations before a fit, so that a bad record entry is named rather
// than turning into a NaN objective.

#include "twin/simulation/ObservationSet.h"

#include <cmath>

namespace twin::simulation {

namespace {
QString describe(qsizetype index, const Observation &observation) {
    return QStringLiteral("observation %1 (%2 at day %3)")
        .arg(index)
        .arg(observation.outputId.isEmpty() ? QStringLiteral("unnamed output") : observation.outputId)
        .arg(observation.timeDays, 0, 'g', 6);
}
}  // namespace

core::Status ObservationSet::validate(std::span<const Observation> observations) {
    for (size_t i = 0; i < observations.size(); ++i) {
        const Observation &o = observations[i];
        const QString field = describe(qsizetype(i), o);
        if (!std::isfinite(o.timeDays))
            return core::Error::invalidInput(QStringLiteral("time is not finite")).atField(field);
        if (!std::isfinite(o.value))
            return core::Error::invalidInput(QStringLiteral("value is not finite")).atField(field);
        if (!(o.sigma > 0.0) || !std::isfinite(o.sigma)) {
            return core::Error::invalidInput(
                       QStringLiteral("residual SD sigma must be positive and finite, got %1").arg(o.sigma))
                .atField(field);
        }
        if (o.errorModel == ResidualErrorModel::Proportional && !(o.value > 0.0)) {
            return core::Error::invalidInput(
                       QStringLiteral("proportional (log-scale) error needs a positive value, got %1").arg(o.value))
                .atField(field);
        }
    }
    return {};
}

std::vector<PredictionPoint> ObservationSet::points(std::span<const Observation> observations) {
    std::vector<PredictionPoint> points;
    points.reserve(observations.size());
    for (const Observation &o : observations) points.push_back(o.point());
    return points;
}

}  // namespace twin::simulation
