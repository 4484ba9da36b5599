// MapEstimator against closed forms: the conjugate normal posterior of a model linear in ln θ,
// least squares under weak priors (log-linear regression; brute-force grid), the prior alone
// without data; bounds, ill-conditioning, an analytic Jacobian, and errors that name the cause.

#include "CalibrationTestModels.h"
#include "TestMain.h"

#include "twin/simulation/MapEstimator.h"

#include <cmath>
#include <limits>

using namespace twin::simulation;
using namespace twin::test::calibration;

namespace {
bool near(double actual, double expected, double relative) {
    return std::abs(actual - expected) <= relative * std::abs(expected);
}
QString pair(double actual, double expected) {
    return QStringLiteral("got %1, expected %2").arg(actual, 0, 'g', 12).arg(expected, 0, 'g', 12);
}

/// f(t) = θ1·θ2^t: ln f = ln θ1 + t·ln θ2 is linear in ln θ.
PredictFunction logLinearModel() {
    return [](std::span<const double> theta, std::span<const PredictionPoint> points, std::span<double> out) {
        for (size_t i = 0; i < points.size(); ++i) out[i] = theta[0] * std::pow(theta[1], points[i].timeDays);
        return true;
    };
}
}  // namespace

class TestMapEstimator : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void omegaFromCvIsTheLognormalSd();
    void conjugateLogLinearPosteriorIsExact();
    void weakPriorBolusEqualsLogLinearRegression();
    void weakPriorAdditiveInfusionEqualsGridMinimum();
    void noDataGivesThePrior();
    void analyticJacobianGivesTheSameFit();
    void outputsAndErrorModelsAreRoutedPerObservation();
    void boundIsKeptAndReported();
    void unidentifiableParameterIsReported();
    void errorsNameTheCause_data();
    void errorsNameTheCause();
};

void TestMapEstimator::omegaFromCvIsTheLognormalSd() {
    // Lognormal: CV² = e^{ω²} − 1, so CV 30 % ↔ ω = √ln 1.09 = 0.293560...
    QVERIFY(near(CalibrationParameter::omegaFromCv(0.3), std::sqrt(std::log(1.09)), 1e-15));
    QVERIFY(near(CalibrationParameter::fromCv("CL", 5.0, 1.0).omega, std::sqrt(std::log(2.0)), 1e-15));
}

void TestMapEstimator::conjugateLogLinearPosteriorIsExact() {
    // ln y = u1 + t·u2 + σz with prior u ~ N(μ, diag ω²): the posterior is normal with precision
    // P = XᵀX/σ² + diag(1/ω²) and mean P⁻¹(Xᵀ ln y/σ² + μ/ω²) (Bayesian linear regression,
    // Gelman et al., Bayesian Data Analysis, 3rd ed. 2013, §14.2). Here Laplace is exact.
    const std::vector<double> times{0.0, 10.0, 20.0, 40.0};
    const std::vector<double> truth{2.0, std::exp(0.02)};
    const double sigma = 0.1;
    const auto observations = synthesise(logLinearModel(), truth, times, sigma, ResidualErrorModel::Proportional, 7);
    const std::vector<CalibrationParameter> parameters{{"A", 3.0, 0.5}, {"B", std::exp(0.01), 0.01}};

    double p11 = 1.0 / (0.5 * 0.5), p12 = 0.0, p22 = 1.0 / (0.01 * 0.01);
    double b1 = std::log(3.0) / (0.5 * 0.5), b2 = 0.01 / (0.01 * 0.01);
    for (const Observation &o : observations) {
        const double s2 = sigma * sigma, ly = std::log(o.value);
        p11 += 1.0 / s2, p12 += o.timeDays / s2, p22 += o.timeDays * o.timeDays / s2;
        b1 += ly / s2, b2 += o.timeDays * ly / s2;
    }
    const double det = p11 * p22 - p12 * p12;
    const double c11 = p22 / det, c12 = -p12 / det, c22 = p11 / det;
    const double m1 = c11 * b1 + c12 * b2, m2 = c12 * b1 + c22 * b2;

    const auto fit = MapEstimator::fit(parameters, observations, logLinearModel());
    QVERIFY2(fit.ok(), qPrintable(fit.error().message()));
    const CalibrationResult &r = fit.value();
    QVERIFY(r.converged);
    QVERIFY2(near(r.logEstimates[0], m1, 1e-8), qPrintable(pair(r.logEstimates[0], m1)));
    QVERIFY2(near(r.logEstimates[1], m2, 1e-7), qPrintable(pair(r.logEstimates[1], m2)));
    QVERIFY(r.covarianceValid);
    QVERIFY2(near(r.logCovarianceAt(0, 0), c11, 1e-6), qPrintable(pair(r.logCovarianceAt(0, 0), c11)));
    QVERIFY2(near(r.logCovarianceAt(0, 1), c12, 1e-6), qPrintable(pair(r.logCovarianceAt(0, 1), c12)));
    QVERIFY2(near(r.logCovarianceAt(1, 1), c22, 1e-6), qPrintable(pair(r.logCovarianceAt(1, 1), c22)));
    QVERIFY(near(r.correlationAt(0, 1), c12 / std::sqrt(c11 * c22), 1e-6));
    QVERIFY(near(r.shrinkage[1], c22 / (0.01 * 0.01), 1e-6));
    QVERIFY(near(r.ci90Upper[0], std::exp(m1 + 1.6448536269514722 * std::sqrt(c11)), 1e-6));
    QVERIFY(near(r.standardErrors[0], std::exp(m1) * std::sqrt(c11), 1e-6));
    // The objective is Σ r² + Σ prior²: recompute it from the estimates.
    double objective = std::pow((m1 - std::log(3.0)) / 0.5, 2) + std::pow((m2 - 0.01) / 0.01, 2);
    for (const Observation &o : observations)
        objective += std::pow((std::log(o.value) - m1 - o.timeDays * m2) / sigma, 2);
    QVERIFY2(near(r.objective, objective, 1e-8), qPrintable(pair(r.objective, objective)));
}

void TestMapEstimator::weakPriorBolusEqualsLogLinearRegression() {
    // Bolus with exponential error: ln C = ln(D/V) − (CL/V)·t, ordinary least squares in closed
    // form; a prior with ω = 100 shifts the MAP by ~SE²/ω² ≈ 1e-7 relative.
    const std::vector<double> hours{0.5, 1, 2, 6, 12, 24};
    std::vector<double> days;
    for (double h : hours) days.push_back(h / 24.0);
    const std::vector<double> truth{120.0, 50.0};
    const auto observations = synthesise(bolusModel(), truth, days, 0.1, ResidualErrorModel::Proportional, 11);
    double st = 0, sy = 0, stt = 0, sty = 0;
    for (const Observation &o : observations) {
        st += o.timeDays, sy += std::log(o.value), stt += o.timeDays * o.timeDays,
            sty += o.timeDays * std::log(o.value);
    }
    const double n = double(observations.size());
    const double slope = (n * sty - st * sy) / (n * stt - st * st), intercept = (sy - slope * st) / n;
    const double volume = 100.0 / std::exp(intercept), clearance = -slope * volume;

    const std::vector<CalibrationParameter> weak{{"CL", 150.0, 100.0}, {"V", 40.0, 100.0}};
    const auto fit = MapEstimator::fit(weak, observations, bolusModel());
    QVERIFY2(fit.ok(), qPrintable(fit.error().message()));
    QVERIFY(fit.value().converged);
    QVERIFY2(near(fit.value().estimates[0], clearance, 1e-6), qPrintable(pair(fit.value().estimates[0], clearance)));
    QVERIFY2(near(fit.value().estimates[1], volume, 1e-6), qPrintable(pair(fit.value().estimates[1], volume)));
    QVERIFY(fit.value().shrinkage[0] < 1e-4 && fit.value().shrinkage[1] < 1e-4);
}

void TestMapEstimator::weakPriorAdditiveInfusionEqualsGridMinimum() {
    // Additive error on the 1-h infusion (not linear in any transform): the least-squares
    // minimum by brute force, a 201 × 201 grid of ±20 % around the truth, then 201 × 201 at
    // 1/100 of its spacing around the best node; the MAP must fall within one fine spacing.
    const std::vector<double> days{0.5 / 24, 1.0 / 24, 2.0 / 24, 6.0 / 24, 12.0 / 24, 1.0};
    const std::vector<double> truth{120.0, 50.0};
    const PredictFunction model = infusionModel();
    const auto observations = synthesise(model, truth, days, 0.05, ResidualErrorModel::Additive, 5);
    const auto sumOfSquares = [&](double cl, double v) {
        double s = 0;
        for (const Observation &o : observations) {
            const double r = o.value - infusionConcentration(100.0, 1.0 / 24, cl, v, o.timeDays);
            s += r * r;
        }
        return s;
    };
    double bestLogCl = std::log(truth[0]), bestLogV = std::log(truth[1]), spacing = 0.002;
    for (int pass = 0; pass < 2; ++pass, spacing /= 100.0) {
        const double centreCl = bestLogCl, centreV = bestLogV;
        double best = std::numeric_limits<double>::infinity();
        for (int i = -100; i <= 100; ++i) {
            for (int j = -100; j <= 100; ++j) {
                const double lc = centreCl + i * spacing, lv = centreV + j * spacing;
                const double s = sumOfSquares(std::exp(lc), std::exp(lv));
                if (s < best) best = s, bestLogCl = lc, bestLogV = lv;
            }
        }
    }
    const std::vector<CalibrationParameter> weak{{"CL", 100.0, 100.0}, {"V", 60.0, 100.0}};
    const auto fit = MapEstimator::fit(weak, observations, model);
    QVERIFY2(fit.ok(), qPrintable(fit.error().message()));
    const double fine = 0.002 / 100.0;
    QVERIFY2(std::abs(fit.value().logEstimates[0] - bestLogCl) <= fine,
             qPrintable(pair(fit.value().logEstimates[0], bestLogCl)));
    QVERIFY2(std::abs(fit.value().logEstimates[1] - bestLogV) <= fine,
             qPrintable(pair(fit.value().logEstimates[1], bestLogV)));
}

void TestMapEstimator::noDataGivesThePrior() {
    // No observations: the posterior is the prior, θ̂ = θ_pop, SE(ln θ) = ω, shrinkage 1, and
    // the 90 % CI is θ_pop·e^{±1.6449ω}.
    const std::vector<CalibrationParameter> parameters{CalibrationParameter::fromCv("CL", 120.0, 0.4),
                                                       CalibrationParameter::fromCv("V", 50.0, 0.25)};
    MapEstimatorOptions options;
    options.allowEmptyObservations = true;
    const auto fit = MapEstimator::fit(parameters, {}, bolusModel(), options);
    QVERIFY2(fit.ok(), qPrintable(fit.error().message()));
    for (int j = 0; j < 2; ++j) {
        const CalibrationParameter &p = parameters[size_t(j)];
        QVERIFY(near(fit.value().estimates[size_t(j)], p.populationValue, 1e-12));
        QVERIFY(near(fit.value().logStandardErrors[size_t(j)], p.omega, 1e-12));
        QVERIFY(near(fit.value().shrinkage[size_t(j)], 1.0, 1e-12));
        QVERIFY(
            near(fit.value().ci90Lower[size_t(j)], p.populationValue * std::exp(-1.6448536269514722 * p.omega), 1e-12));
        QVERIFY(std::abs(fit.value().correlationAt(0, 1)) < 1e-12);
    }
    QCOMPARE(fit.value().objective, 0.0);
}

void TestMapEstimator::analyticJacobianGivesTheSameFit() {
    // ∂C/∂ln CL = −k·t·C, ∂C/∂ln V = (k·t − 1)·C for the bolus C = D/V·e^{−kt}, k = CL/V.
    const std::vector<double> days{0.02, 0.05, 0.1, 0.25, 0.5, 1.0};
    const std::vector<double> truth{120.0, 50.0};
    const auto observations = synthesise(bolusModel(), truth, days, 0.1, ResidualErrorModel::Proportional, 3);
    const std::vector<CalibrationParameter> parameters{CalibrationParameter::fromCv("CL", 150.0, 0.5),
                                                       CalibrationParameter::fromCv("V", 40.0, 0.5)};
    MapEstimatorOptions analytic;
    analytic.jacobian = [](std::span<const double> theta, std::span<const PredictionPoint> points,
                           std::span<double> d) {
        const double k = theta[0] / theta[1];
        for (size_t i = 0; i < points.size(); ++i) {
            const double c = bolusConcentration(100.0, theta[0], theta[1], points[i].timeDays);
            d[2 * i] = -k * points[i].timeDays * c;
            d[2 * i + 1] = (k * points[i].timeDays - 1.0) * c;
        }
        return true;
    };
    const auto numeric = MapEstimator::fit(parameters, observations, bolusModel());
    const auto exact = MapEstimator::fit(parameters, observations, bolusModel(), analytic);
    QVERIFY(numeric.ok() && exact.ok());
    for (size_t j = 0; j < 2; ++j) {
        QVERIFY(near(exact.value().estimates[j], numeric.value().estimates[j], 1e-7));
        QVERIFY(near(exact.value().logStandardErrors[j], numeric.value().logStandardErrors[j], 1e-6));
    }
    QVERIFY(exact.value().predictCalls < numeric.value().predictCalls);
}

void TestMapEstimator::outputsAndErrorModelsAreRoutedPerObservation() {
    // Two outputs of the bolus, as a record mixes drug levels and other measurements: "conc"
    // (exponential error) and "auc", AUC(0..t) = D/CL·(1 − e^{−kt}) (additive error, mg·day/L).
    // Noise-free data give the truth; the order of the observations does not matter.
    const PredictFunction model = [](std::span<const double> theta, std::span<const PredictionPoint> points,
                                     std::span<double> out) {
        for (size_t i = 0; i < points.size(); ++i) {
            const double t = points[i].timeDays, k = theta[0] / theta[1];
            if (points[i].outputId == "conc") {
                out[i] = bolusConcentration(100.0, theta[0], theta[1], t);
            } else if (points[i].outputId == "auc") {
                out[i] = 100.0 / theta[0] * (1.0 - std::exp(-k * t));
            } else {
                return false;
            }
        }
        return true;
    };
    const std::vector<double> truth{120.0, 50.0};
    auto observations = synthesise(model, truth, std::vector<double>{0.05, 0.5}, 0.1, ResidualErrorModel::Proportional,
                                   1, "conc", false);
    const auto auc =
        synthesise(model, truth, std::vector<double>{0.25, 1.0}, 0.01, ResidualErrorModel::Additive, 1, "auc", false);
    observations.insert(observations.begin() + 1, auc.begin(), auc.end());
    const std::vector<CalibrationParameter> weak{{"CL", 80.0, 1000.0}, {"V", 80.0, 1000.0}};
    const auto fit = MapEstimator::fit(weak, observations, model);
    QVERIFY2(fit.ok(), qPrintable(fit.error().message()));
    QVERIFY2(near(fit.value().estimates[0], 120.0, 1e-6), qPrintable(pair(fit.value().estimates[0], 120.0)));
    QVERIFY2(near(fit.value().estimates[1], 50.0, 1e-6), qPrintable(pair(fit.value().estimates[1], 50.0)));
    std::reverse(observations.begin(), observations.end());
    const auto reversed = MapEstimator::fit(weak, observations, model);
    QVERIFY(reversed.ok() && near(reversed.value().estimates[1], 50.0, 1e-6));
    QVERIFY(near(reversed.value().predictions[1], auc[1].value, 1e-9));  // results follow the observations' order
}

void TestMapEstimator::boundIsKeptAndReported() {
    // The data want CL = 120 L/day; an upper bound of 90 holds it there and says so.
    const std::vector<double> days{0.02, 0.05, 0.1, 0.25, 0.5, 1.0};
    const std::vector<double> truth{120.0, 50.0};
    const auto observations = synthesise(bolusModel(), truth, days, 0.05, ResidualErrorModel::Proportional, 1);
    std::vector<CalibrationParameter> parameters{CalibrationParameter::fromCv("CL", 80.0, 0.5),
                                                 CalibrationParameter::fromCv("V", 50.0, 0.5)};
    parameters[0].upper = 90.0;
    const auto fit = MapEstimator::fit(parameters, observations, bolusModel());
    QVERIFY2(fit.ok(), qPrintable(fit.error().message()));
    QVERIFY2(near(fit.value().estimates[0], 90.0, 1e-9), qPrintable(pair(fit.value().estimates[0], 90.0)));
    QVERIFY(fit.value().atUpperBound[0] && !fit.value().atLowerBound[0] && !fit.value().atUpperBound[1]);
    QVERIFY2(fit.value().boundMessage.contains("CL at its upper bound 90"), qPrintable(fit.value().boundMessage));
}

void TestMapEstimator::unidentifiableParameterIsReported() {
    // The model ignores its second parameter, so only its prior informs it: the Laplace Hessian
    // has eigenvalues 3/σ² = 3e4 (data on "used") and 1/ω² (prior on "unused"). With ω = 1e4
    // the condition number is 3e12 (ill-conditioned, covariance still given); with ω = 1e9 it
    // is 3e22, beyond double precision (singular: no covariance).
    const std::vector<double> days{0.0, 1.0, 2.0};
    const PredictFunction model = [](std::span<const double> theta, std::span<const PredictionPoint> points,
                                     std::span<double> out) {
        for (size_t i = 0; i < points.size(); ++i) out[i] = theta[0] * (1.0 + points[i].timeDays);
        return true;
    };
    const std::vector<double> truth{2.0, 1.0};
    const auto observations = synthesise(model, truth, days, 0.01, ResidualErrorModel::Proportional, 2);
    std::vector<CalibrationParameter> parameters{{"used", 1.0, 1.0}, {"unused", 1.0, 1e4}};
    const auto ill = MapEstimator::fit(parameters, observations, model);
    QVERIFY2(ill.ok(), qPrintable(ill.error().message()));
    QVERIFY2(near(ill.value().hessianConditionNumber, 3e4 * 1e8, 1e-3),
             qPrintable(pair(ill.value().hessianConditionNumber, 3e12)));
    QVERIFY(ill.value().covarianceValid);
    QVERIFY2(ill.value().covarianceMessage.contains("ill-conditioned") &&
                 ill.value().covarianceMessage.contains("poorly identified: unused"),
             qPrintable(ill.value().covarianceMessage));
    QVERIFY(near(ill.value().estimates[0], 2.0, 0.05));

    parameters[1].omega = 1e9;
    const auto singular = MapEstimator::fit(parameters, observations, model);
    QVERIFY2(singular.ok(), qPrintable(singular.error().message()));
    QVERIFY(!singular.value().covarianceValid);
    QVERIFY(std::isnan(singular.value().logStandardErrors[0]));
    QVERIFY2(singular.value().covarianceMessage.contains("singular") &&
                 singular.value().covarianceMessage.contains("not identifiable: unused"),
             qPrintable(singular.value().covarianceMessage));
}

void TestMapEstimator::errorsNameTheCause_data() {
    QTest::addColumn<int>("defect");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no observations") << 0 << "no observations";
    QTest::newRow("sigma zero") << 1 << "observation 2 (conc at day 0.1): residual SD sigma must be positive";
    QTest::newRow("predict fails") << 2 << "predict returned false) at θ = (CL=120, V=50)";
    QTest::newRow("predict NaN") << 3 << "non-finite value for observation 0 (conc at day 0.02) at θ = (CL=120, V=50)";
    QTest::newRow("log of zero")
        << 4 << "observation 1 (conc at day 0.05): proportional (log-scale) error needs a positive value";
    QTest::newRow("omega") << 5 << "parameter 1 (V): omega (SD of ln θ) must be positive and finite, got 0";
    QTest::newRow("population") << 6 << "parameter 0 (CL): population value must be positive and finite, got -1";
    QTest::newRow("duplicate") << 7 << "parameter 1 (CL): duplicate parameter id";
    QTest::newRow("outside bounds") << 8 << "parameter 0 (CL): population value 120 lies outside the bounds [1, 100]";
}

void TestMapEstimator::errorsNameTheCause() {
    QFETCH(int, defect);
    QFETCH(QString, expected);
    const std::vector<double> days{0.02, 0.05, 0.1};
    const std::vector<double> truth{120.0, 50.0};
    auto observations = synthesise(bolusModel(), truth, days, 0.1, ResidualErrorModel::Proportional, 1, "conc");
    std::vector<CalibrationParameter> parameters{{"CL", 120.0, 0.3}, {"V", 50.0, 0.3}};
    PredictFunction model = bolusModel();
    if (defect == 0) observations.clear();
    if (defect == 1) observations[2].sigma = 0.0;
    if (defect == 2) model = [](auto, auto, auto) { return false; };
    if (defect == 3) {
        model = [](auto, std::span<const PredictionPoint>, std::span<double> out) {
            std::fill(out.begin(), out.end(), std::numeric_limits<double>::quiet_NaN());
            return true;
        };
    }
    if (defect == 4) observations[1].value = 0.0;
    if (defect == 5) parameters[1].omega = 0.0;
    if (defect == 6) parameters[0].populationValue = -1.0;
    if (defect == 7) parameters[1].id = "CL";
    if (defect == 8) parameters[0].lower = 1.0, parameters[0].upper = 100.0;
    const auto fit = MapEstimator::fit(parameters, observations, model);
    QVERIFY(!fit.ok());
    QCOMPARE(fit.error().code(), twin::core::Error::Code::InvalidInput);
    QVERIFY2(fit.error().message().contains(expected), qPrintable(fit.error().message()));
}

DIDYMOS_TEST_MAIN(TestMapEstimator)
#include "TestMapEstimator.moc"
