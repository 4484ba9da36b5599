// FribergModel: parameters → rate constants and drug-effect form at initialise(); per step one
// FribergDynamics::advance and the running nadir; outputs derived from the state on demand.

#include "FribergModel.h"

#include "NeutropeniaGrade.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace twin::models::friberg {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kHoursPerDay = 24.0;
constexpr double kTransitStagesPlusOne = 4.0;  // ktr = (n + 1) / MTT with n = 3 transit compartments
}  // namespace

FribergModel::FribergModel() {
    parameters_.fill(kNaN);
}

void FribergModel::setParameters(std::span<const double> values) noexcept {
    const std::size_t n = std::min(values.size(), parameters_.size());
    std::copy_n(values.begin(), n, parameters_.begin());
}

void FribergModel::setTable(std::size_t, const sim_api::Table &) noexcept {}  // takes no tables

void FribergModel::initialise() noexcept {
    const double circ0 = parameters_[kCirc0];
    const double mtt = parameters_[kMttHours];
    const double molarMass = parameters_[kMolarMass];
    valid_ = std::isfinite(circ0) && circ0 > 0.0 && std::isfinite(mtt) && mtt > 0.0 && std::isfinite(molarMass) &&
             molarMass > 0.0 && std::isfinite(parameters_[kGamma]);
    const double ktrPerDay = kTransitStagesPlusOne / mtt * kHoursPerDay;
    dynamics_.configure(ktrPerDay, parameters_[kGamma]);
    circ0_ = circ0;
    const auto form =
        std::lround(parameters_[kDrugEffectModel]) == 1 ? DrugEffect::Form::SigmoidEmax : DrugEffect::Form::Linear;
    drugEffect_ = DrugEffect(form, parameters_[kSlope], parameters_[kEmax], parameters_[kEc50], parameters_[kHill]);
    micromolarPerMgPerL_ = 1000.0 / molarMass;  // 1 mg/L ÷ M g/mol = 10⁻³/M mol/L = 1000/M µmol/L
    x_ = kFribergSteadyState;
    if (!valid_) x_.fill(kNaN);
    nadir_ = anc();
    concentrationMgPerL_ = 0.0;
    updateDrugEffect();
}

void FribergModel::setInputs(std::span<const double> values) noexcept {
    if (values.empty()) return;
    concentrationMgPerL_ = values[0];
    updateDrugEffect();
}

void FribergModel::updateDrugEffect() {
    effect_ = drugEffect_.at(concentrationMgPerL_ * micromolarPerMgPerL_);
}

void FribergModel::step(double dtDays) noexcept {
    if (!valid_ || !(dtDays > 0.0)) return;
    dynamics_.advance(x_, dtDays, effect_);
    // A NaN count propagates into the nadir (std::min would keep the old value).
    const double count = anc();
    nadir_ = std::isnan(count) ? count : std::min(nadir_, count);
}

bool FribergModel::apply(const sim_api::Action &) noexcept {
    return false;
}  // reacts to concentration only

void FribergModel::outputs(std::span<double> out) const noexcept {
    if (out.size() < kOutputCount) return;
    const double count = anc();
    const double grade = ctcaeNeutrophilGrade(count, parameters_[kAncLln]);
    out[kAnc] = count;
    out[kCtcaeGrade] = grade;
    out[kGrade3Alert] = std::isnan(grade) ? kNaN : (grade >= 3.0 ? 1.0 : 0.0);
    out[kAncNadir] = nadir_;
    out[kDrugEffect] = effect_;
}

std::vector<double> FribergModel::saveState() const noexcept {
    try {
        return {x_[0], x_[1], x_[2], x_[3], x_[4], x_[5], nadir_, concentrationMgPerL_};
    } catch (...) {
        return {};
    }
}

bool FribergModel::restoreState(std::span<const double> state) noexcept {
    if (state.size() != kStateSize) return false;
    std::copy_n(state.begin(), x_.size(), x_.begin());
    nadir_ = state[6];
    concentrationMgPerL_ = state[7];
    updateDrugEffect();
    return true;
}

}  // namespace twin::models::friberg
