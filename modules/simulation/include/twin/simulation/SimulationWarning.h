#pragma once
// A warning of a simulation run: shown to the user beside the result, never a clamp and never
// a failure. One per (kind, model, subject): the first time it happened and why.

#include <QString>

namespace twin::simulation {

struct SimulationWarning {
    enum class Kind {
        OutsideValidity,       // a model.json "validity" range was left (the model's message)
        OutsideDeclaredRange,  // a parameter outside its declared [min, max]
        UnknownSource,         // an input's "from" names no loaded output: its default is used
        ActionNotTaken,        // no model (or not the target) accepts the action, or apply() declined
        ModelDisabled,         // NaN/Inf output or a fault: the model stopped, the run went on
    };
    Kind kind = Kind::OutsideValidity;
    double timeDays = 0.0;  // first time it happened
    QString model;          // instance id
    QString subject;        // e.g. "output:tumour_volume_ml", "action:rt_fraction.amount", "input:concentration"
    QString message;        // one line, complete

    friend bool operator==(const SimulationWarning &, const SimulationWarning &) = default;
};

}  // namespace twin::simulation
