#pragma once
// MinimalModelReference: an independent, high-accuracy solution of the Bergman minimal model
// IVGTT for the validation test, written from the papers, not from the plugin's code:
//
//   dG/dt = −(SG + X)·G + SG·Gb                      (Bergman et al. 1979, Am J Physiol 236:E667)
//   dX/dt = −p2·X + p3·(I − Ib)
//   dI/dt = −n·(I − Ib) + γ·(G − h)+·t,  t ≤ T_sec   (Bergman, Phillips & Cobelli 1981, J Clin
//   dI/dt = −n·(I − Ib),                 t > T_sec    Invest 68:1456; De Gaetano & Arino 2000)
//
// with G(0) = Gb + D/V and I(0) = Ib + gain·D/V after a glucose bolus D at t = 0. Integrated with
// Boost.Odeint's Runge–Kutta–Fehlberg 7(8) at abs/rel tolerance 1e-13 (a different method and
// much tighter tolerance than the plugin's Dormand–Prince 5(4) at 1e-10), in two pieces so no
// step straddles the end of the secretion window.

#include <boost/numeric/odeint.hpp>

#include <algorithm>
#include <array>

namespace twin::test {

struct MinimalModelReference {
    double sg, p2, p3, n, gamma, h, gb, ib, secretionWindowMin;
    double g0, i0;  // state just after the bolus

    using State = std::array<double, 3>;  // G, X, I

    /// {G, X, I} at `tMin` minutes after the bolus.
    State at(double tMin) const {
        namespace odeint = boost::numeric::odeint;
        State x = {g0, 0.0, i0};
        const auto rhs = [this](bool secreting) {
            return [this, secreting](const State &s, State &d, double t) {
                d[0] = -(sg + s[1]) * s[0] + sg * gb;
                d[1] = -p2 * s[1] + p3 * (s[2] - ib);
                d[2] = -n * (s[2] - ib) + (secreting ? gamma * std::max(s[0] - h, 0.0) * t : 0.0);
            };
        };
        const double firstEnd = std::min(tMin, secretionWindowMin);
        if (firstEnd > 0.0) {
            auto stepper = odeint::make_controlled(1e-13, 1e-13, odeint::runge_kutta_fehlberg78<State>());
            odeint::integrate_adaptive(stepper, rhs(true), x, 0.0, firstEnd, 0.01);
        }
        if (tMin > firstEnd) {
            auto stepper = odeint::make_controlled(1e-13, 1e-13, odeint::runge_kutta_fehlberg78<State>());
            odeint::integrate_adaptive(stepper, rhs(false), x, firstEnd, tMin, 0.01);
        }
        return x;
    }
};

}  // namespace twin::test
