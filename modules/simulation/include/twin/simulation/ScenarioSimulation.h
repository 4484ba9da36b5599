#pragma once
// ScenarioSimulation: a scenario bound to the loaded model plugins and the patient's twin,
// ready to run (as often as wanted: each run builds a fresh Simulator, so runs are independent
// and bit-identical).
//
//   auto bound = ScenarioSimulation::create(scenario, PluginLoader::load(), twinInputs, file);
//   if (!bound.ok()) fail(bound.error().message());   // "<file>: twin.parameters.pk.foo: ..."
//   core::Result<SimulationResult> r = bound.value().run();
//
// Binding: every model of twin.models must be loaded (error at twin.models[i]); each override
// must name a parameter of its model (twin.parameters.<model>.<param>), each observation an
// output (observations[i].output). Parameters with a twin source are filled by
// TwinInputsBinder, then the scenario's overrides apply (precedence in Scenario.h); tables
// (DVHs) come from the twin. BSA for mg/m2 doses: the bsa_m2 parameter of the first mg/m2
// regimen's target model as resolved (twin, override or flagged default), else the twin's
// covariate bsa_m2; without either the binding fails at that regimen's doseUnit.
//
// Models are added in twin.models order (the order of the output series). Calibration and the
// benchmark change parameters per run through ParameterRef (indices resolved once).

#include "twin/core/Result.h"
#include "twin/sim_api/Action.h"
#include "twin/simulation/LoadedModel.h"
#include "twin/simulation/PluginLoadResult.h"
#include "twin/simulation/Scenario.h"
#include "twin/simulation/SimulationResult.h"
#include "twin/simulation/Simulator.h"
#include "twin/simulation/TwinFilledInput.h"
#include "twin/simulation/TwinInputs.h"

#include <memory>
#include <span>
#include <vector>

namespace twin::simulation {

/// A parameter of one of the scenario's models, by index (fast to set in a loop).
struct ParameterRef {
    int model = -1;      // index in twin.models
    int parameter = -1;  // index in that model's declared parameters
};

struct ParameterChange {
    ParameterRef ref;
    double value = 0.0;
};

class ScenarioSimulation {
public:
    static core::Result<ScenarioSimulation> create(const Scenario &scenario, const PluginLoadResult &plugins,
                                                   const TwinInputs &inputs, const QString &scenarioFile = {});

    const Scenario &scenario() const { return scenario_; }
    const std::vector<LoadedModel> &models() const { return models_; }
    /// Every parameter/table filled from (or wanted from) the twin, then every override.
    const std::vector<TwinFilledInput> &filledInputs() const { return filled_; }
    /// The resolved parameter values per model (declared order), before any ParameterChange.
    const std::vector<std::vector<double>> &parameterValues() const { return parameters_; }
    double bsaM2() const { return bsaM2_; }
    const QString &bsaProvenance() const { return bsaProvenance_; }
    const std::vector<sim_api::Action> &actions() const { return actions_; }

    /// "<model>.<param>" -> indices; an error naming the key when unknown.
    core::Result<ParameterRef> parameterRef(const QString &key) const;
    const ParameterSpec &parameterSpec(const ParameterRef &ref) const;
    double parameterValue(const ParameterRef &ref) const;

    /// A fresh simulator with the models, parameters (plus `changes`), tables and actions.
    core::Result<std::unique_ptr<Simulator>> makeSimulator(std::span<const ParameterChange> changes = {},
                                                           double horizonDays = -1.0) const;
    /// makeSimulator + run to the horizon (or `horizonDays` when > 0).
    core::Result<SimulationResult> run(std::span<const ParameterChange> changes = {}, double horizonDays = -1.0) const;

private:
    ScenarioSimulation() = default;
    core::Status bindBsa(const QString &file);

    Scenario scenario_;
    std::vector<LoadedModel> models_;
    std::vector<std::vector<double>> parameters_;
    std::vector<std::vector<std::pair<QString, sim_api::Table>>> tables_;
    std::vector<TwinFilledInput> filled_;
    TwinInputs inputs_;
    double bsaM2_ = 0.0;
    QString bsaProvenance_;
    std::vector<sim_api::Action> actions_;
};

}  // namespace twin::simulation
