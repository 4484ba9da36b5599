#pragma once
// Simulator::Impl: the state behind Simulator, shared by Simulator.cpp (set-up and the step
// loop) and SimulatorResults.cpp (results, save and restore).

#include "simulator/ActionSchedule.h"
#include "simulator/CouplingPlan.h"
#include "simulator/Recorder.h"
#include "simulator/ValidityMonitor.h"
#include "simulator/WarningLog.h"
#include "twin/simulation/Simulator.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace twin::simulation {

/// Times closer than this (days, about 0.1 ms) are the same boundary: an action that close to
/// a grid time applies at it rather than after a vanishing step.
inline constexpr double kTimeTolerance = 1e-9;

struct Simulator::Impl {
    SimulationOptions options;
    std::vector<std::unique_ptr<ModelInstance>> models;
    std::vector<Connection> connections;
    ActionSchedule schedule;

    // Run state (valid once prepared).
    bool prepared = false;
    CouplingPlan plan;
    std::vector<std::vector<double>> inputValues;  // [model][input], reused every step
    std::vector<std::size_t> signalOffset;         // first column of each model in a record row
    std::size_t signalCount = 0;
    std::vector<bool> wasEnabled;  // to notice a model disabled during the last call
    WarningLog warnings;
    ValidityMonitor validity;
    Recorder recorder;
    std::int64_t stepIndex = 0;
    double timeDays = 0.0;

    int indexOf(const QString &instanceId) const;
    /// Resolves couplings, initialises every model at t = 0 (parameters, tables) and the checks.
    core::Status prepare();
    std::int64_t gridIndexAt(double t) const;
    /// One (sub)step of every enabled model from timeDays to tAfter (zero-order hold inputs);
    /// timeDays is tAfter afterwards.
    void stepAll(double dt, double tAfter);
    /// Applies every scheduled action due at the current time, in order. When the last record
    /// is at this time already (actions added after it), it is rewritten: a record at t always
    /// shows the state after every action at t.
    void applyDueActions();
    void route(const sim_api::Action &action);
    void noteDisabledModels();
    void checkOutputs();
    void record();
    /// Writes the outputs into `row` (one record).
    void fill(std::span<double> row) const;
    void recordIfOnGrid() {
        if (stepIndex % options.recordEvery == 0) record();
    }
};

}  // namespace twin::simulation
