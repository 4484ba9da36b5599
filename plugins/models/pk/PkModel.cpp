// PkModel: parameter handling, actions and the exact step (see PkModel.h).

#include "PkModel.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace twin::models::pk {

namespace {
constexpr double kHoursPerDay = 24.0;

bool isKind(const sim_api::Action &action, const char *kind) { return action.kind == kind; }
}  // namespace

void PkModel::setParameters(std::span<const double> values) noexcept {
    values_.fill(std::numeric_limits<double>::quiet_NaN());
    std::copy_n(values.begin(), std::min(values.size(), values_.size()), values_.begin());
}

void PkModel::setTable(std::size_t, const sim_api::Table &) noexcept {}  // no tables

void PkModel::initialise() noexcept {
    const std::optional<PkParameters> p = PkParameters::from(values_);
    valid_ = p.has_value();
    parameters_ = p.value_or(PkParameters{});
    if (valid_) cache_.reset(pkRateMatrixPerHour(parameters_));
    z_.setZero();
    meanConcentration_ = 0.0;
}

void PkModel::setInputs(std::span<const double>) noexcept {}  // no inputs

void PkModel::step(double dtDays) noexcept {
    if (!valid_ || !(dtDays > 0.0)) return;
    const double integralBefore = z_(kCentralIntegral);
    z_ = cache_.propagator(dtDays) * z_;
    meanConcentration_ = (z_(kCentralIntegral) - integralBefore) / (dtDays * kHoursPerDay * parameters_.v1);
}

bool PkModel::apply(const sim_api::Action &action) noexcept {
    const bool amountOk = std::isfinite(action.amount) && action.amount >= 0.0;
    const bool rateOk = std::isfinite(action.rate) && action.rate >= 0.0;
    if (isKind(action, sim_api::action_kind::kIvBolus)) {
        if (!amountOk) return false;
        z_(kCentral) += action.amount;
        return true;
    }
    if (isKind(action, sim_api::action_kind::kOralDose)) {
        if (!amountOk) return false;
        z_(kGut) += parameters_.bioavailability * action.amount;
        return true;
    }
    if (isKind(action, sim_api::action_kind::kIvInfusionStart)) {
        if (!rateOk) return false;
        z_(kInfusionRate) += action.rate / kHoursPerDay;
        return true;
    }
    if (isKind(action, sim_api::action_kind::kIvInfusionStop)) {
        if (!rateOk) return false;
        const double rate = action.rate / kHoursPerDay;
        const double remaining = z_(kInfusionRate) - rate;
        // Stopping the last of the running infusions leaves exactly no input (no round-off rest).
        z_(kInfusionRate) = (rate == 0.0 || remaining <= 1e-12 * rate) ? 0.0 : remaining;
        return true;
    }
    return false;
}

void PkModel::outputs(std::span<double> out) const noexcept {
    std::array<double, kOutputCount> values{};
    if (!valid_) {
        values.fill(std::numeric_limits<double>::quiet_NaN());
    } else {
        const double v1 = parameters_.v1;
        values[kConcentration] = z_(kCentral) / v1;
        values[kAuc] = z_(kCentralIntegral) / v1;
        values[kAmountCentral] = z_(kCentral);
        values[kAmountGut] = z_(kGut);
        values[kAmountPeripheral] = z_(kPeripheral2) + z_(kPeripheral3);
        values[kMeanConcentration] = meanConcentration_;
        values[kClearanceOut] = parameters_.clearance;
    }
    std::copy_n(values.begin(), std::min(out.size(), values.size()), out.begin());
}

std::vector<double> PkModel::saveState() const noexcept {
    try {
        std::vector<double> state(z_.data(), z_.data() + kStateSize);
        state.push_back(meanConcentration_);
        return state;
    } catch (...) {
        return {};
    }
}

bool PkModel::restoreState(std::span<const double> state) noexcept {
    if (state.size() != kSavedStateSize) return false;
    std::copy_n(state.begin(), kStateSize, z_.data());
    meanConcentration_ = state[kStateSize];
    return true;
}

}  // namespace twin::models::pk
