// PredictionBands: quantiles of a model log-linear in ln θ against the exact lognormal bands,
// widening away from the observations after a fit, clamping to bounds, bit-identical results for
// one seed (serial or parallel), and errors that name the cause.

#include "CalibrationTestModels.h"
#include "TestMain.h"

#include "twin/simulation/MapEstimator.h"
#include "twin/simulation/PredictionBands.h"

#include <cmath>
#include <cstring>

using namespace twin::simulation;
using namespace twin::test::calibration;

namespace {
constexpr double z95 = 1.6448536269514722;

/// f(t) = θ1·θ2^t, so ln f(t) = u1 + t·u2 ~ N(μ1 + tμ2, Σ11 + 2tΣ12 + t²Σ22) exactly.
PredictFunction logLinearModel() {
    return [](std::span<const double> theta, std::span<const PredictionPoint> points, std::span<double> out) {
        for (size_t i = 0; i < points.size(); ++i) out[i] = theta[0] * std::pow(theta[1], points[i].timeDays);
        return true;
    };
}

/// A calibration result written by hand: ln θ̂ = (ln 2, 0.02), Σ = [[0.04, −0.001], [−0.001, 1e-4]].
CalibrationResult handMadePosterior() {
    CalibrationResult r;
    r.parameterIds = QStringList{"A", "B"};
    r.logEstimates = {std::log(2.0), 0.02};
    r.estimates = {2.0, std::exp(0.02)};
    r.lower = {0.0, 0.0};
    r.upper = {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    r.logCovariance = {0.04, -0.001, -0.001, 1e-4};
    r.covarianceValid = true;
    return r;
}

std::vector<PredictionPoint> pointsAt(std::initializer_list<double> days) {
    std::vector<PredictionPoint> points;
    for (double t : days) points.push_back({t, "out"});
    return points;
}

bool identical(const std::vector<double> &a, const std::vector<double> &b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}
}  // namespace

class TestPredictionBands : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void matchesExactLognormalBands();
    void widensAwayFromTheObservations();
    void samplesAreClampedToBounds();
    void sameSeedGivesBitIdenticalBands();
    void fewFailedSamplesAreDroppedAndCounted();
    void errorsNameTheCause();
};

void TestPredictionBands::matchesExactLognormalBands() {
    // Monte Carlo SE of a sample p-quantile of N(m, s²): s·√(p(1−p)/N)/φ(z_p) (e.g. Serfling
    // 1980, Approximation Theorems of Mathematical Statistics, §2.3): 0.034·s at 5 % and 0.020·s
    // at 50 % for N = 4000; tolerance 4 SE in ln f.
    const CalibrationResult posterior = handMadePosterior();
    const auto points = pointsAt({0.0, 10.0, 40.0, 100.0});
    PredictionBandsOptions options;
    options.sampleCount = 4000;
    const auto bands = PredictionBands::compute(posterior, points, logLinearModel(), options);
    QVERIFY2(bands.ok(), qPrintable(bands.error().message()));
    QCOMPARE(bands.value().failedSamples, 0);
    for (size_t i = 0; i < points.size(); ++i) {
        const double t = points[i].timeDays;
        const double mean = std::log(2.0) + 0.02 * t, sd = std::sqrt(0.04 - 0.002 * t + 1e-4 * t * t);
        const QString where = QStringLiteral("t = %1").arg(t);
        QVERIFY2(std::abs(std::log(bands.value().lower[i]) - (mean - z95 * sd)) < 4 * 0.034 * sd, qPrintable(where));
        QVERIFY2(std::abs(std::log(bands.value().median[i]) - mean) < 4 * 0.020 * sd, qPrintable(where));
        QVERIFY2(std::abs(std::log(bands.value().upper[i]) - (mean + z95 * sd)) < 4 * 0.034 * sd, qPrintable(where));
        QCOMPARE(bands.value().atEstimate[i], 2.0 * std::pow(std::exp(0.02), t));
    }
    // The exact band is narrowest at t = −Σ12/Σ22 = 10 and wider on both sides.
    const auto width = [&](size_t i) { return std::log(bands.value().upper[i] / bands.value().lower[i]); };
    QVERIFY(width(1) < width(0) && width(1) < width(2) && width(2) < width(3));
}

void TestPredictionBands::widensAwayFromTheObservations() {
    // A lesion scanned at days 0, 90 and 180 (synthetic V0 10 cm³, Td 90 days): after the fit
    // the relative width of the 90 % band is smallest within the scans and grows with the
    // extrapolation; each band holds its median and the prediction at θ̂.
    const auto scans =
        synthesise(tumourGrowthModel(), std::vector<double>{10.0, 90.0}, std::vector<double>{0.0, 90.0, 180.0}, 0.05,
                   ResidualErrorModel::Proportional, 21, "volume");
    const std::vector<CalibrationParameter> prior{CalibrationParameter::fromCv("V0", 8.0, 1.0),
                                                  CalibrationParameter::fromCv("Td", 120.0, 0.6)};
    const auto fit = MapEstimator::fit(prior, scans, tumourGrowthModel());
    QVERIFY2(fit.ok(), qPrintable(fit.error().message()));
    const auto points = pointsAt({90.0, 180.0, 270.0, 365.0, 730.0});
    const auto bands = PredictionBands::compute(fit.value(), points, tumourGrowthModel());
    QVERIFY2(bands.ok(), qPrintable(bands.error().message()));
    const PredictionBandsResult &b = bands.value();
    for (size_t i = 0; i < points.size(); ++i) {
        QVERIFY(b.lower[i] < b.median[i] && b.median[i] < b.upper[i]);
        QVERIFY(b.lower[i] < b.atEstimate[i] && b.atEstimate[i] < b.upper[i]);
        if (i > 0) QVERIFY2(b.upper[i] / b.lower[i] > b.upper[i - 1] / b.lower[i - 1], qPrintable(QString::number(i)));
    }
    // Two years out the band spans more than a factor of 2 in volume; within the scans < 1.2.
    QVERIFY2(b.upper[4] / b.lower[4] > 2.0, qPrintable(QString::number(b.upper[4] / b.lower[4])));
    QVERIFY2(b.upper[0] / b.lower[0] < 1.2, qPrintable(QString::number(b.upper[0] / b.lower[0])));
}

void TestPredictionBands::samplesAreClampedToBounds() {
    // An upper bound on A at its estimate: at t = 0 f = A, so half the samples sit on the bound
    // and the median and the 95 % quantile equal it exactly.
    CalibrationResult posterior = handMadePosterior();
    posterior.upper[0] = 2.0;
    const auto bands = PredictionBands::compute(posterior, pointsAt({0.0}), logLinearModel());
    QVERIFY2(bands.ok(), qPrintable(bands.error().message()));
    QCOMPARE(bands.value().upper[0], 2.0);
    QVERIFY(bands.value().lower[0] < 2.0);
    QVERIFY(std::abs(bands.value().median[0] - 2.0) < 0.02);
}

void TestPredictionBands::sameSeedGivesBitIdenticalBands() {
    const CalibrationResult posterior = handMadePosterior();
    const auto points = pointsAt({0.0, 5.0, 50.0});
    PredictionBandsOptions options;
    options.seed = 42;
    const auto first = PredictionBands::compute(posterior, points, logLinearModel(), options);
    const auto second = PredictionBands::compute(posterior, points, logLinearModel(), options);
    options.parallel = true;
    const auto parallel = PredictionBands::compute(posterior, points, logLinearModel(), options);
    options.parallel = false;
    options.seed = 43;
    const auto otherSeed = PredictionBands::compute(posterior, points, logLinearModel(), options);
    QVERIFY(first.ok() && second.ok() && parallel.ok() && otherSeed.ok());
    QCOMPARE(first.value().seed, std::uint64_t(42));
    for (const auto *r : {&second.value(), &parallel.value()}) {
        QVERIFY(identical(first.value().lower, r->lower));
        QVERIFY(identical(first.value().median, r->median));
        QVERIFY(identical(first.value().upper, r->upper));
    }
    QVERIFY(!identical(first.value().upper, otherSeed.value().upper));
}

void TestPredictionBands::fewFailedSamplesAreDroppedAndCounted() {
    // predict fails for A beyond its 99.5th percentile (z > 2.576): about 5 of 1000 samples,
    // fewer than the 1 % allowed; a failure above the 90th percentile (~100) is refused.
    const CalibrationResult posterior = handMadePosterior();
    const auto failingAbove = [](double limit) -> PredictFunction {
        return [limit](std::span<const double> theta, std::span<const PredictionPoint> points, std::span<double> out) {
            if (theta[0] > limit) return false;
            return logLinearModel()(theta, points, out);
        };
    };
    const auto few = PredictionBands::compute(posterior, pointsAt({1.0}), failingAbove(2.0 * std::exp(2.576 * 0.2)));
    QVERIFY2(few.ok(), qPrintable(few.error().message()));
    QVERIFY2(few.value().failedSamples > 0 && few.value().failedSamples <= 10,
             qPrintable(QString::number(few.value().failedSamples)));
    const auto many = PredictionBands::compute(posterior, pointsAt({1.0}), failingAbove(2.0 * std::exp(1.2816 * 0.2)));
    QVERIFY(!many.ok());
    QVERIFY2(many.error().message().contains("posterior samples (more than 1 %), first at θ = (A="),
             qPrintable(many.error().message()));
}

void TestPredictionBands::errorsNameTheCause() {
    const CalibrationResult posterior = handMadePosterior();
    const auto noPoints = PredictionBands::compute(posterior, {}, logLinearModel());
    QVERIFY(!noPoints.ok() && noPoints.error().message().contains("no prediction points"));

    CalibrationResult singular = posterior;
    singular.covarianceValid = false;
    singular.covarianceMessage = "the Laplace Hessian is singular";
    const auto noCovariance = PredictionBands::compute(singular, pointsAt({1.0}), logLinearModel());
    QVERIFY(!noCovariance.ok());
    QVERIFY2(noCovariance.error().message().contains("no valid covariance (the Laplace Hessian is singular)"),
             qPrintable(noCovariance.error().message()));

    const PredictFunction broken = [](auto, auto, auto) { return false; };
    const auto atEstimate = PredictionBands::compute(posterior, pointsAt({1.0}), broken);
    QVERIFY(!atEstimate.ok());
    QVERIFY2(atEstimate.error().message().contains("predict failed at the estimate θ̂ = (A=2, B=1.0202"),
             qPrintable(atEstimate.error().message()));

    PredictionBandsOptions options;
    options.upperQuantile = 0.4;
    const auto badQuantile = PredictionBands::compute(posterior, pointsAt({1.0}), logLinearModel(), options);
    QVERIFY(!badQuantile.ok() && badQuantile.error().message().contains("quantiles must satisfy"));
}

DIDYMOS_TEST_MAIN(TestPredictionBands)
#include "TestPredictionBands.moc"
