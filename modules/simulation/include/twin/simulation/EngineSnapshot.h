#pragma once
// EngineSnapshot: what the Engine published last — immutable once published, shared by
// pointer, so the GUI thread reads it while the engine thread goes on stepping.

#include "twin/simulation/SimulationResult.h"

#include <QStringList>

#include <cstdint>
#include <vector>

namespace twin::simulation {

struct EngineSnapshot {
    std::uint64_t sequence = 0;  // 1 for the first publish, +1 per publish
    double timeDays = 0.0;
    std::int64_t stepIndex = 0;  // timeDays == stepIndex * dt
    bool playing = false;
    QStringList signalIds;       // "<instance>.<output>", the order of `latest` and recorded.series
    std::vector<double> latest;  // outputs now (NaN for a disabled model)
    SimulationResult recorded;   // recorded so far (from t = 0, or from the restored time), metrics, warnings
};

}  // namespace twin::simulation
