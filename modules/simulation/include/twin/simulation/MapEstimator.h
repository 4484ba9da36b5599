#pragma once
// Maximum a posteriori calibration of the twin to one patient's observations:
//   minimise  Σ_i r_i(θ)²  +  Σ_j ((ln θ_j − ln θ_pop,j)/ω_j)²   over ln θ,
// r_i the weighted residual of observation i (ObservationSet.h). The prior terms are extra
// residuals, so the whole objective is a sum of squares minimised by Eigen's Levenberg–Marquardt
// (the MINPACK lmder port, unsupported/Eigen/NonLinearOptimization) with a central-difference
// Jacobian in ln θ unless an analytic one is given. Bounds: the model is evaluated at θ clamped
// into [lower, upper], a steep penalty residual pushes the search back, and the estimate is
// clamped and reported. Uncertainty: Laplace approximation (CalibrationResult.h).

#include "twin/core/Result.h"
#include "twin/simulation/CalibrationModel.h"
#include "twin/simulation/CalibrationParameter.h"
#include "twin/simulation/CalibrationResult.h"
#include "twin/simulation/MapEstimatorOptions.h"
#include "twin/simulation/ObservationSet.h"

#include <span>

namespace twin::simulation {

class MapEstimator {
public:
    /// Errors (InvalidInput) name the cause: no observations, the observation or parameter at
    /// fault and why, the θ at which predict failed or returned a non-finite value.
    static core::Result<CalibrationResult> fit(std::span<const CalibrationParameter> parameters,
                                               std::span<const Observation> observations,
                                               const PredictFunction &predict, const MapEstimatorOptions &options = {});

    /// Validates the parameters alone (finite θ_pop > 0, ω > 0 finite, 0 ≤ lower < upper,
    /// θ_pop within bounds, distinct ids).
    static core::Status validate(std::span<const CalibrationParameter> parameters);
};

}  // namespace twin::simulation
