#pragma once
// Laplace approximation of the posterior of ln θ at the MAP: covariance (JᵀJ)⁻¹ from the
// Jacobian J of the data and prior residuals, with SEs, lognormal 90 % CIs, correlations and
// shrinkage written into a CalibrationResult; a singular or ill-conditioned Hessian is reported
// with the parameters that span its weakest direction.

#include "twin/simulation/CalibrationParameter.h"
#include "twin/simulation/CalibrationResult.h"

#include <Eigen/Core>

#include <span>

namespace twin::simulation::calibration {

class LaplaceCovariance {
public:
    /// z of the 95th percentile of N(0,1), for the two-sided 90 % interval.
    static constexpr double z95 = 1.6448536269514722;

    static void fill(const Eigen::MatrixXd &jacobian, std::span<const CalibrationParameter> parameters,
                     double illConditionedAbove, CalibrationResult &result);
};

}  // namespace twin::simulation::calibration
