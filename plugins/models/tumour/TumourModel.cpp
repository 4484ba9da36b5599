// TumourModel: stepping, actions, outputs and state of the "tumour" model (see the header).

#include "TumourModel.h"

#include "twin/sim_api/Action.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string_view>

namespace twin::models::tumour {

namespace {
/// First value of a saved state: layout tag ("TUM1" as an integer), so that a state of another
/// model or layout of the same length is refused.
constexpr double kStateTag = 1414876465.0;
constexpr std::size_t kOwnStateSize = 4;  // tag, viable, doomed, concentration
constexpr std::size_t kStateSize = kOwnStateSize + RadiotherapyCourse::kStateSize;
}  // namespace

void TumourModel::setParameters(std::span<const double> values) noexcept {
    parameters_ = TumourParameters::fromSpan(values);
}

void TumourModel::setTable(std::size_t, const sim_api::Table &) noexcept {}  // declares no tables

void TumourModel::initialise() noexcept {
    usable_ = parameters_.usable();
    const TumourParameters &p = parameters_;
    if (usable_) {
        growth_.configure(static_cast<TumourGrowth::Law>(p.growthModel),
                          static_cast<TumourGrowth::Kill>(p.chemoKillModel), p.v0Ml, p.doublingTimeDays,
                          p.carryingCapacityMl, p.killRate);
        course_.configure(p.alphaPerGy, p.alphaBetaGy, p.kickoffDays, p.tpotDays, p.clonogenDensityPerMl);
    }
    clearanceDt_ = -1.0;
    viableMl_ = p.v0Ml;
    doomedMl_ = 0.0;
    concentrationMgL_ = 0.0;
}

void TumourModel::setInputs(std::span<const double> values) noexcept {
    // A negative concentration is not a drug that makes the tumour grow: read as none.
    if (!values.empty()) concentrationMgL_ = std::max(0.0, values[0]);
}

void TumourModel::step(double dtDays) noexcept {
    if (!usable_ || !(dtDays > 0.0)) return;
    if (dtDays != clearanceDt_) {
        clearanceDt_ = dtDays;
        clearanceFactor_ = std::exp(-std::numbers::ln2 * dtDays / parameters_.clearanceHalfLifeDays);
    }
    doomedMl_ *= clearanceFactor_;
    if (concentrationMgL_ == 0.0 || parameters_.killRate == 0.0) {
        viableMl_ = growth_.advance(viableMl_, dtDays);
        return;
    }
    const TumourGrowth::DrugStep drug = growth_.advanceWithDrug(viableMl_, dtDays, concentrationMgL_);
    if (drug.withDrug > 0.0) course_.reduceClonogens(drug.logRatio);
    doomedMl_ += std::max(0.0, drug.withoutDrug - drug.withDrug);
    viableMl_ = drug.withDrug;
}

void TumourModel::deliverFraction(double doseGy, double timeDays) {
    const RadiotherapyCourse::FractionEffect effect = course_.deliver(doseGy, timeDays, viableMl_);
    const double beforeKill = viableMl_ * effect.repopulation;
    viableMl_ = beforeKill * std::exp(effect.logSurvivingFraction);
    doomedMl_ += beforeKill * -std::expm1(effect.logSurvivingFraction);
}

void TumourModel::resect(double fractionRemoved) {
    const double kept = 1.0 - std::clamp(fractionRemoved, 0.0, 1.0);
    viableMl_ *= kept;
    doomedMl_ *= kept;
    course_.reduceClonogens(std::log(kept));  // kept = 0: −inf, no clonogens left, TCP = 1
}

bool TumourModel::apply(const sim_api::Action &action) noexcept {
    const std::string_view kind = action.kind;
    if (kind == sim_api::action_kind::kRtFraction) {
        // A negative dose is no dose; doses outside 1–8 Gy are the host's to warn about (validity).
        if (usable_) deliverFraction(std::max(0.0, action.amount), action.timeDays);
        return true;
    }
    if (kind == sim_api::action_kind::kSurgery) {
        // More than all or less than nothing cannot be removed: clipped to 0..1 (validity warns).
        if (usable_) resect(action.amount);
        return true;
    }
    return false;
}

void TumourModel::outputs(std::span<double> out) const noexcept {
    if (out.size() < kOutputCount) return;
    if (!usable_) {
        std::fill(out.begin(), out.begin() + kOutputCount, std::numeric_limits<double>::quiet_NaN());
        return;
    }
    const double volume = viableMl_ + doomedMl_;
    out[kTumourVolumeMl] = volume;
    out[kViableFraction] = volume > 0.0 ? viableMl_ / volume : 0.0;
    out[kSurvivingFractionRt] = course_.survivingFraction();
    out[kBedGy] = course_.bedGy();
    out[kEqd2Gy] = course_.eqd2Gy();
    out[kTcp] = course_.tcp(viableMl_);
    out[kFractionsDelivered] = course_.fractions();
}

std::vector<double> TumourModel::saveState() const noexcept {
    try {
        std::vector<double> state(kStateSize);
        state[0] = kStateTag;
        state[1] = viableMl_;
        state[2] = doomedMl_;
        state[3] = concentrationMgL_;
        course_.save(std::span<double>(state).subspan(kOwnStateSize));
        return state;
    } catch (...) {
        return {};
    }
}

bool TumourModel::restoreState(std::span<const double> state) noexcept {
    if (state.size() != kStateSize || state[0] != kStateTag) return false;
    viableMl_ = state[1];
    doomedMl_ = state[2];
    concentrationMgL_ = state[3];
    course_.restore(state.subspan(kOwnStateSize));
    return true;
}

}  // namespace twin::models::tumour
