#pragma once
// The model as calibration sees it: a prediction function of θ, so that calibration does not
// depend on the simulator. The engine's Simulator plugs in by wrapping a scenario run in a
// PredictFunction (set the parameters, run to the last point, sample the outputs).

#include "twin/simulation/ObservationSet.h"

#include <functional>
#include <span>

namespace twin::simulation {

/// Fills predicted[i] with the model output points[i].outputId at points[i].timeDays for the
/// parameters θ (natural scale, in the order of the CalibrationParameter list). Returns false
/// when the model cannot be evaluated at θ (e.g. the ODE solver failed). Points come in the
/// order of the observations, not necessarily sorted by time. Called many times (≈ 2·n + 1 per
/// Levenberg–Marquardt iteration for n parameters, and once per band sample): keep it cheap. It
/// must be reentrant only where PredictionBandsOptions::parallel is set.
using PredictFunction = std::function<bool(std::span<const double> theta, std::span<const PredictionPoint> points,
                                           std::span<double> predicted)>;

/// Optional analytic Jacobian: dPredicted[i·n + j] = ∂f_i/∂ln θ_j (row-major, points × parameters,
/// derivative with respect to the LOG of θ_j, i.e. θ_j·∂f_i/∂θ_j). Returns false on failure.
using PredictJacobianFunction = std::function<bool(
    std::span<const double> theta, std::span<const PredictionPoint> points, std::span<double> dPredicted)>;

}  // namespace twin::simulation
