// PredictionBands: posterior samples of ln θ through a square root A of Σ (Cholesky, or the
// eigen-decomposition with negative round-off eigenvalues set to 0 where Cholesky fails),
// u_k = ln θ̂ + A·z_k, predictions per sample into a samples × points table, then per point the
// quantiles of the samples that succeeded.

#include "twin/simulation/PredictionBands.h"

#include "calibration/GaussianSampler.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/Eigenvalues>

#include <QStringList>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace twin::simulation {

namespace {

/// Hyndman & Fan (1996, Am Stat 50:361) type 7 on sorted values.
double quantileOfSorted(const std::vector<double> &sorted, double p) {
    const double h = double(sorted.size() - 1) * p;
    const auto below = size_t(std::floor(h));
    if (below + 1 >= sorted.size()) return sorted.back();
    return sorted[below] + (h - double(below)) * (sorted[below + 1] - sorted[below]);
}

Eigen::MatrixXd squareRoot(const Eigen::MatrixXd &covariance) {
    const Eigen::LLT<Eigen::MatrixXd> cholesky(covariance);
    if (cholesky.info() == Eigen::Success) return cholesky.matrixL();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(covariance);
    return eigen.eigenvectors() * eigen.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal();
}

QString describeTheta(const CalibrationResult &calibration, std::span<const double> theta) {
    QStringList parts;
    for (size_t j = 0; j < theta.size(); ++j) {
        parts << QStringLiteral("%1=%2").arg(calibration.parameterIds.value(qsizetype(j))).arg(theta[j], 0, 'g', 6);
    }
    return parts.join(QStringLiteral(", "));
}

core::Status validateInputs(const CalibrationResult &calibration, std::span<const PredictionPoint> points,
                            const PredictFunction &predict, const PredictionBandsOptions &options) {
    const size_t n = calibration.estimates.size();
    if (points.empty()) return core::Error::invalidInput(QStringLiteral("no prediction points"));
    if (!predict) return core::Error::invalidInput(QStringLiteral("no predict function"));
    if (n == 0 || calibration.logEstimates.size() != n || calibration.logCovariance.size() != n * n ||
        calibration.lower.size() != n || calibration.upper.size() != n) {
        return core::Error::invalidInput(QStringLiteral("the calibration result is incomplete"));
    }
    if (!calibration.covarianceValid) {
        return core::Error::invalidInput(
            QStringLiteral("the calibration has no valid covariance (%1)").arg(calibration.covarianceMessage));
    }
    if (options.sampleCount < 2) return core::Error::invalidInput(QStringLiteral("sampleCount must be at least 2"));
    if (!(options.lowerQuantile >= 0.0 && options.lowerQuantile < 0.5 && options.upperQuantile > 0.5 &&
          options.upperQuantile <= 1.0)) {
        return core::Error::invalidInput(
            QStringLiteral("quantiles must satisfy 0 ≤ lower < 0.5 < upper ≤ 1, got %1 and %2")
                .arg(options.lowerQuantile)
                .arg(options.upperQuantile));
    }
    return {};
}

bool predictFinite(const PredictFunction &predict, std::span<const double> theta,
                   std::span<const PredictionPoint> points, std::span<double> out) {
    if (!predict(theta, points, out)) return false;
    return std::all_of(out.begin(), out.end(), [](double v) { return std::isfinite(v); });
}

}  // namespace

core::Result<PredictionBandsResult> PredictionBands::compute(const CalibrationResult &calibration,
                                                             std::span<const PredictionPoint> points,
                                                             const PredictFunction &predict,
                                                             const PredictionBandsOptions &options) {
    if (const core::Status valid = validateInputs(calibration, points, predict, options); !valid) {
        return valid.error();
    }
    const auto n = Eigen::Index(calibration.estimates.size());
    const size_t pointCount = points.size(), samples = size_t(options.sampleCount);
    const Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> covariance(
        calibration.logCovariance.data(), n, n);
    const Eigen::MatrixXd root = squareRoot(covariance);
    const Eigen::Map<const Eigen::VectorXd> mean(calibration.logEstimates.data(), n);

    PredictionBandsResult result;
    result.points.assign(points.begin(), points.end());
    result.lowerQuantile = options.lowerQuantile;
    result.upperQuantile = options.upperQuantile;
    result.sampleCount = options.sampleCount;
    result.seed = options.seed;
    result.atEstimate.resize(pointCount);
    if (!predictFinite(predict, calibration.estimates, points, result.atEstimate)) {
        return core::Error::invalidInput(QStringLiteral("predict failed at the estimate θ̂ = (%1)")
                                             .arg(describeTheta(calibration, calibration.estimates)));
    }

    // θ of every sample first (cheap, sequential), then predictions (possibly parallel).
    std::vector<double> thetas(samples * size_t(n)), predictions(samples * pointCount);
    std::vector<char> succeeded(samples, 0);
    Eigen::VectorXd z(n);
    for (size_t k = 0; k < samples; ++k) {
        calibration::GaussianSampler(options.seed, k).fill({z.data(), size_t(n)});
        const Eigen::VectorXd u = mean + root * z;
        for (Eigen::Index j = 0; j < n; ++j) {
            const double theta = std::exp(u[j]);
            thetas[k * size_t(n) + size_t(j)] =
                std::clamp(theta, calibration.lower[size_t(j)], calibration.upper[size_t(j)]);
        }
    }
    const auto runSample = [&](size_t k) {
        const std::span<const double> theta(thetas.data() + k * size_t(n), size_t(n));
        const std::span<double> out(predictions.data() + k * pointCount, pointCount);
        succeeded[k] = predictFinite(predict, theta, points, out) ? 1 : 0;
    };
    std::vector<size_t> indices(samples);
    std::iota(indices.begin(), indices.end(), size_t(0));
    if (options.parallel) {
        QtConcurrent::blockingMap(indices, runSample);
    } else {
        std::for_each(indices.begin(), indices.end(), runSample);
    }

    const auto firstFailure = std::find(succeeded.begin(), succeeded.end(), 0);
    result.failedSamples = int(std::count(succeeded.begin(), succeeded.end(), 0));
    if (result.failedSamples > 0 && (double(result.failedSamples) > options.maxFailedFraction * double(samples) ||
                                     result.failedSamples >= int(samples) - 1)) {
        const size_t k = size_t(firstFailure - succeeded.begin());
        return core::Error::invalidInput(
            QStringLiteral("predict failed for %1 of %2 posterior samples (more than %3 %), first at θ = (%4)")
                .arg(result.failedSamples)
                .arg(samples)
                .arg(100.0 * options.maxFailedFraction)
                .arg(describeTheta(calibration, {thetas.data() + k * size_t(n), size_t(n)})));
    }

    result.lower.resize(pointCount);
    result.median.resize(pointCount);
    result.upper.resize(pointCount);
    std::vector<double> column;
    column.reserve(samples);
    for (size_t i = 0; i < pointCount; ++i) {
        column.clear();
        for (size_t k = 0; k < samples; ++k) {
            if (succeeded[k]) column.push_back(predictions[k * pointCount + i]);
        }
        std::sort(column.begin(), column.end());
        result.lower[i] = quantileOfSorted(column, options.lowerQuantile);
        result.median[i] = quantileOfSorted(column, 0.5);
        result.upper[i] = quantileOfSorted(column, options.upperQuantile);
    }
    return result;
}

}  // namespace twin::simulation
