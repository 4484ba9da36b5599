// PropagatorCache: matrix exponentials per step length, least recently used replaced.

#include "PropagatorCache.h"

#include <unsupported/Eigen/MatrixFunctions>

namespace twin::models::pk {

namespace {
constexpr double kHoursPerDay = 24.0;

StepPropagator compact(const StateMatrix &phi, const ModalBasis &basis, double hours) {
    const Eigen::Matrix3d &w = basis.toModes;
    const Eigen::Matrix3d modal = w * phi.block<3, 3>(kCentral, kCentral) * basis.fromModes;
    const Eigen::Vector3d fromGut = w * phi.block<3, 1>(kCentral, kGut);
    const Eigen::Vector3d fromRate = w * phi.block<3, 1>(kCentral, kInfusionRate);
    const Eigen::RowVector3d integral = phi.block<1, 3>(kCentralIntegral, kCentral) * basis.fromModes;
    StepPropagator step;
    for (int i = 0; i < 3; ++i) {
        step.decay[i] = modal(i, i);
        step.fromGut[i] = fromGut(i);
        step.fromRate[i] = fromRate(i);
        step.integralFromModes[i] = integral(i);
    }
    step.integralFromGut = phi(kCentralIntegral, kGut);
    step.integralFromRate = phi(kCentralIntegral, kInfusionRate);
    step.gutDecay = phi(kGut, kGut);
    step.inverseHours = 1.0 / hours;
    return step;
}
}  // namespace

void PropagatorCache::reset(const StateMatrix &ratePerHour, const ModalBasis &basis) {
    rate_ = ratePerHour;
    basis_ = basis;
    size_ = 0;
    last_ = 0;
    clock_ = 0;
}

const StepPropagator &PropagatorCache::lookUp(double dtDays) {
    // (The inline fast path does not re-stamp the entry it returns; it is the most recent one
    // already, so the least-recently-used order is unchanged.)
    ++clock_;
    for (std::size_t i = 0; i < size_; ++i) {
        if (entries_[i].dtDays == dtDays) {
            entries_[i].lastUse = clock_;
            last_ = i;
            return entries_[i].step;
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
    const double hours = dtDays * kHoursPerDay;
    const StateMatrix scaled = rate_ * hours;
    const StateMatrix phi = scaled.exp();
    Entry &entry = entries_[slot];
    entry.step = compact(phi, basis_, hours);
    entry.dtDays = dtDays;
    entry.lastUse = clock_;
    last_ = slot;
    return entry.step;
}

}  // namespace twin::models::pk
