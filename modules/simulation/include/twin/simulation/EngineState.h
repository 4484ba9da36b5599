#pragma once
// Everything that determines the future of a simulation at one step boundary: time, each
// model's parameters and state vector, the actions still to come and the warnings so far.
// Restoring it into a fresh Simulator or Engine with the same models, tables and step gives
// a bit-identical continuation, so a scenario can branch from any time. The recorded history
// is not part of it: a restored run records from the restored time on.

#include "twin/sim_api/Action.h"
#include "twin/simulation/SimulationWarning.h"

#include <QList>
#include <QString>

#include <cstdint>
#include <vector>

namespace twin::simulation {

struct ModelState {
    QString instanceId;
    QString modelId;
    std::vector<double> parameters;  // declared order
    std::vector<double> state;       // IModel::saveState()
    bool enabled = true;
    QString fault;  // why it was disabled
};

struct EngineState {
    double timeDays = 0.0;
    std::int64_t stepIndex = 0;  // grid steps done: timeDays == stepIndex * dtDays
    double dtDays = 0.0;
    std::vector<ModelState> models;
    std::vector<sim_api::Action> pendingActions;  // time order, not yet applied
    QList<SimulationWarning> warnings;
};

}  // namespace twin::simulation
