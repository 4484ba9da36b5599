// Simulator: what a run produced (series, metrics, warnings), and branching (save, restore).

#include "simulator/SimulatorImpl.h"

#include <cmath>

namespace twin::simulation {

namespace {

/// Reduces one recorded column; false when it holds no finite value.
bool reduce(const Recorder &recorder, std::size_t column, MetricReduce how, double &value, double &time) {
    bool found = false;
    for (std::size_t r = 0; r < recorder.rows(); ++r) {
        const double v = recorder.at(r, column);
        if (!std::isfinite(v)) continue;
        const bool better = !found || how == MetricReduce::Last || (how == MetricReduce::Max && v > value) ||
                            (how == MetricReduce::Min && v < value);
        if (better) {
            value = v;
            time = recorder.times()[r];
            found = true;
        }
    }
    return found;
}

}  // namespace

bool Simulator::initialised() const {
    return d_->prepared;
}
double Simulator::timeDays() const {
    return d_->timeDays;
}
std::int64_t Simulator::stepIndex() const {
    return d_->stepIndex;
}
QList<SimulationWarning> Simulator::warnings() const {
    return d_->warnings.all();
}

QStringList Simulator::signalIds() const {
    QStringList ids;
    for (const std::unique_ptr<ModelInstance> &model : d_->models) {
        for (const OutputSpec &output : model->metadata().outputs()) ids << model->id() + QLatin1Char('.') + output.id;
    }
    return ids;
}

std::vector<double> Simulator::currentOutputs() const {
    std::vector<double> values;
    for (const std::unique_ptr<ModelInstance> &model : d_->models) {
        const std::span<const double> out = model->outputs();
        values.insert(values.end(), out.begin(), out.end());
    }
    return values;
}

SimulationResult Simulator::result() const {
    const Impl &d = *d_;
    SimulationResult result;
    result.t = d.recorder.times();
    result.warnings = d.warnings.all();
    if (!d.prepared) return result;
    for (std::size_t m = 0; m < d.models.size(); ++m) {
        const ModelInstance &model = *d.models[m];
        const std::vector<OutputSpec> &outputs = model.metadata().outputs();
        for (std::size_t o = 0; o < outputs.size(); ++o) {
            result.series.push_back({model.id() + QLatin1Char('.') + outputs[o].id, model.id(), outputs[o].id,
                                     outputs[o].unit, d.recorder.series(d.signalOffset[m] + o)});
        }
        if (!model.enabled()) continue;
        for (const MetricSpec &metric : model.metadata().metrics()) {
            if (metric.tableIndex >= 0 && !model.hasTable(metric.tableIndex)) continue;
            double value = 0.0;
            double time = 0.0;
            const std::size_t column = d.signalOffset[m] + static_cast<std::size_t>(metric.outputIndex);
            if (!reduce(d.recorder, column, metric.reduce, value, time)) continue;
            result.metrics.push_back({model.id(), metric.id, metric.scale * value + metric.offset, metric.unit, time});
        }
    }
    return result;
}

EngineState Simulator::saveState() const {
    const Impl &d = *d_;
    EngineState state;
    state.timeDays = d.timeDays;
    state.stepIndex = d.stepIndex;
    state.dtDays = d.options.dtDays;
    for (const std::unique_ptr<ModelInstance> &model : d.models) {
        const std::span<const double> parameters = model->parameters();
        state.models.push_back({model->id(),
                                model->metadata().id(),
                                {parameters.begin(), parameters.end()},
                                model->enabled() ? model->saveState() : std::vector<double>{},
                                model->enabled(),
                                model->faultMessage()});
    }
    state.pendingActions = d.schedule.pending();
    state.warnings = d.warnings.all();
    return state;
}

core::Status Simulator::restoreState(const EngineState &state) {
    Impl &d = *d_;
    if (state.dtDays != d.options.dtDays) {
        return core::Error::invalidInput(
            QStringLiteral("the state was saved with a step of %1 d, this simulator steps %2 d")
                .arg(state.dtDays, 0, 'g', 17)
                .arg(d.options.dtDays, 0, 'g', 17));
    }
    if (state.stepIndex < 0 || state.timeDays != static_cast<double>(state.stepIndex) * state.dtDays) {
        return core::Error::invalidInput(QStringLiteral("the state's time %1 d is not step %2 of its grid")
                                             .arg(state.timeDays)
                                             .arg(state.stepIndex));
    }
    if (state.models.size() != d.models.size()) {
        return core::Error::invalidInput(QStringLiteral("the state holds %1 models, this simulator %2")
                                             .arg(state.models.size())
                                             .arg(d.models.size()));
    }
    for (const ModelState &saved : state.models) {
        ModelInstance *instance = model(saved.instanceId);
        if (!instance || instance->metadata().id() != saved.modelId) {
            return core::Error::invalidInput(QStringLiteral("the state's model %1 (%2) is not in this simulator")
                                                 .arg(saved.instanceId, saved.modelId));
        }
        const core::Status set = instance->setParameters(saved.parameters);
        if (!set.ok()) return set;
    }
    const core::Status ready = d.prepare();
    if (!ready.ok()) return ready;
    d.timeDays = state.timeDays;
    d.stepIndex = state.stepIndex;
    for (const ModelState &saved : state.models) {
        ModelInstance &instance = *model(saved.instanceId);
        if (!saved.enabled) {
            instance.disable(saved.fault);
            continue;
        }
        const core::Status restored = instance.restoreState(saved.state, state.timeDays);
        if (!restored.ok()) {
            d.prepared = false;
            return restored;
        }
    }
    d.schedule.clear();
    for (const sim_api::Action &action : state.pendingActions) d.schedule.add(action);
    d.warnings.replace(state.warnings);
    d.validity.reset(d.models, d.warnings);
    for (const ModelState &saved : state.models)
        d.wasEnabled[static_cast<std::size_t>(d.indexOf(saved.instanceId))] = saved.enabled;
    d.noteDisabledModels();  // a restored model whose outputs are not finite
    d.recordIfOnGrid();
    return {};
}

}  // namespace twin::simulation
