#pragma once
// How a Simulator steps: a fixed step (default one hour), the output grid (every k steps) and
// the horizon that run() goes to (and that sizes the recording up front).

namespace twin::simulation {

struct SimulationOptions {
    double dtDays = 1.0 / 24.0;  // fixed step; steps are split only at action times
    int recordEvery = 1;         // outputs recorded at t = n·k·dt (k = recordEvery), from t = 0
    double horizonDays = 180.0;  // run() goes to it; advanceTo() may go further
};

}  // namespace twin::simulation
