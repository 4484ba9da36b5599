#pragma once
// SurgeryEvent: a resection in a scenario: on `day`, `resectedFraction` (0..1) of the tumour
// is removed (one sim_api surgery action, taken by the tumour model).

#include "twin/sim_api/Action.h"

#include <QString>

namespace twin::simulation {

struct SurgeryEvent {
    double day = 0.0;
    double resectedFraction = 0.0;
    QString model;  // empty: every model accepting surgery

    sim_api::Action action() const;
};

}  // namespace twin::simulation
