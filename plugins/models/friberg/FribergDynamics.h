#pragma once
// FribergDynamics: the neutrophil part of the Friberg semi-mechanistic myelosuppression model
// (Friberg LE et al., J Clin Oncol 2002;20:4713-4721) and its integration over one host step:
//
//   dProl/dt = ktr·Prol·(1 − Edrug)·(Circ0/Circ)^γ − ktr·Prol
//   dT1/dt = ktr·(Prol − T1),  dT2/dt = ktr·(T1 − T2),  dT3/dt = ktr·(T2 − T3)
//   dCirc/dt = ktr·(T3 − Circ),                ktr = 4 / MTT
//
// Edrug is held over the step (the host holds inputs per step).
//
// Design decisions:
// - Variables, an exact change of variables chosen so that the right-hand side needs neither a
//   pow nor a division (the step must cost tens of nanoseconds; a pow is ~20–35 ns here):
//   P = Prol/Circ0, Ti = Ti/Circ0, V = Circ0/Circ and W = (Circ0/Circ)^γ = V^γ, with
//     dV/dt = −ktr·V·(V·T3 − 1)   (from dCirc/dt, since V = Circ0/Circ)
//     dW/dt = −γ·ktr·W·(V·T3 − 1) (from W = V^γ)
//   so ANC = Circ0 / V. The invariant W = V^γ holds for the exact solution; numerically it is
//   kept to the integrator's accuracy (the validation test compares ANC with an independent
//   dopri5 solution of the original equations at rtol 1e-10). At the steady state every
//   variable is exactly 1 and every derivative exactly 0.
// - Integrator: Boost.Odeint's classic fixed-step runge_kutta4, in n equal substeps per host
//   step, n = ceil(dt·λ / kMaxRateStep), λ the largest relative rate at the step's start:
//   ktr (transits), ktr·|(1 − E)·W − 1| (proliferating pool), ktr·|V·T3 − 1| (circulating
//   count, hence V and W). With λh ≤ 0.05 the local relative error of RK4 on y' = a·y is below
//   (0.05)^5/120 = 2.6e-9. An adaptive dopri5 would cost ≥ 6 right-hand sides per hour even
//   without drug; the fixed RK4 costs 4, and one substep per hour at 1-h steps without drug.
// - Without drug and exactly at the steady state the step is skipped: bit-identical to
//   integrating it (every stage derivative is exactly 0).

#include <array>

namespace twin::models::friberg {

/// P, T1, T2, T3 (Prol and transits over Circ0), V = Circ0/Circ, W = (Circ0/Circ)^γ.
using FribergState = std::array<double, 6>;

/// The steady state (every variable 1).
inline constexpr FribergState kFribergSteadyState{1.0, 1.0, 1.0, 1.0, 1.0, 1.0};

/// Right-hand side for Boost.Odeint (time in days).
struct FribergRhs {
    double ktrPerDay = 0.0;
    double gamma = 0.0;
    double oneMinusEffect = 1.0;
    void operator()(const FribergState &x, FribergState &dxdt, double /*t*/) const {
        const double circRelativeRate = x[4] * x[3] - 1.0;  // (dCirc/dt) / (ktr·Circ)
        dxdt[0] = ktrPerDay * x[0] * (oneMinusEffect * x[5] - 1.0);
        dxdt[1] = ktrPerDay * (x[0] - x[1]);
        dxdt[2] = ktrPerDay * (x[1] - x[2]);
        dxdt[3] = ktrPerDay * (x[2] - x[3]);
        dxdt[4] = -ktrPerDay * x[4] * circRelativeRate;
        dxdt[5] = -gamma * ktrPerDay * x[5] * circRelativeRate;
    }
};

class FribergDynamics {
public:
    /// Largest relative rate × substep allowed (see the header comment).
    static constexpr double kMaxRateStep = 0.05;
    /// Cap of substeps per host step (reached only for Edrug of order 10⁴–10⁵ at 1-h steps).
    static constexpr long kMaxSubsteps = 100000;

    void configure(double ktrPerDay, double gamma);
    /// Advances x by dtDays with the drug effect held at `effect`; returns the substeps used.
    long advance(FribergState &x, double dtDays, double effect) const;
    /// Substeps advance() would use from state x.
    long substeps(const FribergState &x, double dtDays, double effect) const;

private:
    FribergRhs rhs_;
};

}  // namespace twin::models::friberg
