// LaplaceCovariance: H = JᵀJ (Gauss–Newton Hessian of −ln posterior) inverted through its
// eigen-decomposition, which gives the condition number and the weakest direction for free.

#include "calibration/LaplaceCovariance.h"

#include <Eigen/Eigenvalues>

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace twin::simulation::calibration {

namespace {
/// The parameters that carry the weakest direction (|component| ≥ 0.3), largest first.
QString weakestDirection(const Eigen::VectorXd &direction, std::span<const CalibrationParameter> parameters) {
    std::vector<Eigen::Index> order(size_t(direction.size()));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](Eigen::Index a, Eigen::Index b) { return std::abs(direction[a]) > std::abs(direction[b]); });
    QStringList names;
    for (Eigen::Index j : order) {
        if (std::abs(direction[j]) >= 0.3 || names.isEmpty()) names << parameters[size_t(j)].id;
    }
    return names.join(QStringLiteral(", "));
}
}  // namespace

void LaplaceCovariance::fill(const Eigen::MatrixXd &jacobian, std::span<const CalibrationParameter> parameters,
                             double illConditionedAbove, CalibrationResult &result) {
    const auto n = Eigen::Index(parameters.size());
    const Eigen::MatrixXd hessian = jacobian.transpose() * jacobian;
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(hessian);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const size_t count = size_t(n);
    result.logCovariance.assign(count * count, nan);
    result.correlation.assign(count * count, nan);
    result.logStandardErrors.assign(count, nan);
    result.standardErrors.assign(count, nan);
    result.ci90Lower.assign(count, nan);
    result.ci90Upper.assign(count, nan);
    result.shrinkage.assign(count, nan);
    result.covarianceValid = false;
    if (eigen.info() != Eigen::Success) {
        result.covarianceMessage = QStringLiteral("the Laplace Hessian could not be decomposed");
        return;
    }
    const Eigen::VectorXd lambda = eigen.eigenvalues();  // ascending
    const double largest = lambda[n - 1], smallest = lambda[0];
    const bool singular = !(smallest > largest * std::numeric_limits<double>::epsilon() * double(n));
    result.hessianConditionNumber = singular ? std::numeric_limits<double>::infinity() : largest / smallest;
    if (singular) {
        result.covarianceMessage =
            QStringLiteral(
                "the Laplace Hessian is singular (eigenvalues %1 to %2): not identifiable: %3; no covariance")
                .arg(smallest, 0, 'g', 3)
                .arg(largest, 0, 'g', 3)
                .arg(weakestDirection(eigen.eigenvectors().col(0), parameters));
        return;
    }
    if (result.hessianConditionNumber > illConditionedAbove) {
        result.covarianceMessage =
            QStringLiteral(
                "the Laplace Hessian is ill-conditioned (condition number %1): poorly identified: %2; "
                "the standard errors are unreliable")
                .arg(result.hessianConditionNumber, 0, 'g', 3)
                .arg(weakestDirection(eigen.eigenvectors().col(0), parameters));
    }
    const Eigen::MatrixXd covariance =
        eigen.eigenvectors() * lambda.cwiseInverse().asDiagonal() * eigen.eigenvectors().transpose();
    for (Eigen::Index i = 0; i < n; ++i) {
        const double se = std::sqrt(covariance(i, i));
        const double logEstimate = result.logEstimates[size_t(i)];
        result.logStandardErrors[size_t(i)] = se;
        result.standardErrors[size_t(i)] = result.estimates[size_t(i)] * se;
        result.ci90Lower[size_t(i)] = std::exp(logEstimate - z95 * se);
        result.ci90Upper[size_t(i)] = std::exp(logEstimate + z95 * se);
        result.shrinkage[size_t(i)] = covariance(i, i) / (parameters[size_t(i)].omega * parameters[size_t(i)].omega);
        for (Eigen::Index j = 0; j < n; ++j) {
            result.logCovariance[size_t(i * n + j)] = covariance(i, j);
            result.correlation[size_t(i * n + j)] = covariance(i, j) / std::sqrt(covariance(i, i) * covariance(j, j));
        }
    }
    result.covarianceValid = true;
}

}  // namespace twin::simulation::calibration
