#pragma once
// ScenarioObservation: one measurement of the patient in a scenario file, for calibration: the
// model output it measures ("<model>.<output>", e.g. "pk.concentration"), its day, its value
// in the output's unit, and its residual error — an absolute SD (`sigma`, additive error) or a
// coefficient of variation (`cv`, proportional error: σ of ln y = sqrt(ln(1 + CV²))).

#include <QString>

namespace twin::simulation {

struct ScenarioObservation {
    QString output;  // "<model>.<output>"
    double day = 0.0;
    double value = 0.0;
    double sigma = 0.0;  // > 0 for an additive error, else 0
    double cv = 0.0;     // > 0 for a proportional error, else 0
};

}  // namespace twin::simulation
