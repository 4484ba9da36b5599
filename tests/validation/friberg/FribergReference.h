#pragma once
// FribergReference: an independent high-accuracy solution of the Friberg et al. (J Clin Oncol
// 2002;20:4713-4721) neutrophil model for the validation test, written from the paper's
// equations (not from the plugin's code) and integrated with Boost.Odeint's controlled
// runge_kutta_dopri5 at rtol 1e-10, atol 1e-12 × Circ0, over each host step with the drug effect
// held, exactly as the host holds the plugin's input.

#include <boost/numeric/odeint.hpp>

#include <array>
#include <cmath>

namespace twin::test {

class FribergReference {
public:
    using State = std::array<double, 5>;  // Prol, Transit1, Transit2, Transit3, Circ

    FribergReference(double circ0, double mttHours, double gamma)
        : circ0_(circ0), ktrPerDay_(4.0 / mttHours * 24.0), gamma_(gamma) {
        x_.fill(circ0);
    }

    /// Advances by dtDays with Edrug held at `effect`.
    void step(double dtDays, double effect) {
        namespace odeint = boost::numeric::odeint;
        auto rhs = [this, effect](const State &x, State &dxdt, double) {
            const double ktr = ktrPerDay_;
            dxdt[0] = ktr * x[0] * (1.0 - effect) * std::pow(circ0_ / x[4], gamma_) - ktr * x[0];
            dxdt[1] = ktr * x[0] - ktr * x[1];
            dxdt[2] = ktr * x[1] - ktr * x[2];
            dxdt[3] = ktr * x[2] - ktr * x[3];
            dxdt[4] = ktr * x[3] - ktr * x[4];
        };
        auto stepper = odeint::make_controlled(1e-12 * circ0_, 1e-10, odeint::runge_kutta_dopri5<State>());
        odeint::integrate_adaptive(stepper, rhs, x_, 0.0, dtDays, dtDays / 16.0);
    }

    double circ() const { return x_[4]; }
    const State &state() const { return x_; }

private:
    double circ0_, ktrPerDay_, gamma_;
    State x_{};
};

}  // namespace twin::test
