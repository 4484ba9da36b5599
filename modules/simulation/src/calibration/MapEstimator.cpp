// MapEstimator: validates the inputs, runs Eigen's Levenberg–Marquardt on the augmented residual
// (AugmentedResiduals) from ln θ_pop, clamps the optimum into the bounds and fills the Laplace
// uncertainty (LaplaceCovariance).

#include "twin/simulation/MapEstimator.h"

#include "calibration/AugmentedResiduals.h"
#include "calibration/LaplaceCovariance.h"

#include <unsupported/Eigen/NonLinearOptimization>

#include <QSet>
#include <QStringList>

#include <cmath>

namespace twin::simulation {

namespace {

using Status = Eigen::LevenbergMarquardtSpace::Status;

QString statusText(Status status) {
    switch (status) {
        case Status::RelativeReductionTooSmall:
            return QStringLiteral("relative reduction of the objective below ftol");
        case Status::RelativeErrorTooSmall:
            return QStringLiteral("relative change of ln θ below xtol");
        case Status::RelativeErrorAndReductionTooSmall:
            return QStringLiteral("objective and ln θ both settled");
        case Status::CosinusTooSmall:
            return QStringLiteral("gradient orthogonal to the residuals");
        case Status::TooManyFunctionEvaluation:
            return QStringLiteral("stopped: too many function evaluations");
        case Status::FtolTooSmall:
            return QStringLiteral("no further reduction possible at machine precision (ftol)");
        case Status::XtolTooSmall:
            return QStringLiteral("no further improvement of ln θ possible at machine precision");
        case Status::GtolTooSmall:
            return QStringLiteral("gradient zero at machine precision");
        case Status::ImproperInputParameters:
            return QStringLiteral("stopped: improper optimiser settings");
        case Status::UserAsked:
            return QStringLiteral("stopped: the model failed");
        default:
            return QStringLiteral("stopped: status %1").arg(int(status));
    }
}

/// Stopping at a tolerance, including "at machine precision" (MINPACK info 6–8), is convergence.
bool isConverged(Status status) {
    return (status >= Status::RelativeReductionTooSmall && status <= Status::CosinusTooSmall) ||
           (status >= Status::FtolTooSmall && status <= Status::GtolTooSmall);
}

core::Error parameterError(const CalibrationParameter &p, size_t index, const QString &what) {
    return core::Error::invalidInput(what).atField(
        QStringLiteral("parameter %1 (%2)").arg(index).arg(p.id.isEmpty() ? QStringLiteral("unnamed") : p.id));
}

void reportBounds(std::span<const CalibrationParameter> parameters, CalibrationResult &result) {
    QStringList notes;
    const size_t n = parameters.size();
    result.atLowerBound.assign(n, false);
    result.atUpperBound.assign(n, false);
    for (size_t j = 0; j < n; ++j) {
        const double relative = 1e-6;  // within 1 ppm of a bound counts as on it
        const CalibrationParameter &p = parameters[j];
        if (p.lower > 0.0 && result.estimates[j] <= p.lower * (1.0 + relative)) {
            result.atLowerBound[j] = true;
            notes << QStringLiteral("%1 at its lower bound %2").arg(p.id).arg(p.lower, 0, 'g', 6);
        }
        if (std::isfinite(p.upper) && result.estimates[j] >= p.upper * (1.0 - relative)) {
            result.atUpperBound[j] = true;
            notes << QStringLiteral("%1 at its upper bound %2").arg(p.id).arg(p.upper, 0, 'g', 6);
        }
    }
    if (!notes.isEmpty()) {
        result.boundMessage = notes.join(QStringLiteral("; ")) +
                              QStringLiteral(
                                  " (the data pull beyond it; the covariance is that of the bounded fit "
                                  "and understates the uncertainty)");
    }
}

}  // namespace

core::Status MapEstimator::validate(std::span<const CalibrationParameter> parameters) {
    if (parameters.empty()) return core::Error::invalidInput(QStringLiteral("no parameters to calibrate"));
    QSet<QString> ids;
    for (size_t j = 0; j < parameters.size(); ++j) {
        const CalibrationParameter &p = parameters[j];
        if (!(p.populationValue > 0.0) || !std::isfinite(p.populationValue)) {
            return parameterError(
                p, j, QStringLiteral("population value must be positive and finite, got %1").arg(p.populationValue));
        }
        if (!(p.omega > 0.0) || !std::isfinite(p.omega)) {
            return parameterError(
                p, j, QStringLiteral("omega (SD of ln θ) must be positive and finite, got %1").arg(p.omega));
        }
        if (!(p.lower >= 0.0) || !(p.upper > p.lower)) {
            return parameterError(
                p, j, QStringLiteral("bounds must satisfy 0 ≤ lower < upper, got [%1, %2]").arg(p.lower).arg(p.upper));
        }
        if (p.populationValue < p.lower || p.populationValue > p.upper) {
            return parameterError(p, j,
                                  QStringLiteral("population value %1 lies outside the bounds [%2, %3]")
                                      .arg(p.populationValue)
                                      .arg(p.lower)
                                      .arg(p.upper));
        }
        if (ids.contains(p.id)) return parameterError(p, j, QStringLiteral("duplicate parameter id"));
        ids.insert(p.id);
    }
    return {};
}

core::Result<CalibrationResult> MapEstimator::fit(std::span<const CalibrationParameter> parameters,
                                                  std::span<const Observation> observations,
                                                  const PredictFunction &predict, const MapEstimatorOptions &options) {
    if (const core::Status valid = validate(parameters); !valid) return valid.error();
    if (observations.empty() && !options.allowEmptyObservations) {
        return core::Error::invalidInput(
            QStringLiteral("no observations: nothing to calibrate against (set allowEmptyObservations to take the "
                           "prior alone)"));
    }
    if (const core::Status valid = ObservationSet::validate(observations); !valid) return valid.error();
    if (!predict) return core::Error::invalidInput(QStringLiteral("no predict function"));
    if (!(options.logStep > 0.0) || options.maxFunctionEvaluations <= 0) {
        return core::Error::invalidInput(QStringLiteral("logStep and maxFunctionEvaluations must be positive"));
    }
    const auto n = Eigen::Index(parameters.size());
    Eigen::VectorXd u(n);
    if (!options.initialValues.empty() && options.initialValues.size() != parameters.size()) {
        return core::Error::invalidInput(QStringLiteral("initialValues has %1 values for %2 parameters")
                                             .arg(options.initialValues.size())
                                             .arg(parameters.size()));
    }
    for (Eigen::Index j = 0; j < n; ++j) {
        const double start =
            options.initialValues.empty() ? parameters[size_t(j)].populationValue : options.initialValues[size_t(j)];
        if (!(start > 0.0) || !std::isfinite(start)) {
            return parameterError(parameters[size_t(j)], size_t(j),
                                  QStringLiteral("initial value must be positive and finite, got %1").arg(start));
        }
        u[j] = std::log(start);
    }

    calibration::AugmentedResiduals residuals(parameters, observations, predict, options.jacobian, options.logStep);
    u = residuals.clamp(u);
    Eigen::LevenbergMarquardt<calibration::AugmentedResiduals> optimiser(residuals);
    optimiser.parameters.maxfev = options.maxFunctionEvaluations;
    optimiser.parameters.ftol = options.relativeObjectiveTolerance;
    optimiser.parameters.xtol = options.relativeStepTolerance;
    const Status status = optimiser.minimize(u);
    if (residuals.error()) return *residuals.error();

    CalibrationResult result;
    const Eigen::VectorXd estimate = residuals.clamp(u);
    for (Eigen::Index j = 0; j < n; ++j) {
        const CalibrationParameter &p = parameters[size_t(j)];
        result.parameterIds << p.id;
        result.logEstimates.push_back(estimate[j]);
        result.estimates.push_back(std::exp(estimate[j]));
        result.lower.push_back(p.lower);
        result.upper.push_back(p.upper);
    }
    result.iterations = int(optimiser.iter);
    result.functionEvaluations = int(optimiser.nfev);
    result.jacobianEvaluations = int(optimiser.njev);
    result.converged = isConverged(status);
    result.optimiserStatus = statusText(status);

    Eigen::VectorXd data, predicted;
    Eigen::MatrixXd jacobian;
    if (!residuals.dataResiduals(estimate, data, &predicted) || !residuals.dataAndPriorJacobian(estimate, jacobian)) {
        return *residuals.error();
    }
    result.predictCalls = residuals.predictCalls();
    result.predictions.assign(predicted.begin(), predicted.end());
    result.weightedResiduals.assign(data.begin(), data.end());
    result.dataObjective = data.squaredNorm();
    for (Eigen::Index j = 0; j < n; ++j) {
        const double z = (estimate[j] - std::log(parameters[size_t(j)].populationValue)) / parameters[size_t(j)].omega;
        result.priorObjective += z * z;
    }
    result.objective = result.dataObjective + result.priorObjective;
    reportBounds(parameters, result);
    calibration::LaplaceCovariance::fill(jacobian, parameters, options.illConditionedAbove, result);
    return result;
}

}  // namespace twin::simulation
