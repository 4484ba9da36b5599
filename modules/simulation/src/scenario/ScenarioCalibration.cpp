// ScenarioCalibration: scenario observations -> MAP fit through the Simulator -> bands
// (see ScenarioCalibration.h).

#include "twin/simulation/ScenarioCalibration.h"

#include "twin/simulation/MapEstimator.h"
#include "twin/simulation/PredictionBands.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace twin::simulation {

namespace {

/// Models whose outputs reach `start` through inputs, `start` included (indices in twin.models).
std::set<int> upstreamOf(const ScenarioSimulation &sim, std::set<int> models) {
    bool grew = true;
    while (grew) {
        grew = false;
        for (const int m : std::set<int>(models)) {
            for (const InputSpec &input : sim.models()[std::size_t(m)].metadata->inputs()) {
                const int producer = int(sim.scenario().models.indexOf(input.fromModel));
                if (producer >= 0 && models.insert(producer).second) grew = true;
            }
        }
    }
    return models;
}

/// Linear interpolation of `values` on `t` at `time` (exact on a grid time; held at the ends).
double sampleAt(const std::vector<double> &t, const std::vector<double> &values, double time) {
    const auto it = std::lower_bound(t.begin(), t.end(), time - 1e-9);
    if (it == t.end()) return values.back();
    const std::size_t i = std::size_t(it - t.begin());
    if (std::abs(t[i] - time) <= 1e-9 || i == 0) return values[i];
    const double w = (time - t[i - 1]) / (t[i] - t[i - 1]);
    return values[i - 1] + w * (values[i] - values[i - 1]);
}

}  // namespace

core::Result<ScenarioCalibration> ScenarioCalibration::create(const ScenarioSimulation &simulation,
                                                              const QString &file) {
    ScenarioCalibration c;
    c.simulation_ = &simulation;
    const Scenario &scenario = simulation.scenario();
    for (const ScenarioObservation &o : scenario.observations) {
        Observation obs;
        obs.timeDays = o.day;
        obs.value = o.value;
        obs.outputId = o.output;
        if (o.cv > 0.0) {
            obs.errorModel = ResidualErrorModel::Proportional;
            obs.sigma = CalibrationParameter::omegaFromCv(o.cv);
        } else {
            obs.sigma = o.sigma;
        }
        c.observations_.push_back(obs);
    }
    QStringList keys = scenario.calibrate;
    if (keys.isEmpty()) {
        std::set<int> observed;
        for (const ScenarioObservation &o : scenario.observations)
            observed.insert(int(scenario.models.indexOf(o.output.section(QLatin1Char('.'), 0, 0))));
        if (observed.empty())
            for (int m = 0; m < int(scenario.models.size()); ++m) observed.insert(m);
        for (const int m : upstreamOf(simulation, observed)) {
            for (const ParameterSpec &p : simulation.models()[std::size_t(m)].metadata->parameters()) {
                if (p.calibratable && p.priorCv > 0.0) keys << scenario.models[m] + QLatin1Char('.') + p.id;
            }
        }
    }
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QString field = QStringLiteral("calibrate[%1]").arg(i);
        const core::Result<ParameterRef> ref = simulation.parameterRef(keys[i]);
        if (!ref.ok()) return core::Error::invalidInput(ref.error().what()).inFile(file).atField(field);
        const ParameterSpec &spec = simulation.parameterSpec(ref.value());
        if (!spec.calibratable || !(spec.priorCv > 0.0))
            return core::Error::invalidInput(
                       QStringLiteral("%1 is not calibratable (model.json needs \"calibratable\": true and a priorCv)")
                           .arg(keys[i]))
                .inFile(file)
                .atField(field);
        CalibrationParameter p =
            CalibrationParameter::fromCv(keys[i], simulation.parameterValue(ref.value()), spec.priorCv);
        p.lower = std::max(0.0, spec.min);
        p.upper = spec.max;
        if (!(p.populationValue > 0.0))
            return core::Error::invalidInput(
                       QStringLiteral("%1 = %2 cannot be a lognormal prior median").arg(keys[i]).arg(p.populationValue))
                .inFile(file)
                .atField(field);
        c.parameters_.push_back(p);
        c.refs_.push_back(ref.value());
    }
    return c;
}

PredictFunction ScenarioCalibration::predictFunction() const {
    const ScenarioSimulation *sim = simulation_;
    const std::vector<ParameterRef> refs = refs_;
    return [sim, refs](std::span<const double> theta, std::span<const PredictionPoint> points,
                       std::span<double> predicted) {
        std::vector<ParameterChange> changes;
        for (std::size_t j = 0; j < refs.size(); ++j) changes.push_back({refs[j], theta[j]});
        double last = 0.0;
        for (const PredictionPoint &p : points) last = std::max(last, p.timeDays);
        const double step = sim->scenario().dtDays() * sim->scenario().outputEvery;
        const double horizon = std::min(sim->scenario().horizonDays, (std::floor(last / step + 1e-9) + 1.0) * step);
        const core::Result<SimulationResult> run = sim->run(changes, horizon);
        if (!run.ok() || run.value().t.empty()) return false;
        const SimulationResult &r = run.value();
        const OutputSeries *series = nullptr;
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (!series || series->id != points[i].outputId) series = r.find(points[i].outputId);
            if (!series) return false;
            predicted[i] = sampleAt(r.t, series->values, points[i].timeDays);
            if (!std::isfinite(predicted[i])) return false;
        }
        return true;
    };
}

core::Result<CalibrationResult> ScenarioCalibration::fit(MapEstimatorOptions options) const {
    if (observations_.empty()) options.allowEmptyObservations = true;
    return MapEstimator::fit(parameters_, observations_, predictFunction(), options);
}

std::vector<ParameterChange> ScenarioCalibration::changesAt(const CalibrationResult &result) const {
    std::vector<ParameterChange> changes;
    for (std::size_t j = 0; j < refs_.size() && j < result.estimates.size(); ++j)
        changes.push_back({refs_[j], result.estimates[j]});
    return changes;
}

core::Result<PredictionBandsResult> ScenarioCalibration::bands(const CalibrationResult &result,
                                                               const SimulationResult &grid,
                                                               const QStringList &seriesIds,
                                                               const PredictionBandsOptions &options) const {
    std::vector<PredictionPoint> points;
    points.reserve(grid.t.size() * std::size_t(seriesIds.size()));
    for (const QString &id : seriesIds) {
        for (const double t : grid.t) points.push_back({t, id});
    }
    return PredictionBands::compute(result, points, predictFunction(), options);
}

QStringList ScenarioCalibration::affectedSeries(const SimulationResult &result) const {
    const Scenario &scenario = simulation_->scenario();
    std::set<int> affected;
    for (const ParameterRef &ref : refs_) affected.insert(ref.model);
    bool grew = true;
    while (grew) {
        grew = false;
        for (int m = 0; m < int(scenario.models.size()); ++m) {
            if (affected.count(m)) continue;
            for (const int source : upstreamOf(*simulation_, {m})) {
                if (source != m && affected.count(source)) {
                    affected.insert(m);
                    grew = true;
                    break;
                }
            }
        }
    }
    QStringList ids;
    for (const OutputSeries &s : result.series) {
        if (affected.count(int(scenario.models.indexOf(s.model)))) ids << s.id;
    }
    return ids;
}

}  // namespace twin::simulation
