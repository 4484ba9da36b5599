#pragma once
// `didymos-cli bench simulate [--runs N] [--json]`: the patient twin's recompute budget, in one
// run (single thread):
//  1. Every built-in model over the demo scenario (resources/scenarios/demo-chemoradiation.json,
//     180 d at 1-h steps, the demo patient's twin with its DVHs) recomputed after one dose
//     change: each timed run alternates the docetaxel dose 75 <-> 80 mg/m2, rebinds the
//     scenario (ScenarioSimulation::create: parameters, tables, actions) and runs a fresh
//     Simulator to the horizon, results and metrics included. N runs (>= 200, default 300)
//     after 10 untimed ones; p50 and p99 (nearest rank). Goal: p99 <= 2 ms.
//  2. The PK path: the pk model alone through the Simulator over the same regimen and grid
//     (4321 hourly concentrations), against Boost.Odeint runge_kutta_dopri5 producing the same
//     grid (BenchSimulateOdeintPeer.h). Accuracy: max |C − C_ref| / Cmax over the grid, C_ref
//     from dopri5 at abs 1e-16, rel 1e-13 (an independent method: ours is an exact matrix
//     exponential). The peer runs at the loosest tolerance of 1e-6 … 1e-12 whose error is
//     <= 1e-9 of Cmax (the stated accuracy; ours must meet it too). Median and min–max of N
//     runs of each, ratio of medians. Goal: ours >= 4x faster.
// Exit 1 when a goal or an accuracy check fails, 2 on usage errors.

#include "CliCommand.h"

namespace twin::cli {

class BenchSimulateCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("bench"); }
    QString summary() const override {
        return QStringLiteral(
            "Benchmark: recompute every built-in model over the 180-day demo scenario after a dose change; PK vs "
            "Boost.Odeint.");
    }
    QString usage() const override { return QStringLiteral("simulate [--runs N] [--json]"); }
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
};

}  // namespace twin::cli
