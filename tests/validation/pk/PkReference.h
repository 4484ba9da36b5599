#pragma once
// PkReference: independent references for the pk plugin's validation, written from the
// textbook formulas and not from the plugin's code (no matrix exponential here):
// - closed forms (Gibaldi M, Perrier D. Pharmacokinetics, 2nd ed. 1982, ch. 1-2): 1-compartment
//   IV bolus, zero-order infusion during and after, first-order absorption (Bateman function),
//   2-compartment IV bolus bi-exponential with macro constants alpha, beta from k10, k12, k21;
// - a numerical solution of the same linear ODEs with Boost.Odeint's controlled
//   runge_kutta_dopri5 (error-controlled Dormand-Prince 5(4)), integrating exactly up to every
//   dose event and output time. Time in hours, amounts in mg, volumes in L.

#include <boost/numeric/odeint.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace twin::test::pk {

inline double oneCompartmentBolus(double doseMg, double v, double cl, double tHours) {
    return doseMg / v * std::exp(-cl / v * tHours);
}

/// Zero-order infusion at rateMgPerH for durationHours, from t = 0.
inline double oneCompartmentInfusion(double rateMgPerH, double durationHours, double v, double cl, double tHours) {
    const double k = cl / v;
    if (tHours <= durationHours) return rateMgPerH / cl * (1.0 - std::exp(-k * tHours));
    return rateMgPerH / cl * (1.0 - std::exp(-k * durationHours)) * std::exp(-k * (tHours - durationHours));
}

/// Bateman function: C(t) = F D ka / (V (ka - k)) (exp(-k t) - exp(-ka t)), ka != k.
inline double bateman(double f, double doseMg, double ka, double v, double cl, double tHours) {
    const double k = cl / v;
    return f * doseMg * ka / (v * (ka - k)) * (std::exp(-k * tHours) - std::exp(-ka * tHours));
}

/// 2-compartment IV bolus: C = D/V1 (A e^-alpha t + B e^-beta t), alpha + beta = k10 + k12 + k21,
/// alpha beta = k10 k21, A = (alpha - k21)/(alpha - beta), B = (k21 - beta)/(alpha - beta).
inline double twoCompartmentBolus(double doseMg, double v1, double cl, double q, double v2, double tHours) {
    const double k10 = cl / v1, k12 = q / v1, k21 = q / v2;
    const double sum = k10 + k12 + k21;
    const double root = std::sqrt(sum * sum - 4.0 * k10 * k21);
    const double alpha = 0.5 * (sum + root), beta = 0.5 * (sum - root);
    const double a = (alpha - k21) / (alpha - beta), b = (k21 - beta) / (alpha - beta);
    return doseMg / v1 * (a * std::exp(-alpha * tHours) + b * std::exp(-beta * tHours));
}

/// Gut depot + 3-compartment disposition + AUC integral, solved by Odeint's dopri5.
class Dopri5Reference {
public:
    struct Disposition {
        double cl, v1, q2, v2, q3, v3, ka, f;
    };
    enum class Kind { Bolus, Oral, InfusionStart, InfusionStop };
    struct Event {
        double tHours;
        Kind kind;
        double value;  // mg for doses, mg/h for an infusion start
    };
    using State = std::array<double, 5>;  // gut, central, periph2, periph3, integral of central (mg.h)

    Dopri5Reference(Disposition d, std::vector<Event> events, double relTol, double absTol)
        : d_(d), events_(std::move(events)), relTol_(relTol), absTol_(absTol) {
        std::stable_sort(events_.begin(), events_.end(),
                         [](const Event &a, const Event &b) { return a.tHours < b.tHours; });
    }

    /// Central concentration (mg/L) and AUC (mg.h/L) at ascending times (hours, >= 0).
    /// The value at a time is taken before the events at that time (as the host reads outputs
    /// after a step and applies the actions due at that boundary before the next step).
    std::vector<std::array<double, 2>> solve(const std::vector<double> &times) const {
        namespace odeint = boost::numeric::odeint;
        State x{};
        double t = 0.0, rate = 0.0;
        std::size_t next = 0;
        std::vector<std::array<double, 2>> out;
        auto advance = [&](double to) {
            if (to <= t) return;
            auto rhs = [this, &rate](const State &s, State &dsdt, double) {
                const double k10 = d_.cl / d_.v1, k12 = d_.q2 / d_.v1, k21 = d_.q2 / d_.v2;
                const double k13 = d_.q3 / d_.v1, k31 = d_.q3 / d_.v3;
                dsdt[0] = -d_.ka * s[0];
                dsdt[1] = d_.ka * s[0] - (k10 + k12 + k13) * s[1] + k21 * s[2] + k31 * s[3] + rate;
                dsdt[2] = k12 * s[1] - k21 * s[2];
                dsdt[3] = k13 * s[1] - k31 * s[3];
                dsdt[4] = s[1];
            };
            // A fresh stepper per segment: dopri5 is first-same-as-last and would otherwise reuse
            // the derivative from before a dose or a rate change.
            auto stepper = odeint::make_controlled(absTol_, relTol_, odeint::runge_kutta_dopri5<State>());
            odeint::integrate_adaptive(stepper, rhs, x, t, to, 1e-3);
            t = to;
        };
        for (double time : times) {
            while (next < events_.size() && events_[next].tHours < time) {
                advance(events_[next].tHours);
                apply(events_[next++], x, rate);
            }
            advance(time);
            out.push_back({x[1] / d_.v1, x[4] / d_.v1});
        }
        return out;
    }

private:
    void apply(const Event &e, State &x, double &rate) const {
        switch (e.kind) {
            case Kind::Bolus:
                x[1] += e.value;
                break;
            case Kind::Oral:
                x[0] += d_.f * e.value;
                break;
            case Kind::InfusionStart:
                rate += e.value;
                break;
            case Kind::InfusionStop:
                rate = 0.0;
                break;
        }
    }

    Disposition d_;
    std::vector<Event> events_;
    double relTol_, absTol_;
};

}  // namespace twin::test::pk
