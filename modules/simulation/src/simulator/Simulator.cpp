// Simulator: set-up, actions and the step loop (see Simulator.h for the semantics).
// Results, save and restore are in SimulatorResults.cpp.

#include "simulator/SimulatorImpl.h"

#include <cmath>

namespace twin::simulation {

Simulator::Simulator(SimulationOptions options) : d_(std::make_unique<Impl>()) {
    setOptions(options);
}

Simulator::~Simulator() = default;

int Simulator::Impl::indexOf(const QString &instanceId) const {
    for (std::size_t i = 0; i < models.size(); ++i) {
        if (models[i]->id() == instanceId) return static_cast<int>(i);
    }
    return -1;
}

core::Status Simulator::addModel(std::unique_ptr<ModelInstance> model) {
    if (!model) return core::Error::internal(QStringLiteral("no model instance given"));
    if (d_->indexOf(model->id()) >= 0) {
        return core::Error::invalidInput(QStringLiteral("a model instance \"%1\" is already added").arg(model->id()));
    }
    if (d_->models.size() >= 64) return core::Error::unsupported(QStringLiteral("at most 64 model instances"));
    d_->models.push_back(std::move(model));
    d_->prepared = false;
    return {};
}

core::Status Simulator::connect(const QString &consumer, const QString &inputId, const QString &source) {
    const ModelInstance *instance = model(consumer);
    if (!instance) return core::Error::notFound(QStringLiteral("no model instance \"%1\"").arg(consumer));
    if (instance->metadata().inputIndex(inputId) < 0) {
        return core::Error::notFound(QStringLiteral("%1 has no input \"%2\"").arg(consumer, inputId));
    }
    if (!source.contains(QLatin1Char('.'))) {
        return core::Error::invalidInput(QStringLiteral("source \"%1\" is not \"<instance>.<output>\"").arg(source));
    }
    for (Connection &c : d_->connections) {
        if (c.consumer == consumer && c.input == inputId) {
            c.source = source;
            d_->prepared = false;
            return {};
        }
    }
    d_->connections.push_back({consumer, inputId, source});
    d_->prepared = false;
    return {};
}

core::Status Simulator::setParameter(const QString &instanceId, const QString &parameterId, double value) {
    ModelInstance *instance = model(instanceId);
    if (!instance) return core::Error::notFound(QStringLiteral("no model instance \"%1\"").arg(instanceId));
    return instance->setParameter(parameterId, value);
}

core::Status Simulator::setTable(const QString &instanceId, const QString &tableId, sim_api::Table table) {
    ModelInstance *instance = model(instanceId);
    if (!instance) return core::Error::notFound(QStringLiteral("no model instance \"%1\"").arg(instanceId));
    return instance->setTable(tableId, std::move(table));
}

void Simulator::setOptions(const SimulationOptions &options) {
    d_->options = options;
    if (!(d_->options.dtDays > 0.0) || !std::isfinite(d_->options.dtDays)) d_->options.dtDays = 1.0 / 24.0;
    if (d_->options.recordEvery < 1) d_->options.recordEvery = 1;
    d_->prepared = false;
}

const SimulationOptions &Simulator::options() const {
    return d_->options;
}
int Simulator::modelCount() const {
    return static_cast<int>(d_->models.size());
}
ModelInstance &Simulator::modelAt(int index) const {
    return *d_->models[static_cast<std::size_t>(index)];
}

ModelInstance *Simulator::model(const QString &instanceId) const {
    const int index = d_->indexOf(instanceId);
    return index < 0 ? nullptr : d_->models[static_cast<std::size_t>(index)].get();
}

core::Status Simulator::addAction(sim_api::Action action) {
    if (!std::isfinite(action.timeDays) || !std::isfinite(action.amount) || !std::isfinite(action.rate)) {
        return core::Error::invalidInput(
            QStringLiteral("action %1: time, amount and rate must be finite").arg(QString::fromStdString(action.kind)));
    }
    if (d_->prepared && action.timeDays < d_->timeDays) action.timeDays = d_->timeDays;
    d_->schedule.add(std::move(action));
    return {};
}

core::Status Simulator::addActions(const std::vector<sim_api::Action> &actions) {
    for (const sim_api::Action &action : actions) {
        const core::Status added = addAction(action);
        if (!added.ok()) return added;
    }
    return {};
}

std::vector<sim_api::Action> Simulator::pendingActions() const {
    return d_->schedule.pending();
}

core::Status Simulator::Impl::prepare() {
    prepared = false;
    if (models.empty()) return core::Error::invalidInput(QStringLiteral("no model to simulate"));
    warnings.clear();
    core::Result<CouplingPlan> resolved = CouplingPlan::resolve(models, connections, warnings);
    if (!resolved.ok()) return resolved.error();
    plan = std::move(resolved).value();

    inputValues.assign(models.size(), {});
    signalOffset.assign(models.size(), 0);
    signalCount = 0;
    for (std::size_t m = 0; m < models.size(); ++m) {
        inputValues[m].assign(models[m]->metadata().inputs().size(), 0.0);
        signalOffset[m] = signalCount;
        signalCount += models[m]->metadata().outputs().size();
    }
    stepIndex = 0;
    timeDays = 0.0;
    wasEnabled.assign(models.size(), true);
    for (const std::unique_ptr<ModelInstance> &model : models) model->initialise();
    validity.reset(models, warnings);
    validity.checkParameters(models, 0.0, warnings);
    noteDisabledModels();

    const double rows = std::floor(options.horizonDays / options.dtDays / options.recordEvery) + 2.0;
    recorder.reset(signalCount, rows > 0.0 && rows < 1e8 ? static_cast<std::size_t>(rows) : 1);
    prepared = true;
    return {};
}

core::Status Simulator::initialise() {
    const core::Status ready = d_->prepare();
    if (!ready.ok()) return ready;
    d_->schedule.rewind();
    d_->applyDueActions();
    d_->checkOutputs();
    d_->record();
    return {};
}

std::int64_t Simulator::Impl::gridIndexAt(double t) const {
    return static_cast<std::int64_t>(std::floor((t + kTimeTolerance) / options.dtDays));
}

core::Status Simulator::advanceTo(double timeDays) {
    Impl &d = *d_;
    if (!d.prepared) return core::Error::internal(QStringLiteral("advanceTo() before initialise() or restoreState()"));
    if (!std::isfinite(timeDays)) return core::Error::invalidInput(QStringLiteral("the end time must be finite"));
    const std::int64_t target = d.gridIndexAt(timeDays);
    const double dt = d.options.dtDays;
    while (d.stepIndex < target) {
        d.applyDueActions();  // added since the last boundary
        const double tNext = static_cast<double>(d.stepIndex + 1) * dt;
        while (!d.schedule.empty() && d.schedule.nextTime() < tNext - kTimeTolerance) {
            const double tAction = d.schedule.nextTime();
            d.stepAll(tAction - d.timeDays, tAction);
            d.applyDueActions();
        }
        d.stepAll(tNext - d.timeDays, tNext);
        ++d.stepIndex;
        d.applyDueActions();
        d.recordIfOnGrid();
    }
    return {};
}

core::Status Simulator::applyDueActions() {
    if (!d_->prepared) return core::Error::internal(QStringLiteral("applyDueActions() before initialise()"));
    d_->applyDueActions();
    return {};
}

core::Result<SimulationResult> Simulator::run() {
    core::Status status = initialise();
    if (status.ok()) status = advanceTo(d_->options.horizonDays);
    if (!status.ok()) return status.error();
    return result();
}

void Simulator::Impl::stepAll(double dt, double tAfter) {
    for (const int m : plan.order) {
        const std::vector<InputSource> &sources = plan.inputs[static_cast<std::size_t>(m)];
        std::vector<double> &values = inputValues[static_cast<std::size_t>(m)];
        for (std::size_t j = 0; j < sources.size(); ++j) {
            const InputSource &s = sources[j];
            const ModelInstance *producer =
                s.producer < 0 ? nullptr : models[static_cast<std::size_t>(s.producer)].get();
            values[j] = producer && producer->enabled()
                            ? s.mapping.apply(producer->outputs()[static_cast<std::size_t>(s.output)])
                            : s.fallback;
        }
        ModelInstance &model = *models[static_cast<std::size_t>(m)];
        model.setInputs(values);
        if (!values.empty() && model.enabled()) validity.checkInputs(m, values, timeDays, warnings);
    }
    for (const int m : plan.order) models[static_cast<std::size_t>(m)]->step(dt, tAfter);
    timeDays = tAfter;
    noteDisabledModels();
    checkOutputs();
}

void Simulator::Impl::checkOutputs() {
    for (std::size_t m = 0; m < models.size(); ++m) {
        if (models[m]->enabled()) validity.checkOutputs(static_cast<int>(m), models[m]->outputs(), timeDays, warnings);
    }
}

void Simulator::Impl::noteDisabledModels() {
    for (std::size_t m = 0; m < models.size(); ++m) {
        if (wasEnabled[m] && !models[m]->enabled()) {
            wasEnabled[m] = false;
            warnings.add({SimulationWarning::Kind::ModelDisabled, timeDays, models[m]->id(), QStringLiteral("model"),
                          models[m]->faultMessage() + QStringLiteral("; inputs fed by it take their defaults")});
        }
    }
}

void Simulator::Impl::applyDueActions() {
    bool applied = false;
    while (!schedule.empty() && schedule.nextTime() <= timeDays + kTimeTolerance) {
        route(schedule.next());
        schedule.pop();
        applied = true;
    }
    if (applied) {
        noteDisabledModels();
        checkOutputs();
        if (recorder.rows() > 0 && recorder.times().back() == timeDays) fill(recorder.last());
    }
}

void Simulator::Impl::route(const sim_api::Action &action) {
    const QString target = QString::fromStdString(action.target);
    const QString subject = QStringLiteral("action:%1").arg(QString::fromStdString(action.kind));
    const bool byInstance = !target.isEmpty() && indexOf(target) >= 0;
    bool reached = false;
    for (std::size_t m = 0; m < models.size(); ++m) {
        ModelInstance &model = *models[m];
        const bool accepts = model.metadata().acceptsAction(action.kind);
        const bool addressed =
            target.isEmpty() ? accepts : (byInstance ? model.id() == target : model.metadata().id() == target);
        if (!addressed) continue;
        reached = true;
        if (!accepts || !model.enabled()) {
            warnings.add(
                {SimulationWarning::Kind::ActionNotTaken, timeDays, model.id(), subject,
                 QStringLiteral("%1 %2 action %3 at t = %4 d; it was not applied")
                     .arg(model.id(),
                          accepts ? QStringLiteral("is disabled and cannot take") : QStringLiteral("does not accept"),
                          QString::fromStdString(action.kind))
                     .arg(timeDays, 0, 'g', 10)});
            continue;
        }
        validity.checkAction(static_cast<int>(m), action, timeDays, warnings);
        bool taken = false;
        if (!action.target.empty() && QString::fromStdString(action.target) != model.metadata().id()) {
            // Addressed by instance id: the model sees its own model id as the target (Action.h).
            sim_api::Action addressed = action;
            addressed.target = model.metadata().id().toStdString();
            taken = model.apply(addressed, timeDays);
        } else {
            taken = model.apply(action, timeDays);
        }
        if (!taken && model.enabled()) {
            warnings.add({SimulationWarning::Kind::ActionNotTaken, timeDays, model.id(), subject,
                          QStringLiteral("%1 declined action %2 at t = %3 d")
                              .arg(model.id(), QString::fromStdString(action.kind))
                              .arg(timeDays, 0, 'g', 10)});
        }
    }
    if (!reached) {
        warnings.add({SimulationWarning::Kind::ActionNotTaken, timeDays, target, subject,
                      target.isEmpty() ? QStringLiteral("no model accepts action %1 (first at t = %2 d); it was not "
                                                        "applied")
                                             .arg(QString::fromStdString(action.kind))
                                             .arg(timeDays, 0, 'g', 10)
                                       : QStringLiteral("action %1 at t = %2 d is for \"%3\", which is not loaded")
                                             .arg(QString::fromStdString(action.kind))
                                             .arg(timeDays, 0, 'g', 10)
                                             .arg(target)});
    }
}

void Simulator::Impl::record() {
    fill(recorder.append(timeDays));
}

void Simulator::Impl::fill(std::span<double> row) const {
    for (std::size_t m = 0; m < models.size(); ++m) {
        const std::span<const double> out = models[m]->outputs();
        std::copy(out.begin(), out.end(), row.begin() + static_cast<std::ptrdiff_t>(signalOffset[m]));
    }
}

}  // namespace twin::simulation
