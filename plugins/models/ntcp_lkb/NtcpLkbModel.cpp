// NtcpLkbModel: parameters and tables in, organs configured once per run, outputs recomputed
// only when a fraction is delivered or a state restored.

#include "NtcpLkbModel.h"

#include "twin/sim_api/Action.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

namespace twin::models::ntcp_lkb {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

void NtcpLkbModel::setParameters(std::span<const double> values) noexcept {
    std::copy_n(values.begin(), std::min(values.size(), parameters_.size()), parameters_.begin());
}

void NtcpLkbModel::setTable(std::size_t index, const sim_api::Table &table) noexcept {
    if (index >= kOrganCount) return;
    try {
        tables_[index] = table;
        tableUnreadable_[index] = false;
    } catch (...) {
        tables_[index] = {};
        tableUnreadable_[index] = true;
    }
}

LkbParameters NtcpLkbModel::organParameters(std::size_t organ) const {
    const std::size_t base = kFirstOrganParameter + organ * kOrganParameterCount;
    return {parameters_[base + kTd50Gy], parameters_[base + kM], parameters_[base + kN],
            parameters_[base + kAlphaBetaGy]};
}

void NtcpLkbModel::initialise() noexcept {
    course_.reset();
    for (std::size_t organ = 0; organ < kOrganCount; ++organ) {
        try {
            organs_[organ].configure(tables_[organ], parameters_[kPlanTotalDoseGy], organParameters(organ));
        } catch (...) {
            organs_[organ].markInvalid();
        }
        if (tableUnreadable_[organ]) organs_[organ].markInvalid();
    }
    updatePlannedOutputs();
    updateDeliveredOutputs();
}

void NtcpLkbModel::updatePlannedOutputs() {
    // The plan as planned: its prescription in plan_fractions equal fractions.
    const double totalGy = parameters_[kPlanTotalDoseGy];
    const double fractions = parameters_[kPlanFractions];
    const bool planValid = std::isfinite(totalGy) && totalGy > 0.0 && std::isfinite(fractions) && fractions >= 1.0;
    for (std::size_t organ = 0; organ < kOrganCount; ++organ) {
        LkbOrgan &lkb = organs_[organ];
        double &planned = organOutput(organ, kNtcpPlanned);
        if (lkb.status() == LkbOrgan::Status::NoTable) {
            planned = 0.0;
        } else if (lkb.status() == LkbOrgan::Status::Invalid || !planValid) {
            planned = kNaN;
        } else {
            planned = lkb.ntcp(lkb.geudGy(totalGy, totalGy / fractions));
        }
    }
}

void NtcpLkbModel::updateDeliveredOutputs() {
    const double totalGy = course_.totalGy();
    const double fractionGy = course_.weightedFractionGy();
    for (std::size_t organ = 0; organ < kOrganCount; ++organ) {
        LkbOrgan &lkb = organs_[organ];
        if (lkb.status() == LkbOrgan::Status::Invalid) {
            organOutput(organ, kNtcp) = organOutput(organ, kGeudGy) = organOutput(organ, kMeanDoseGy) = kNaN;
        } else if (lkb.status() == LkbOrgan::Status::NoTable) {
            organOutput(organ, kNtcp) = organOutput(organ, kGeudGy) = organOutput(organ, kMeanDoseGy) = 0.0;
        } else {
            const double geud = lkb.geudGy(totalGy, fractionGy);
            organOutput(organ, kGeudGy) = geud;
            organOutput(organ, kNtcp) = lkb.ntcp(geud);
            organOutput(organ, kMeanDoseGy) = lkb.meanDoseGy(totalGy);
        }
    }
    // The prescription point as delivered, for the reference α/β: BED = Σa + Σa²/(α/β).
    const double alphaBeta = parameters_[kReferenceAlphaBetaGy];
    const bool alphaBetaValid = std::isfinite(alphaBeta) && alphaBeta > 0.0;
    const double bed = totalGy + course_.sumSquaresGy2() / alphaBeta;
    outputs_[kFractionsDelivered] = course_.count();
    outputs_[kPrescriptionDeliveredGy] = totalGy;
    outputs_[kPrescriptionBedGy] = alphaBetaValid ? bed : kNaN;
    outputs_[kPrescriptionEqd2Gy] = alphaBetaValid ? bed * alphaBeta / (alphaBeta + 2.0) : kNaN;
}

void NtcpLkbModel::setInputs(std::span<const double>) noexcept {}

void NtcpLkbModel::step(double) noexcept {}

bool NtcpLkbModel::apply(const sim_api::Action &action) noexcept {
    if (std::string_view(action.kind) != sim_api::action_kind::kRtFraction) return false;
    if (!std::isfinite(action.amount) || action.amount < 0.0) return false;
    course_.add(action.amount);
    updateDeliveredOutputs();
    return true;
}

void NtcpLkbModel::outputs(std::span<double> out) const noexcept {
    std::copy_n(outputs_.begin(), std::min(out.size(), outputs_.size()), out.begin());
}

std::vector<double> NtcpLkbModel::saveState() const noexcept {
    try {
        std::vector<double> state(FractionCourse::kStateSize);
        course_.write(std::span<double, FractionCourse::kStateSize>(state.data(), FractionCourse::kStateSize));
        return state;
    } catch (...) {
        return {};
    }
}

bool NtcpLkbModel::restoreState(std::span<const double> state) noexcept {
    if (state.size() != FractionCourse::kStateSize) return false;
    if (!std::all_of(state.begin(), state.end(), [](double v) { return std::isfinite(v); })) return false;
    course_.read(state.first<FractionCourse::kStateSize>());
    updateDeliveredOutputs();
    return true;
}

}  // namespace twin::models::ntcp_lkb
