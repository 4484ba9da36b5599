#pragma once
// PropagatorCache: exp(M x 24 dt) for the few distinct step lengths a run uses. The host steps
// at one regular dt (usually 1/24 d) and splits steps at action times, so a run sees the
// regular dt almost always and a handful of split remainders. Each distinct dt costs one 6x6
// matrix exponential (Eigen unsupported MatrixFunctions: Pade approximant with scaling and
// squaring); after that a step is one matrix-vector product.
//
// Design: a small fixed array, exact match on dt (steps of the same length give bit-identical
// propagators, which keeps runs deterministic whatever was cached before), least recently used
// entry replaced, so the regular dt is never evicted by a burst of split steps. The last hit is
// tried first: the common case is one comparison. The cache holds only what the parameters and
// dt determine, so it is not model state and saveState() need not carry it.

#include "PkRateMatrix.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace twin::models::pk {

class PropagatorCache {
public:
    static constexpr std::size_t kCapacity = 8;

    /// Drops every entry; later propagators are of `ratePerHour`.
    void reset(const StateMatrix &ratePerHour);
    /// exp(M x 24 dtDays): dtDays in days, M in 1/h.
    const StateMatrix &propagator(double dtDays);
    std::size_t size() const { return size_; }

private:
    struct Entry {
        StateMatrix phi;
        double dtDays = 0.0;
        std::uint64_t lastUse = 0;
    };

    StateMatrix rate_ = StateMatrix::Zero();
    std::array<Entry, kCapacity> entries_{};
    std::size_t size_ = 0;
    std::size_t last_ = 0;
    std::uint64_t clock_ = 0;
};

}  // namespace twin::models::pk
