#pragma once
// Models with known solutions for the calibration tests, each a PredictFunction, and seeded
// synthetic observations. Truth values are synthetic, chosen of a clinically plausible order
// (stated at each model); they are not published estimates.

#include "twin/simulation/CalibrationModel.h"
#include "twin/simulation/ObservationSet.h"

#include <boost/numeric/odeint.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

namespace twin::test::calibration {

using simulation::Observation;
using simulation::PredictFunction;
using simulation::PredictionPoint;
using simulation::ResidualErrorModel;

/// One-compartment IV bolus (Gibaldi & Perrier, Pharmacokinetics, 2nd ed. 1982, ch. 1):
/// C(t) = D/V·exp(−CL/V·t).
inline double bolusConcentration(double dose, double clearance, double volume, double t) {
    return dose / volume * std::exp(-clearance / volume * t);
}

/// One-compartment zero-order infusion of `dose` over `duration` (Gibaldi & Perrier 1982, ch. 2):
/// C = R/CL·(1 − e^{−kt}) during it, then C(T)·e^{−k(t−T)}, with R = D/T and k = CL/V.
inline double infusionConcentration(double dose, double duration, double clearance, double volume, double t) {
    const double k = clearance / volume, rate = dose / duration;
    if (t <= duration) return rate / clearance * (1.0 - std::exp(-k * t));
    return rate / clearance * (1.0 - std::exp(-k * duration)) * std::exp(-k * (t - duration));
}

/// θ = (CL [L/day], V [L]); 100 mg over 1 h. Truth CL = 5 L/h (120 L/day), V = 50 L: a
/// synthetic small-molecule drug with t½ = 6.9 h.
inline PredictFunction infusionModel(double dose = 100.0, double durationDays = 1.0 / 24.0) {
    return [=](std::span<const double> theta, std::span<const PredictionPoint> points, std::span<double> out) {
        for (size_t i = 0; i < points.size(); ++i) {
            out[i] = infusionConcentration(dose, durationDays, theta[0], theta[1], points[i].timeDays);
        }
        return true;
    };
}

inline PredictFunction bolusModel(double dose = 100.0) {
    return [=](std::span<const double> theta, std::span<const PredictionPoint> points, std::span<double> out) {
        for (size_t i = 0; i < points.size(); ++i) {
            out[i] = bolusConcentration(dose, theta[0], theta[1], points[i].timeDays);
        }
        return true;
    };
}

/// Exponential tumour growth V(t) = V0·2^(t/Td); θ = (V0 [cm³], Td [days]).
inline PredictFunction tumourGrowthModel() {
    return [](std::span<const double> theta, std::span<const PredictionPoint> points, std::span<double> out) {
        for (size_t i = 0; i < points.size(); ++i) out[i] = theta[0] * std::exp2(points[i].timeDays / theta[1]);
        return true;
    };
}

/// Friberg et al. 2002 (J Clin Oncol 20:4713, Fig. 1) myelosuppression model: proliferating
/// cells, three transit compartments and circulating neutrophils, k_tr = 4/MTT, feedback
/// (Circ0/Circ)^γ, drug effect E = slope·C(t) with a one-compartment bolus C = C0·e^{−k t}.
/// θ = (MTT [days], Circ0 [10⁹/L], slope [L/mg]); γ, C0 and k fixed. Solved by Boost.Odeint's
/// controlled Dormand–Prince 5(4) at abs/rel tolerance 1e-10. Returns false if the solver fails.
struct FribergSettings {
    double gamma = 0.17;        // of the order of Friberg 2002's estimates (0.16–0.23)
    double c0 = 10.0;           // mg/L after the dose at t = 0
    double eliminationK = 3.0;  // 1/day (t½ 5.5 h)
};

inline PredictFunction fribergModel(FribergSettings settings = {}) {
    return [settings](std::span<const double> theta, std::span<const PredictionPoint> points, std::span<double> out) {
        using State = std::array<double, 5>;
        const double ktr = 4.0 / theta[0], circ0 = theta[1], slope = theta[2];
        const auto rhs = [&](const State &x, State &dxdt, double t) {
            const double effect = slope * settings.c0 * std::exp(-settings.eliminationK * t);
            const double feedback = std::pow(circ0 / std::max(x[4], 1e-12), settings.gamma);
            dxdt[0] = ktr * x[0] * (1.0 - effect) * feedback - ktr * x[0];
            dxdt[1] = ktr * (x[0] - x[1]);
            dxdt[2] = ktr * (x[1] - x[2]);
            dxdt[3] = ktr * (x[2] - x[3]);
            dxdt[4] = ktr * (x[3] - x[4]);
        };
        std::vector<size_t> order(points.size());
        std::iota(order.begin(), order.end(), size_t(0));
        std::sort(order.begin(), order.end(),
                  [&](size_t a, size_t b) { return points[a].timeDays < points[b].timeDays; });
        State x;
        x.fill(circ0);  // steady state before the dose
        double t = 0.0;
        namespace odeint = boost::numeric::odeint;
        auto stepper = odeint::make_controlled(1e-10, 1e-10, odeint::runge_kutta_dopri5<State>());
        for (size_t index : order) {
            const double target = points[index].timeDays;
            if (target > t) odeint::integrate_adaptive(stepper, rhs, x, t, target, 0.01);
            t = std::max(t, target);
            if (!std::isfinite(x[4]) || x[4] <= 0.0) return false;
            out[index] = x[4];
        }
        return true;
    };
}

/// Observations of `model` at θ_true with the given error: exponential (proportional) noise
/// y = f·e^{σz} or additive y = f + σz, z ~ N(0,1) from mt19937_64(seed). Noise-free if σ·0.
inline std::vector<Observation> synthesise(const PredictFunction &model, std::span<const double> trueTheta,
                                           std::span<const double> timesDays, double sigma,
                                           ResidualErrorModel errorModel, std::uint64_t seed,
                                           const QString &outputId = QStringLiteral("out"), bool addNoise = true) {
    std::vector<PredictionPoint> points;
    for (double t : timesDays) points.push_back({t, outputId});
    std::vector<double> f(points.size());
    model(trueTheta, points, f);
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> normal;
    std::vector<Observation> observations;
    for (size_t i = 0; i < points.size(); ++i) {
        const double z = addNoise ? normal(engine) : 0.0;
        const double y = errorModel == ResidualErrorModel::Proportional ? f[i] * std::exp(sigma * z) : f[i] + sigma * z;
        observations.push_back({points[i].timeDays, y, sigma, outputId, errorModel});
    }
    return observations;
}

}  // namespace twin::test::calibration
