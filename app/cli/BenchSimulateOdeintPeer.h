#pragma once
// The peer of `didymos-cli bench simulate`'s PK comparison: the pk plugin's linear
// three-compartment model (amounts in mg, time in hours) solved by Boost.Odeint's
// runge_kutta_dopri5 (controlled stepper, integrate_times) on the same output grid as the
// Simulator's run. The infusion rate is piecewise constant, so each interval between rate
// changes is integrated separately, from a fresh stepper, ending exactly on the change (every
// action of the benchmark scenario falls on the output grid; the caller checks it).
// The same ODE as the plugin (modules/sim_api/README.md, pk model.json):
//   dA1/dt = rate − (CL + Q2 + Q3)/V1·A1 + Q2/V2·A2 + Q3/V3·A3,  dA2/dt = Q2/V1·A1 − Q2/V2·A2,
//   dA3/dt = Q3/V1·A1 − Q3/V3·A3,  C = A1/V1,
// with CL the plugin's renally adjusted clearance (its "clearance" output).

#include <boost/numeric/odeint.hpp>

#include <array>
#include <cstddef>
#include <vector>

namespace twin::cli {

struct PkOdeParameters {
    double cl = 0, v1 = 1, q2 = 0, v2 = 1, q3 = 0, v3 = 1;  // L/h, L
};

class BenchSimulateOdeintPeer {
public:
    using State = std::array<double, 3>;

    /// `gridHours`: the output times (from 0); `rateMgPerH[i]`: the infusion rate over
    /// [gridHours[i], gridHours[i+1]).
    BenchSimulateOdeintPeer(PkOdeParameters p, std::vector<double> gridHours, std::vector<double> rateMgPerH,
                            double absTol, double relTol)
        : p_(p), times_(std::move(gridHours)), rates_(std::move(rateMgPerH)), absTol_(absTol), relTol_(relTol) {}

    /// Concentrations (mg/L) at every grid time into `out` (sized like the grid).
    void solve(std::vector<double> &out) const {
        namespace odeint = boost::numeric::odeint;
        const double k10 = p_.cl / p_.v1, k12 = p_.q2 / p_.v1, k21 = p_.q2 / p_.v2, k13 = p_.q3 / p_.v1,
                     k31 = p_.q3 / p_.v3;
        State x{};
        out[0] = 0.0;
        std::size_t start = 0;
        const std::size_t last = times_.size() - 1;
        while (start < last) {
            const double rate = rates_[start];
            std::size_t end = start + 1;
            while (end < last && rates_[end] == rate) ++end;
            auto rhs = [=](const State &s, State &d, double) {
                d[0] = rate - (k10 + k12 + k13) * s[0] + k21 * s[1] + k31 * s[2];
                d[1] = k12 * s[0] - k21 * s[1];
                d[2] = k13 * s[0] - k31 * s[2];
            };
            std::size_t index = start;
            auto observe = [&](const State &s, double) { out[index++] = s[0] / p_.v1; };
            auto stepper = odeint::make_controlled(absTol_, relTol_, odeint::runge_kutta_dopri5<State>());
            odeint::integrate_times(stepper, rhs, x, times_.begin() + std::ptrdiff_t(start),
                                    times_.begin() + std::ptrdiff_t(end) + 1, times_[start + 1] - times_[start],
                                    observe);
            start = end;
        }
    }

private:
    PkOdeParameters p_;
    std::vector<double> times_;
    std::vector<double> rates_;
    double absTol_, relTol_;
};

}  // namespace twin::cli
