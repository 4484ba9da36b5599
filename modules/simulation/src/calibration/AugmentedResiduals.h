#pragma once
// The MAP objective as one residual vector over u = ln θ, in the shape Eigen's
// Levenberg–Marquardt wants (operator() and df returning < 0 to stop):
//   [0, m)       data:   (y − f)/σ  or  (ln y − ln f)/σ, f evaluated at θ = exp(clamp(u))
//   [m, m+n)     prior:  (u_j − ln θ_pop,j)/ω_j
//   [m+n, m+2n)  bounds: penaltyWeight·(distance of u_j outside [ln lower, ln upper]), else 0
// The first failure (predict false, non-finite or, for a proportional error, f ≤ 0) is kept as
// an Error naming θ, and the optimiser is stopped.

#include "twin/core/Error.h"
#include "twin/simulation/CalibrationModel.h"
#include "twin/simulation/CalibrationParameter.h"
#include "twin/simulation/ObservationSet.h"

#include <Eigen/Core>

#include <optional>
#include <span>
#include <vector>

namespace twin::simulation::calibration {

class AugmentedResiduals {
public:
    /// Residual per unit of ln θ outside a bound: steep enough that the search stays within a
    /// few 1e-4 of the bound, mild enough that Levenberg–Marquardt's scaling copes.
    static constexpr double penaltyWeight = 1e4;

    AugmentedResiduals(std::span<const CalibrationParameter> parameters, std::span<const Observation> observations,
                       const PredictFunction &predict, const PredictJacobianFunction &jacobian, double logStep);

    // Eigen's functor interface.
    int inputs() const { return int(parameters_.size()); }
    int values() const { return int(observations_.size() + 2 * parameters_.size()); }
    int operator()(const Eigen::VectorXd &u, Eigen::VectorXd &residuals);
    int df(const Eigen::VectorXd &u, Eigen::MatrixXd &jacobian);

    /// u clamped into the bounds (ln lower may be −inf).
    Eigen::VectorXd clamp(const Eigen::VectorXd &u) const;
    /// Data residuals at θ = exp(clamp(u)); false on failure (see error()).
    bool dataResiduals(const Eigen::VectorXd &u, Eigen::VectorXd &residuals, Eigen::VectorXd *predicted = nullptr);
    /// Jacobian of data and prior residuals ((m+n) × n), bound rows left out; one-sided
    /// differences inward where a central step would leave the bounds.
    bool dataAndPriorJacobian(const Eigen::VectorXd &u, Eigen::MatrixXd &jacobian);

    const std::optional<core::Error> &error() const { return error_; }
    int predictCalls() const { return predictCalls_; }
    /// "CL=5.1, V=48.2" for θ = exp(u) (u clamped).
    QString describeTheta(const Eigen::VectorXd &u) const;

private:
    bool predictAt(const Eigen::VectorXd &clampedU, Eigen::VectorXd &predicted);
    bool residualsFromPredicted(const Eigen::VectorXd &clampedU, const Eigen::VectorXd &predicted,
                                Eigen::VectorXd &residuals);
    void fail(const QString &what, const Eigen::VectorXd &clampedU);

    std::span<const CalibrationParameter> parameters_;
    std::span<const Observation> observations_;
    const PredictFunction &predict_;
    const PredictJacobianFunction &jacobian_;
    double logStep_;
    std::vector<PredictionPoint> points_;
    Eigen::VectorXd logLower_, logUpper_, logPopulation_, omega_;
    std::vector<double> theta_, predictedBuffer_, jacobianBuffer_;
    std::optional<core::Error> error_;
    int predictCalls_ = 0;
};

}  // namespace twin::simulation::calibration
