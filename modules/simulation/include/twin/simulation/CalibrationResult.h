#pragma once
// The calibrated twin: MAP estimates θ̂ with their Laplace uncertainty, and how the fit went.
// Matrices are row-major n × n in the order of the parameters (Eigen stays an implementation
// detail of the module).

#include <QString>
#include <QStringList>

#include <vector>

namespace twin::simulation {

struct CalibrationResult {
    QStringList parameterIds;
    std::vector<double> estimates;     // θ̂ (natural scale)
    std::vector<double> logEstimates;  // ln θ̂
    std::vector<double> lower, upper;  // the bounds the fit kept to (prediction bands clamp to them)

    /// Laplace covariance of ln θ: (JᵀJ)⁻¹ with J the Jacobian of the augmented residual (data and
    /// prior terms, bound penalties left out) at the optimum. JᵀJ is the Gauss–Newton Hessian of
    /// −ln posterior = ½·objective (exact for a model linear in ln θ; the second-derivative term
    /// Σ r·∇²r dropped, small where residuals are small or near-linear).
    std::vector<double> logCovariance;
    std::vector<double> logStandardErrors;     // √diag: SE of ln θ (≈ relative SE of θ)
    std::vector<double> standardErrors;        // SE of θ by the delta method: θ̂·SE(ln θ)
    std::vector<double> ci90Lower, ci90Upper;  // lognormal 90 % CI: exp(ln θ̂ ∓ 1.6449·SE(ln θ))
    std::vector<double> correlation;           // of ln θ, row-major n × n
    /// Variance shrinkage SE(ln θ)²/ω²: 0 when the data decide, 1 when the prior alone does. For a
    /// model linear in ln θ it is the expected population η-shrinkage 1 − Var(η̂)/ω²
    /// (Xu, Savic, Hooker et al. 2012, AAPS J 14:927, variance form).
    std::vector<double> shrinkage;
    bool covarianceValid = false;
    double hessianConditionNumber = 0.0;
    /// Empty when the Hessian is well conditioned; otherwise what is wrong and which parameters.
    QString covarianceMessage;

    std::vector<bool> atLowerBound, atUpperBound;
    QString boundMessage;  // empty when no parameter ends on a bound

    std::vector<double> predictions;        // f(θ̂) at the observations, in their order
    std::vector<double> weightedResiduals;  // (y − f)/σ or (ln y − ln f)/σ
    double objective = 0.0;                 // dataObjective + priorObjective = −2 ln posterior + const
    double dataObjective = 0.0;             // Σ weighted residual²
    double priorObjective = 0.0;            // Σ ((ln θ − ln θ_pop)/ω)²
    int iterations = 0;
    int functionEvaluations = 0;  // objective evaluations by the optimiser
    int predictCalls = 0;         // predict calls in all, numerical Jacobians and the final evaluation included
    int jacobianEvaluations = 0;
    bool converged = false;
    QString optimiserStatus;  // the Levenberg–Marquardt stopping reason, in words

    int parameterCount() const { return int(estimates.size()); }
    double logCovarianceAt(int i, int j) const { return logCovariance[size_t(i * parameterCount() + j)]; }
    double correlationAt(int i, int j) const { return correlation[size_t(i * parameterCount() + j)]; }
    /// Index of a parameter id, −1 when absent.
    int indexOf(const QString &id) const { return int(parameterIds.indexOf(id)); }
};

}  // namespace twin::simulation
