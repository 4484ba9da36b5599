#pragma once
// OdeintDopri5Peer: the benchmark's peer. The same three-compartment ODE (amounts in mg, time in
// hours) solved by Boost.Odeint's runge_kutta_dopri5 and integrate_times on the 1-minute grid,
// in either of Odeint's two ways: Dense (make_dense_output: error-controlled steps as long as
// the tolerance allows, grid values from dopri5's 4th-order continuous extension) or Controlled
// (make_controlled: every step ends on a grid point, no interpolation). The input rate is
// piecewise constant, so each infusion-on/off segment is integrated separately from its first
// grid point, with a fresh stepper (no derivative from before a rate change is reused).

#include "DocetaxelRegimen.h"

#include <boost/numeric/odeint.hpp>

#include <array>
#include <vector>

namespace twin::test::pk {

class OdeintDopri5Peer {
public:
    using State = std::array<double, 3>;

    enum class Mode { Dense, Controlled };

    OdeintDopri5Peer(Mode mode, double absTol, double relTol) : mode_(mode), absTol_(absTol), relTol_(relTol) {
        using R = DocetaxelRegimen;
        times_.reserve(R::kGridMinutes + 1);
        for (int m = 0; m <= R::kGridMinutes; ++m) times_.push_back(m / 60.0);
    }

    /// Concentrations (mg/L) at minutes 1 .. kGridMinutes into `out` (sized kGridMinutes).
    void solve(std::vector<double> &out) const {
        namespace odeint = boost::numeric::odeint;
        using R = DocetaxelRegimen;
        constexpr double k10 = R::kCl / R::kV1, k12 = R::kQ2 / R::kV1, k21 = R::kQ2 / R::kV2;
        constexpr double k13 = R::kQ3 / R::kV1, k31 = R::kQ3 / R::kV3;
        State x{};
        int segmentStart = 0;
        while (segmentStart < R::kGridMinutes) {
            const double rate = R::rateAtMinute(segmentStart);
            int segmentEnd = segmentStart + 1;
            while (segmentEnd < R::kGridMinutes && R::rateAtMinute(segmentEnd) == rate) ++segmentEnd;
            auto rhs = [rate](const State &s, State &dsdt, double) {
                dsdt[0] = -(k10 + k12 + k13) * s[0] + k21 * s[1] + k31 * s[2] + rate;
                dsdt[1] = k12 * s[0] - k21 * s[1];
                dsdt[2] = k13 * s[0] - k31 * s[2];
            };
            auto observe = [&out, segmentStart, this](const State &s, double t) {
                const int m = static_cast<int>(t * 60.0 + 0.5);
                if (m > segmentStart) out[static_cast<std::size_t>(m - 1)] = s[0] / R::kV1;
            };
            const auto first = times_.begin() + segmentStart, last = times_.begin() + segmentEnd + 1;
            if (mode_ == Mode::Dense) {
                auto stepper = odeint::make_dense_output(absTol_, relTol_, odeint::runge_kutta_dopri5<State>());
                odeint::integrate_times(stepper, rhs, x, first, last, 1.0 / 60.0, observe);
            } else {
                auto stepper = odeint::make_controlled(absTol_, relTol_, odeint::runge_kutta_dopri5<State>());
                odeint::integrate_times(stepper, rhs, x, first, last, 1.0 / 60.0, observe);
            }
            segmentStart = segmentEnd;
        }
    }

private:
    Mode mode_;
    double absTol_, relTol_;
    std::vector<double> times_;  // hours of minutes 0 .. kGridMinutes
};

}  // namespace twin::test::pk
