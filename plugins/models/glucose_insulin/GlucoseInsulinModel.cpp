// GlucoseInsulinModel: stepping, actions and state of the Bergman minimal model plugin.

#include "GlucoseInsulinModel.h"

#include <boost/numeric/odeint/integrate/integrate_adaptive.hpp>
#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

namespace glucose_insulin {

namespace {

constexpr double kMinutesPerDay = 1440.0;
constexpr double kAbsTolerance = 1e-12;
constexpr double kRelTolerance = 1e-8;
constexpr double kFirstTrialStepMin = 1.0;
// KG: glucose disappearance rate, 100 × the log-linear slope of G between these minutes.
constexpr double kKgFromMin = 10.0;
constexpr double kKgToMin = 40.0;
// Rest is restored exactly once the deviations are below these (see the header).
constexpr double kRestGlucose = 1e-7;
constexpr double kRestInsulin = 1e-7;
constexpr double kRestRemote = 1e-12;
constexpr double kRestGut = 1e-6;
// A breakpoint within this many minutes past the end of a step counts as reached in that step,
// and a remainder this short after a breakpoint is dropped. The host's step lengths are
// differences of grid times ((k+1)·dt − k·dt in days), off from dt by rounding, so their sum
// lands a few 1e-14 min short of or past 180 min; exact comparisons then skipped the breakpoint
// and kept the load's clock running for ever (no snap to rest: 180 days of integration, 2.8 ms
// instead of 31 us for the TestPluginSmoke run). 1e-6 min (60 us of model time) is far below any
// time scale of the model (the fastest, 1/n, is 3.3 min) and far above the rounding of
// day-valued host times (ulp(10^4 d) = 2.6e-9 min).
constexpr double kBreakpointSlackMin = 1e-6;
// First element of a saved state: the layout's id, so a foreign vector of the same size is refused.
constexpr double kStateFormat = 1979.01;
constexpr std::size_t kStateSize = 10;

}  // namespace

void GlucoseInsulinModel::setParameters(std::span<const double> values) noexcept {
    parametersRead_ = params_.read(values);
}

void GlucoseInsulinModel::setTable(std::size_t, const twin::sim_api::Table &) noexcept {}

void GlucoseInsulinModel::initialise() noexcept {
    valid_ = parametersRead_ && params_.derive();
    x_ = {params_.gb, 0.0, params_.ib, 0.0};
    tauMin_ = 0.0;
    loadActive_ = false;
    kgStage_ = kKgIdle;
    glucoseAt10_ = 0.0;
    kgPercentPerMin_ = 0.0;
}

void GlucoseInsulinModel::setInputs(std::span<const double>) noexcept {}

bool GlucoseInsulinModel::atRest() const {
    return x_[0] == params_.gb && x_[1] == 0.0 && x_[2] == params_.ib && x_[3] == 0.0;
}

void GlucoseInsulinModel::snapToRestIfNegligible() {
    if (loadActive_) return;
    if (std::abs(x_[0] - params_.gb) < kRestGlucose && std::abs(x_[2] - params_.ib) < kRestInsulin &&
        std::abs(x_[1]) < kRestRemote && std::abs(x_[3]) < kRestGut)
        x_ = {params_.gb, 0.0, params_.ib, 0.0};
}

void GlucoseInsulinModel::integrate(double fromTau, double toTau) {
    namespace odeint = boost::numeric::odeint;
    if (!(toTau > fromTau)) return;
    const MinimalModelOde ode{&params_, loadActive_ && fromTau < params_.secretionWindowMin};
    auto stepper =
        odeint::make_controlled(kAbsTolerance, kRelTolerance, odeint::runge_kutta_dopri5<MinimalModelState>());
    odeint::integrate_adaptive(stepper, ode, x_, fromTau, toTau, std::min(kFirstTrialStepMin, toTau - fromTau));
}

void GlucoseInsulinModel::passBreakpoint() {
    if (kgStage_ == kKgAwait10 && tauMin_ >= kKgFromMin) {
        glucoseAt10_ = x_[0];
        kgStage_ = kKgAwait40;
    } else if (kgStage_ == kKgAwait40 && tauMin_ >= kKgToMin) {
        kgPercentPerMin_ = 100.0 * std::log(glucoseAt10_ / x_[0]) / (kKgToMin - kKgFromMin);
        kgStage_ = kKgIdle;
    }
    loadActive_ = tauMin_ < params_.secretionWindowMin || kgStage_ != kKgIdle;
}

void GlucoseInsulinModel::step(double dtDays) noexcept {
    if (!valid_ || !(dtDays > 0.0)) return;
    if (!loadActive_ && atRest()) return;
    double remaining = dtDays * kMinutesPerDay;
    while (remaining > 0.0) {
        // Next switch of the equations or of the KG bookkeeping after tau.
        double next = std::numeric_limits<double>::infinity();
        if (loadActive_) {
            if (tauMin_ < params_.secretionWindowMin) next = params_.secretionWindowMin;
            if (kgStage_ == kKgAwait10) next = std::min(next, kKgFromMin);
            if (kgStage_ == kKgAwait40) next = std::min(next, kKgToMin);
            // Nothing left to wait for (also a state saved past the window by an older build).
            if (next == std::numeric_limits<double>::infinity()) loadActive_ = false;
        }
        if (!loadActive_) {
            integrate(tauMin_, tauMin_ + remaining);
            break;
        }
        const double toNext = next - tauMin_;
        if (toNext <= remaining + kBreakpointSlackMin) {
            integrate(tauMin_, next);
            tauMin_ = std::max(tauMin_, next);
            remaining = remaining - toNext > kBreakpointSlackMin ? remaining - toNext : 0.0;
            passBreakpoint();
        } else {
            integrate(tauMin_, tauMin_ + remaining);
            tauMin_ += remaining;
            remaining = 0.0;
        }
    }
    snapToRestIfNegligible();
}

void GlucoseInsulinModel::startLoad() {
    tauMin_ = 0.0;
    loadActive_ = true;
}

bool GlucoseInsulinModel::apply(const twin::sim_api::Action &action) noexcept {
    if (!valid_ || action.target != kModelId) return false;
    if (!std::isfinite(action.amount) || action.amount <= 0.0) return false;
    const std::string_view kind = action.kind;
    if (kind == twin::sim_api::action_kind::kIvBolus) {
        // Glucose (mg) mixed at once into the distribution volume; first-phase insulin release
        // as an immediate rise proportional to the glucose rise (Bergman 1981's I(0)).
        const double glucoseRise = action.amount / params_.volumeDl;
        x_[0] += glucoseRise;
        x_[2] += params_.firstPhaseGain * glucoseRise;
        startLoad();
        kgStage_ = kKgAwait10;
        return true;
    }
    if (kind == twin::sim_api::action_kind::kOralDose) {
        x_[3] += action.amount;
        startLoad();
        kgStage_ = kKgIdle;  // KG is an IVGTT index: an oral load cancels a pending measurement
        return true;
    }
    return false;
}

void GlucoseInsulinModel::outputs(std::span<double> out) const noexcept {
    if (out.size() < kOutputCount) return;
    if (!valid_) {
        std::fill(out.begin(), out.begin() + kOutputCount, std::numeric_limits<double>::quiet_NaN());
        return;
    }
    out[kGlucose] = x_[0];
    out[kInsulin] = x_[2];
    out[kRemoteInsulinAction] = x_[1];
    out[kKgIndex] = kgPercentPerMin_;
    out[kGutGlucose] = x_[3];
}

std::vector<double> GlucoseInsulinModel::saveState() const noexcept {
    return {kStateFormat,
            x_[0],
            x_[1],
            x_[2],
            x_[3],
            tauMin_,
            loadActive_ ? 1.0 : 0.0,
            static_cast<double>(kgStage_),
            glucoseAt10_,
            kgPercentPerMin_};
}

bool GlucoseInsulinModel::restoreState(std::span<const double> state) noexcept {
    if (state.size() != kStateSize || state[0] != kStateFormat) return false;
    const double stage = state[7];
    if (stage != 0.0 && stage != 1.0 && stage != 2.0) return false;  // kKgIdle, kKgAwait10, kKgAwait40
    x_ = {state[1], state[2], state[3], state[4]};
    tauMin_ = state[5];
    loadActive_ = state[6] != 0.0;
    kgStage_ = static_cast<int>(stage);
    glucoseAt10_ = state[8];
    kgPercentPerMin_ = state[9];
    return true;
}

}  // namespace glucose_insulin
