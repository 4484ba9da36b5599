// PropagatorCache: matrix exponentials per step length, least recently used replaced.

#include "PropagatorCache.h"

#include <unsupported/Eigen/MatrixFunctions>

namespace twin::models::pk {

namespace {
constexpr double kHoursPerDay = 24.0;
}

void PropagatorCache::reset(const StateMatrix &ratePerHour) {
    rate_ = ratePerHour;
    size_ = 0;
    last_ = 0;
    clock_ = 0;
}

const StateMatrix &PropagatorCache::propagator(double dtDays) {
    ++clock_;
    if (size_ > 0 && entries_[last_].dtDays == dtDays) {
        entries_[last_].lastUse = clock_;
        return entries_[last_].phi;
    }
    for (std::size_t i = 0; i < size_; ++i) {
        if (entries_[i].dtDays == dtDays) {
            entries_[i].lastUse = clock_;
            last_ = i;
            return entries_[i].phi;
        }
    }
    std::size_t slot = size_;
    if (size_ < kCapacity) {
        ++size_;
    } else {
        slot = 0;
        for (std::size_t i = 1; i < kCapacity; ++i)
            if (entries_[i].lastUse < entries_[slot].lastUse) slot = i;
    }
    Entry &entry = entries_[slot];
    const StateMatrix scaled = rate_ * (dtDays * kHoursPerDay);
    entry.phi = scaled.exp();
    entry.dtDays = dtDays;
    entry.lastUse = clock_;
    last_ = slot;
    return entry.phi;
}

}  // namespace twin::models::pk
