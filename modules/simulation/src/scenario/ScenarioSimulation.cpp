// ScenarioSimulation: scenario + plugins + twin -> parameters, tables, actions; fresh
// simulators on demand (see ScenarioSimulation.h).

#include "twin/simulation/ScenarioSimulation.h"

#include "twin/simulation/ModelInstance.h"
#include "twin/simulation/TwinInputsBinder.h"

#include <cmath>

namespace twin::simulation {

namespace {

core::Error fieldError(const QString &file, const QString &field, const QString &what) {
    return core::Error::invalidInput(what).inFile(file).atField(field);
}

}  // namespace

core::Result<ScenarioSimulation> ScenarioSimulation::create(const Scenario &scenario, const PluginLoadResult &plugins,
                                                            const TwinInputs &inputs, const QString &file) {
    ScenarioSimulation s;
    s.scenario_ = scenario;
    s.inputs_ = inputs;
    for (qsizetype i = 0; i < scenario.models.size(); ++i) {
        const LoadedModel *loaded = plugins.find(scenario.models[i]);
        if (!loaded) {
            QString why = QStringLiteral("no model plugin \"%1\" is loaded").arg(scenario.models[i]);
            if (!plugins.scannedDirectories.isEmpty())
                why += QStringLiteral(" (searched %1)").arg(plugins.scannedDirectories.join(QStringLiteral(", ")));
            return fieldError(file, QStringLiteral("twin.models[%1]").arg(i), why);
        }
        s.models_.push_back(*loaded);
        const ModelMetadata &meta = *loaded->metadata;
        std::vector<double> values = meta.defaultParameters();
        std::vector<std::pair<QString, sim_api::Table>> tables;
        for (TwinFilledInput &entry : TwinInputsBinder::bind(meta, scenario.models[i], inputs)) {
            if (entry.isTable) {
                if (const sim_api::Table *table = inputs.table(entry.source)) tables.emplace_back(entry.target, *table);
            } else {
                values[std::size_t(meta.parameterIndex(entry.target))] = entry.value;
            }
            s.filled_.push_back(std::move(entry));
        }
        s.parameters_.push_back(std::move(values));
        s.tables_.push_back(std::move(tables));
    }
    for (const ScenarioParameterOverride &o : scenario.parameters) {
        const QString field = QStringLiteral("twin.parameters.%1").arg(o.key());
        const core::Result<ParameterRef> ref = s.parameterRef(o.key());
        if (!ref.ok()) return fieldError(file, field, ref.error().what());
        const ParameterSpec &spec = s.parameterSpec(ref.value());
        if (spec.kind == ParameterKind::Integer && o.value != std::floor(o.value))
            return fieldError(file, field, QStringLiteral("%1 is an integer parameter").arg(o.key()));
        s.parameters_[std::size_t(ref.value().model)][std::size_t(ref.value().parameter)] = o.value;
        TwinFilledInput entry;
        entry.model = o.model;
        entry.target = o.parameter;
        entry.source = spec.source;
        entry.origin = TwinFilledInput::Origin::ScenarioOverride;
        entry.value = o.value;
        entry.unit = spec.unit;
        entry.provenance = QStringLiteral("scenario %1").arg(field);
        bool replaced = false;
        for (TwinFilledInput &f : s.filled_) {
            if (!f.isTable && f.model == o.model && f.target == o.parameter) {
                entry.note =
                    QStringLiteral("replaces the %1 value %2").arg(TwinFilledInput::originName(f.origin)).arg(f.value);
                f = entry;
                replaced = true;
            }
        }
        if (!replaced) s.filled_.push_back(entry);
    }
    for (std::size_t i = 0; i < scenario.observations.size(); ++i) {
        const QString &output = scenario.observations[i].output;
        const qsizetype dot = output.indexOf(QLatin1Char('.'));
        const int m = int(scenario.models.indexOf(output.left(dot)));
        if (m < 0 || s.models_[std::size_t(m)].metadata->outputIndex(output.mid(dot + 1)) < 0)
            return fieldError(
                file, QStringLiteral("observations[%1].output").arg(i),
                QStringLiteral("model %1 has no output \"%2\"").arg(output.left(dot), output.mid(dot + 1)));
    }
    const core::Status bsa = s.bindBsa(file);
    if (!bsa.ok()) return bsa.error();
    s.actions_ = scenario.actions(s.bsaM2_);
    return s;
}

core::Status ScenarioSimulation::bindBsa(const QString &file) {
    for (std::size_t i = 0; i < scenario_.interventions.size(); ++i) {
        const auto *drug = std::get_if<DosingRegimen>(&scenario_.interventions[i]);
        if (!drug || drug->doseUnit != DoseUnit::MgPerM2) continue;
        const core::Result<ParameterRef> ref = parameterRef(drug->model + QStringLiteral(".bsa_m2"));
        if (ref.ok()) {
            bsaM2_ = parameterValue(ref.value());
            for (const TwinFilledInput &f : filled_) {
                if (!f.isTable && f.model == drug->model && f.target == QLatin1String("bsa_m2"))
                    bsaProvenance_ = QStringLiteral("%1.bsa_m2 (%2): %3")
                                         .arg(drug->model, TwinFilledInput::originName(f.origin), f.provenance);
            }
            if (bsaProvenance_.isEmpty()) bsaProvenance_ = QStringLiteral("%1.bsa_m2 default").arg(drug->model);
        } else if (const std::optional<TwinValue> bsa = inputs_.value(QStringLiteral("covariate:bsa_m2"))) {
            bsaM2_ = bsa->value;
            bsaProvenance_ = QStringLiteral("twin covariate bsa_m2: %1").arg(bsa->provenance);
        } else {
            return fieldError(file, QStringLiteral("interventions[%1].doseUnit").arg(i),
                              QStringLiteral("a dose in mg/m2 needs the BSA: model %1 has no bsa_m2 parameter and the "
                                             "twin no covariate bsa_m2")
                                  .arg(drug->model));
        }
        if (!(bsaM2_ > 0.0))
            return fieldError(file, QStringLiteral("interventions[%1].doseUnit").arg(i),
                              QStringLiteral("the BSA is not positive (%1 m2)").arg(bsaM2_));
        return {};
    }
    return {};
}

core::Result<ParameterRef> ScenarioSimulation::parameterRef(const QString &key) const {
    const qsizetype dot = key.indexOf(QLatin1Char('.'));
    const int m = dot > 0 ? int(scenario_.models.indexOf(key.left(dot))) : -1;
    if (m < 0) return core::Error::notFound(QStringLiteral("\"%1\" names no model of the scenario").arg(key));
    const int p = models_[std::size_t(m)].metadata->parameterIndex(key.mid(dot + 1));
    if (p < 0)
        return core::Error::notFound(
            QStringLiteral("model %1 has no parameter \"%2\"").arg(key.left(dot), key.mid(dot + 1)));
    return ParameterRef{m, p};
}

const ParameterSpec &ScenarioSimulation::parameterSpec(const ParameterRef &ref) const {
    return models_[std::size_t(ref.model)].metadata->parameters()[std::size_t(ref.parameter)];
}

double ScenarioSimulation::parameterValue(const ParameterRef &ref) const {
    return parameters_[std::size_t(ref.model)][std::size_t(ref.parameter)];
}

core::Result<std::unique_ptr<Simulator>> ScenarioSimulation::makeSimulator(std::span<const ParameterChange> changes,
                                                                           double horizonDays) const {
    SimulationOptions options;
    options.dtDays = scenario_.dtDays();
    options.recordEvery = scenario_.outputEvery;
    options.horizonDays = horizonDays > 0.0 ? horizonDays : scenario_.horizonDays;
    auto simulator = std::make_unique<Simulator>(options);
    for (std::size_t m = 0; m < models_.size(); ++m) {
        core::Result<std::unique_ptr<ModelInstance>> instance =
            ModelInstance::create(models_[m], scenario_.models[qsizetype(m)]);
        if (!instance.ok()) return instance.error();
        std::vector<double> values = parameters_[m];
        for (const ParameterChange &c : changes) {
            if (c.ref.model == int(m)) values[std::size_t(c.ref.parameter)] = c.value;
        }
        core::Status status = instance.value()->setParameters(values);
        for (const auto &[id, table] : tables_[m]) {
            if (status.ok()) status = instance.value()->setTable(id, table);
        }
        if (status.ok()) status = simulator->addModel(std::move(instance).value());
        if (!status.ok()) return status.error();
    }
    const core::Status added = simulator->addActions(actions_);
    if (!added.ok()) return added.error();
    return simulator;
}

core::Result<SimulationResult> ScenarioSimulation::run(std::span<const ParameterChange> changes,
                                                       double horizonDays) const {
    core::Result<std::unique_ptr<Simulator>> simulator = makeSimulator(changes, horizonDays);
    if (!simulator.ok()) return simulator.error();
    return simulator.value()->run();
}

}  // namespace twin::simulation
