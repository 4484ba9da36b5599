// PkModel: parameter handling, actions and the exact step (see PkModel.h).

#include "PkModel.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace twin::models::pk {

namespace {
constexpr double kHoursPerDay = 24.0;
// Amounts (mg) below this are set to exactly zero. A fast mode (docetaxel's alpha phase, half-life
// 5 min) decays by e^-1300 in a week and would otherwise pass through the subnormal range, where
// every multiply costs about a hundred cycles; 1e-280 mg is far below any meaningful amount.
constexpr double kNegligibleMg = 1e-280;

/// decayed, or zero when the value it came from was already negligible (tested on the old
/// value so the test runs beside the multiply instead of after it).
double flushed(double decayed, double before) {
    return std::abs(before) < kNegligibleMg ? 0.0 : decayed;
}

bool isKind(const sim_api::Action &action, const char *kind) {
    return action.kind == kind;
}
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
    inverseV1_ = valid_ ? 1.0 / parameters_.v1 : 0.0;
    if (valid_) {
        const ModalBasis basis = ModalBasis::of(parameters_);
        cache_.reset(pkRateMatrixPerHour(parameters_), basis);
        for (int i = 0; i < 3; ++i) {
            centralToModes_[i] = basis.toModes(i, 0);
            centralFromModes_[i] = basis.fromModes(0, i);
            peripheralFromModes_[i] = basis.fromModes(1, i) + basis.fromModes(2, i);
        }
    }
    gut_ = integral_ = rate_ = meanConcentration_ = 0.0;
    modes_.fill(0.0);
}

void PkModel::setInputs(std::span<const double>) noexcept {}  // no inputs

void PkModel::step(double dtDays) noexcept {
    if (!valid_ || !(dtDays > 0.0)) return;
    const StepPropagator &p = cache_.propagator(dtDays);
    const double y0 = modes_[0], y1 = modes_[1], y2 = modes_[2];
    double dIntegral = p.integralFromModes[0] * y0 + p.integralFromModes[1] * y1 + p.integralFromModes[2] * y2;
    modes_[0] = flushed(p.decay[0] * y0, y0);
    modes_[1] = flushed(p.decay[1] * y1, y1);
    modes_[2] = flushed(p.decay[2] * y2, y2);
    // Input terms only when there is input (no oral dose in the depot and no infusion running:
    // most steps of an IV schedule). Adding the zero products would not change a bit.
    if (gut_ != 0.0 || rate_ != 0.0) {
        for (int i = 0; i < 3; ++i) modes_[i] += p.fromGut[i] * gut_ + p.fromRate[i] * rate_;
        dIntegral += p.integralFromGut * gut_ + p.integralFromRate * rate_;
        gut_ = flushed(p.gutDecay * gut_, gut_);
    }
    integral_ += dIntegral;
    meanConcentration_ = dIntegral * p.inverseHours * inverseV1_;
}

bool PkModel::apply(const sim_api::Action &action) noexcept {
    const bool amountOk = std::isfinite(action.amount) && action.amount >= 0.0;
    const bool rateOk = std::isfinite(action.rate) && action.rate >= 0.0;
    if (isKind(action, sim_api::action_kind::kIvBolus)) {
        if (!amountOk) return false;
        for (int i = 0; i < 3; ++i) modes_[i] += centralToModes_[i] * action.amount;  // into the central compartment
        return true;
    }
    if (isKind(action, sim_api::action_kind::kOralDose)) {
        if (!amountOk) return false;
        gut_ += parameters_.bioavailability * action.amount;
        return true;
    }
    if (isKind(action, sim_api::action_kind::kIvInfusionStart)) {
        if (!rateOk) return false;
        rate_ += action.rate / kHoursPerDay;
        return true;
    }
    if (isKind(action, sim_api::action_kind::kIvInfusionStop)) {
        if (!rateOk) return false;
        const double rate = action.rate / kHoursPerDay;
        const double remaining = rate_ - rate;
        // Stopping the last of the running infusions leaves exactly no input (no round-off rest).
        rate_ = (rate == 0.0 || remaining <= 1e-12 * rate) ? 0.0 : remaining;
        return true;
    }
    return false;
}

void PkModel::outputs(std::span<double> out) const noexcept {
    // Written straight into the host's buffer (called every step; no temporary, no memmove).
    const std::size_t n = std::min(out.size(), static_cast<std::size_t>(kOutputCount));
    if (!valid_) {
        std::fill_n(out.begin(), n, std::numeric_limits<double>::quiet_NaN());
        return;
    }
    if (n == kOutputCount) {
        const std::array<double, 3> &c = centralFromModes_, &p = peripheralFromModes_;
        const double central = c[0] * modes_[0] + c[1] * modes_[1] + c[2] * modes_[2];
        const double peripheral = p[0] * modes_[0] + p[1] * modes_[1] + p[2] * modes_[2];
        out[kConcentration] = central * inverseV1_;
        out[kAuc] = integral_ * inverseV1_;
        out[kAmountCentral] = central;
        out[kAmountGut] = gut_;
        out[kAmountPeripheral] = peripheral;
        out[kMeanConcentration] = meanConcentration_;
        out[kClearanceOut] = parameters_.clearance;
        return;
    }
    std::array<double, kOutputCount> values{};  // a short buffer (the host sizes it; defensive)
    outputs(values);
    std::copy_n(values.begin(), n, out.begin());
}

std::vector<double> PkModel::saveState() const noexcept {
    try {
        return {gut_, modes_[0], modes_[1], modes_[2], integral_, rate_, meanConcentration_};
    } catch (...) {
        return {};
    }
}

bool PkModel::restoreState(std::span<const double> state) noexcept {
    if (state.size() != kSavedStateSize) return false;
    gut_ = state[0];
    std::copy_n(state.begin() + 1, 3, modes_.begin());
    integral_ = state[4];
    rate_ = state[5];
    meanConcentration_ = state[6];
    return true;
}

}  // namespace twin::models::pk
