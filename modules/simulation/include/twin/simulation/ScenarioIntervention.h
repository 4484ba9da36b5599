#pragma once
// One entry of a scenario's timeline: a drug regimen, a radiotherapy course or a surgery. The
// timeline keeps the order of the file (so that errors and a written file name the same index,
// "interventions[2]"); the simulator orders actions by time itself.

#include "twin/simulation/DosingRegimen.h"
#include "twin/simulation/ScenarioRadiotherapy.h"
#include "twin/simulation/ScenarioSurgery.h"

#include <variant>

namespace twin::simulation {

using ScenarioIntervention = std::variant<DosingRegimen, RadiotherapySchedule, SurgeryEvent>;

}  // namespace twin::simulation
