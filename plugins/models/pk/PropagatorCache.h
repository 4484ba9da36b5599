#pragma once
// PropagatorCache: the step map exp(M x 24 dt) for the few distinct step lengths a run uses.
// The host steps at one regular dt (usually 1/24 d) and splits steps at action times, so a run
// sees the regular dt almost always and a handful of split remainders. Each distinct dt costs
// one 6x6 matrix exponential (Eigen unsupported MatrixFunctions: Pade approximant with scaling
// and squaring); after that a step is one small matrix-vector product.
//
// Step map in modal coordinates (ModalBasis.h): with y = W (A_c, A_p2, A_p3), the disposition
// block of exp(M tau) becomes diagonal, the gut depot decays on its own (a scalar), the
// infusion rate R is constant over a step and nothing depends on the AUC integral I, so
//   y_i <- d_i y_i + h_i A_gut + g_i R,   A_gut <- e A_gut,   I <- I + q.y + q_gut A_gut + q_R R
// with d = diag(W Phi_AA W^-1), h = W Phi_A,gut, g = W Phi_A,R, q = Phi_I,A W^-1, all read off
// the one matrix exponential Phi (the off-diagonal of W Phi_AA W^-1 is round-off, dropped).
//
// Design: a small fixed array, exact match on dt (steps of the same length give bit-identical
// maps, which keeps runs deterministic whatever was cached before), least recently used entry
// replaced, so the regular dt is never evicted by a burst of split steps. The last hit is tried
// first, inline: the common case is one comparison. The cache holds only what the parameters and
// dt determine, so it is not model state and saveState() need not carry it.

#include "ModalBasis.h"
#include "PkRateMatrix.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace twin::models::pk {

struct StepPropagator {
    std::array<double, 3> decay{};              // d: per-mode factor over the step
    std::array<double, 3> fromGut{};            // h: modes gained per mg in the gut depot
    std::array<double, 3> fromRate{};           // g: modes gained per mg/h of infusion
    std::array<double, 3> integralFromModes{};  // q: AUC integral (mg.h) gained per mode
    double integralFromGut = 0.0, integralFromRate = 0.0;
    double gutDecay = 1.0;      // exp(-ka tau)
    double inverseHours = 0.0;  // 1 / tau, for the step-mean concentration
};

class PropagatorCache {
public:
    static constexpr std::size_t kCapacity = 8;

    /// Drops every entry; later propagators are of `ratePerHour`, in the coordinates of `basis`.
    void reset(const StateMatrix &ratePerHour, const ModalBasis &basis);
    /// The step map of dtDays (days; M is per hour).
    const StepPropagator &propagator(double dtDays) {
        if (size_ > 0 && entries_[last_].dtDays == dtDays) return entries_[last_].step;
        return lookUp(dtDays);
    }
    std::size_t size() const { return size_; }

private:
    struct Entry {
        StepPropagator step;
        double dtDays = 0.0;
        std::uint64_t lastUse = 0;
    };
    const StepPropagator &lookUp(double dtDays);

    StateMatrix rate_ = StateMatrix::Zero();
    ModalBasis basis_;
    std::array<Entry, kCapacity> entries_{};
    std::size_t size_ = 0;
    std::size_t last_ = 0;
    std::uint64_t clock_ = 0;
};

}  // namespace twin::models::pk
