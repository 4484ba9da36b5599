// AugmentedResiduals: data, prior and bound-penalty residuals of the MAP fit and their Jacobian
// (central differences in ln θ unless analytic).

#include "calibration/AugmentedResiduals.h"

#include <QStringList>

#include <cmath>
#include <limits>

namespace twin::simulation::calibration {

AugmentedResiduals::AugmentedResiduals(std::span<const CalibrationParameter> parameters,
                                       std::span<const Observation> observations, const PredictFunction &predict,
                                       const PredictJacobianFunction &jacobian, double logStep)
    : parameters_(parameters),
      observations_(observations),
      predict_(predict),
      jacobian_(jacobian),
      logStep_(logStep),
      points_(ObservationSet::points(observations)) {
    const auto n = Eigen::Index(parameters.size());
    logLower_.resize(n);
    logUpper_.resize(n);
    logPopulation_.resize(n);
    omega_.resize(n);
    for (Eigen::Index j = 0; j < n; ++j) {
        const CalibrationParameter &p = parameters[size_t(j)];
        logLower_[j] = p.lower > 0.0 ? std::log(p.lower) : -std::numeric_limits<double>::infinity();
        logUpper_[j] = std::log(p.upper);  // +inf stays +inf
        logPopulation_[j] = std::log(p.populationValue);
        omega_[j] = p.omega;
    }
    theta_.resize(parameters.size());
    predictedBuffer_.resize(observations.size());
    jacobianBuffer_.resize(observations.size() * parameters.size());
}

Eigen::VectorXd AugmentedResiduals::clamp(const Eigen::VectorXd &u) const {
    return u.cwiseMax(logLower_).cwiseMin(logUpper_);
}

QString AugmentedResiduals::describeTheta(const Eigen::VectorXd &u) const {
    const Eigen::VectorXd clamped = clamp(u);
    QStringList parts;
    for (Eigen::Index j = 0; j < clamped.size(); ++j) {
        parts << QStringLiteral("%1=%2").arg(parameters_[size_t(j)].id).arg(std::exp(clamped[j]), 0, 'g', 6);
    }
    return parts.join(QStringLiteral(", "));
}

void AugmentedResiduals::fail(const QString &what, const Eigen::VectorXd &clampedU) {
    if (!error_)
        error_ = core::Error::invalidInput(QStringLiteral("%1 at θ = (%2)").arg(what, describeTheta(clampedU)));
}

bool AugmentedResiduals::predictAt(const Eigen::VectorXd &clampedU, Eigen::VectorXd &predicted) {
    for (Eigen::Index j = 0; j < clampedU.size(); ++j) theta_[size_t(j)] = std::exp(clampedU[j]);
    ++predictCalls_;
    if (!predict_(theta_, points_, predictedBuffer_)) {
        fail(QStringLiteral("the model could not be evaluated (predict returned false)"), clampedU);
        return false;
    }
    predicted = Eigen::Map<const Eigen::VectorXd>(predictedBuffer_.data(), Eigen::Index(predictedBuffer_.size()));
    for (Eigen::Index i = 0; i < predicted.size(); ++i) {
        if (!std::isfinite(predicted[i])) {
            fail(QStringLiteral("predict returned a non-finite value for observation %1 (%2 at day %3)")
                     .arg(i)
                     .arg(points_[size_t(i)].outputId)
                     .arg(points_[size_t(i)].timeDays, 0, 'g', 6),
                 clampedU);
            return false;
        }
    }
    return true;
}

bool AugmentedResiduals::residualsFromPredicted(const Eigen::VectorXd &clampedU, const Eigen::VectorXd &predicted,
                                                Eigen::VectorXd &residuals) {
    residuals.resize(predicted.size());
    for (Eigen::Index i = 0; i < predicted.size(); ++i) {
        const Observation &o = observations_[size_t(i)];
        if (o.errorModel == ResidualErrorModel::Additive) {
            residuals[i] = (o.value - predicted[i]) / o.sigma;
        } else if (predicted[i] > 0.0) {
            residuals[i] = (std::log(o.value) - std::log(predicted[i])) / o.sigma;
        } else {
            fail(QStringLiteral("predicted %1 ≤ 0 for observation %2 (%3 at day %4), which has a proportional error")
                     .arg(predicted[i])
                     .arg(i)
                     .arg(o.outputId)
                     .arg(o.timeDays, 0, 'g', 6),
                 clampedU);
            return false;
        }
    }
    return true;
}

bool AugmentedResiduals::dataResiduals(const Eigen::VectorXd &u, Eigen::VectorXd &residuals,
                                       Eigen::VectorXd *predicted) {
    const Eigen::VectorXd clamped = clamp(u);
    Eigen::VectorXd f;
    if (!predictAt(clamped, f) || !residualsFromPredicted(clamped, f, residuals)) return false;
    if (predicted) *predicted = f;
    return true;
}

int AugmentedResiduals::operator()(const Eigen::VectorXd &u, Eigen::VectorXd &residuals) {
    const auto m = Eigen::Index(observations_.size());
    const auto n = Eigen::Index(parameters_.size());
    Eigen::VectorXd data;
    if (!dataResiduals(u, data)) return -1;
    residuals.resize(m + 2 * n);
    residuals.head(m) = data;
    residuals.segment(m, n) = (u - logPopulation_).cwiseQuotient(omega_);
    residuals.tail(n) = penaltyWeight * (u - clamp(u));
    return 0;
}

bool AugmentedResiduals::dataAndPriorJacobian(const Eigen::VectorXd &u, Eigen::MatrixXd &jacobian) {
    const auto m = Eigen::Index(observations_.size());
    const auto n = Eigen::Index(parameters_.size());
    jacobian.setZero(m + n, n);
    jacobian.bottomRows(n).diagonal() = omega_.cwiseInverse();
    if (m == 0) return true;
    const Eigen::VectorXd clamped = clamp(u);
    const Eigen::ArrayXd outside = (u - clamped).array().abs();

    if (jacobian_) {
        Eigen::VectorXd f;
        if (!predictAt(clamped, f)) return false;
        Eigen::VectorXd unused;
        if (!residualsFromPredicted(clamped, f, unused)) return false;
        if (!jacobian_(theta_, points_, jacobianBuffer_)) {
            fail(QStringLiteral("the model Jacobian could not be evaluated"), clamped);
            return false;
        }
        const Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> dfdu(
            jacobianBuffer_.data(), m, n);
        for (Eigen::Index i = 0; i < m; ++i) {
            const Observation &o = observations_[size_t(i)];
            const double scale =
                o.errorModel == ResidualErrorModel::Additive ? -1.0 / o.sigma : -1.0 / (o.sigma * f[i]);
            for (Eigen::Index j = 0; j < n; ++j) jacobian(i, j) = outside[j] > 0.0 ? 0.0 : scale * dfdu(i, j);
        }
        if (!jacobian.allFinite()) {
            fail(QStringLiteral("the model Jacobian is not finite"), clamped);
            return false;
        }
        return true;
    }

    std::optional<Eigen::VectorXd> atCentre;  // computed only when a one-sided step needs it
    Eigen::VectorXd plus, minus;
    for (Eigen::Index j = 0; j < n; ++j) {
        if (outside[j] > 0.0) continue;  // the model does not move with u_j out there
        Eigen::VectorXd up = clamped, down = clamped;
        up[j] += logStep_;
        down[j] -= logStep_;
        const bool upInside = up[j] <= logUpper_[j], downInside = down[j] >= logLower_[j];
        double width = 2.0 * logStep_;
        if (!upInside || !downInside) {
            if (!atCentre) {
                atCentre.emplace();
                if (!dataResiduals(clamped, *atCentre)) return false;
            }
            width = logStep_;
        }
        if (upInside) {
            if (!dataResiduals(up, plus)) return false;
        } else {
            plus = *atCentre;
        }
        if (downInside) {
            if (!dataResiduals(down, minus)) return false;
        } else {
            minus = *atCentre;
        }
        jacobian.col(j).head(m) = (plus - minus) / width;
    }
    return true;
}

int AugmentedResiduals::df(const Eigen::VectorXd &u, Eigen::MatrixXd &jacobian) {
    const auto m = Eigen::Index(observations_.size());
    const auto n = Eigen::Index(parameters_.size());
    Eigen::MatrixXd dataAndPrior;
    if (!dataAndPriorJacobian(u, dataAndPrior)) return -1;
    jacobian.setZero(m + 2 * n, n);
    jacobian.topRows(m + n) = dataAndPrior;
    for (Eigen::Index j = 0; j < n; ++j) {
        if (u[j] < logLower_[j] || u[j] > logUpper_[j]) jacobian(m + n + j, j) = penaltyWeight;
    }
    return 0;
}

}  // namespace twin::simulation::calibration
