#pragma once
// Simulator: runs a set of model instances coupled through their signals, with a list of
// actions, on a fixed step — synchronously and deterministically. The CLI, the benchmarks,
// calibration and the Engine (on its own thread) all run through it.
//
//   Simulator sim;                                    // dt = 1 h, record every step, 180 d
//   sim.addModel(ModelInstance::create(*plugins.find("pk")).value());
//   sim.addModel(ModelInstance::create(*plugins.find("friberg")).value());  // input from pk.concentration
//   sim.addAction({1.0, "iv_bolus", "", 100.0});
//   Result<SimulationResult> r = sim.run();           // initialise() + advanceTo(horizon) + result()
//
// Time: a fixed grid t_n = n·dt (n counted, never accumulated). An action at time t_a inside
// (t_n, t_n+1) splits that step into t_n → t_a and t_a → t_n+1, so it applies exactly at its
// time, between steps; actions are applied in time order, ties in the order they were added
// (stable). At a boundary the order is: step → actions due → record. A record at t_n thus
// shows the state after the actions at t_n (a bolus at t = 0 is in the first record); an
// action added later for the current time rewrites that record.
// Outputs are recorded at grid times that are multiples of recordEvery steps.
//
// Couplings: an input's "from" ("<model>.<output>" in model.json, or connect()) is resolved to
// the instance with that id; its unit is converted to the input's unit (UCUM, affine map made
// once). A "from" naming no loaded output gives the input its default and a warning; an
// explicit connect() to an unknown signal, or units that do not convert, are errors. Models
// are stepped in topological order of the couplings (ties in the order added); a cycle is an
// error. Inputs are a zero-order hold: at the start of each (sub)step every input is set from
// its producer's outputs at that time, before any model steps, so a consumer sees the value
// its producer had at the step's start, held over the step. A disabled producer feeds its
// consumers their inputs' defaults.
//
// Actions: one with a target goes to the instance with that id (or, if none, to every
// instance of the model with that id), which sees the target as its model id; one without a
// target goes to every instance whose model accepts its kind (a model may still decline it).
//
// Warnings (SimulationResult::warnings): parameters outside their declared range or a
// validity range (at t = 0), inputs (at the start of a step), outputs (after a step or an
// action) and action amounts outside a validity range — one per (kind, model, subject), the first
// time it happened, with the model's message; unaccepted actions; models disabled by a
// NaN/Inf output.
//
// Speed: the step loop allocates nothing and touches no QString (records are preallocated for
// the horizon; warnings are formatted only the first time they happen).

#include "twin/core/Result.h"
#include "twin/sim_api/Action.h"
#include "twin/sim_api/Table.h"
#include "twin/simulation/EngineState.h"
#include "twin/simulation/ModelInstance.h"
#include "twin/simulation/SimulationOptions.h"
#include "twin/simulation/SimulationResult.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace twin::simulation {

class Simulator {
public:
    explicit Simulator(SimulationOptions options = {});
    ~Simulator();
    Simulator(const Simulator &) = delete;
    Simulator &operator=(const Simulator &) = delete;

    // --- set-up (before initialise(); a change after it takes effect at the next initialise()) ---
    /// Adds an instance; its id must be unique (at most 64 instances).
    core::Status addModel(std::unique_ptr<ModelInstance> model);
    /// Feeds input `inputId` of `consumer` from `source` ("<instance>.<output>"), overriding
    /// the input's "from".
    core::Status connect(const QString &consumer, const QString &inputId, const QString &source);
    core::Status setParameter(const QString &instanceId, const QString &parameterId, double value);
    core::Status setTable(const QString &instanceId, const QString &tableId, sim_api::Table table);
    void setOptions(const SimulationOptions &options);
    const SimulationOptions &options() const;

    int modelCount() const;
    ModelInstance &modelAt(int index) const;
    /// nullptr when there is none with that id.
    ModelInstance *model(const QString &instanceId) const;

    // --- actions ---
    /// Schedules an action. After initialise(), one dated before the current time applies at
    /// the current time, before the next step (its time is set to now). A non-finite time is
    /// an error.
    core::Status addAction(sim_api::Action action);
    core::Status addActions(const std::vector<sim_api::Action> &actions);
    /// Actions not yet applied, in the order they will be.
    std::vector<sim_api::Action> pendingActions() const;

    // --- running ---
    /// A fresh run at t = 0: resolves couplings, initialises every model, applies the actions
    /// due at 0 and records t = 0.
    core::Status initialise();
    /// Advances whole grid steps up to the grid time floor(t / dt) (never past t), splitting at
    /// action times. Needs initialise() or restoreState() first.
    core::Status advanceTo(double timeDays);
    /// Applies the actions due at the current time now, without stepping (the Engine does this
    /// for actions posted while it is idle); the record at this time, if any, is rewritten.
    core::Status applyDueActions();
    /// initialise() + advanceTo(options().horizonDays) + result().
    core::Result<SimulationResult> run();

    bool initialised() const;
    double timeDays() const;
    std::int64_t stepIndex() const;
    /// "<instance>.<output>" of every output, models in the order added: the order of
    /// SimulationResult::series and of currentOutputs().
    QStringList signalIds() const;
    /// Every output now (NaN for a disabled model), in signalIds() order.
    std::vector<double> currentOutputs() const;
    /// What has been recorded so far, with the metrics over it and the warnings.
    SimulationResult result() const;
    /// The warnings so far.
    QList<SimulationWarning> warnings() const;

    // --- branching ---
    EngineState saveState() const;
    /// Restores a state saved by a Simulator with the same model instances (ids, models),
    /// tables and dt; this simulator's parameters become the saved ones and the saved pending
    /// actions replace its own. Records from the restored time on.
    core::Status restoreState(const EngineState &state);

    struct Impl;

private:
    std::unique_ptr<Impl> d_;
};

}  // namespace twin::simulation
