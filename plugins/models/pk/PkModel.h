#pragma once
// PkModel: the IModel of the "pk" plugin. Linear 1-, 2- or 3-compartment pharmacokinetics with
// IV bolus, zero-order IV infusion and first-order oral absorption from a gut depot, propagated
// exactly: each step is z <- exp(M tau) z with the augmented rate matrix of PkRateMatrix.h
// (infusion rate and AUC integral inside the state) and a cached exponential per step length
// (PropagatorCache.h). Parameters and outputs are in model.json order (enums must match it).
//
// Units: the host's clock is in days; the parameters are clinical (L, L/h, 1/h), so the matrix
// is per hour and a step of dt days lasts 24 dt hours; an infusion rate arrives in mg/day
// (Action.rate) and is held in mg/h. AUC is in mg.h/L.
//
// Actions: iv_bolus adds `amount` mg to the central compartment; oral_dose adds F x `amount` mg
// to the gut depot; iv_infusion_start adds `rate` mg/day to the running zero-order input (two
// overlapping infusions add up); iv_infusion_stop subtracts `rate` when it is > 0 (ending that
// one infusion) and ends all input when it is 0 (the SDK's stop carries no value). A negative
// or non-finite amount or rate is refused (apply() returns false, nothing changes).
//
// State (saveState): the 6 augmented states and the mean concentration of the last step; the
// cached propagators are a function of parameters and dt, not state.

#include "PkParameters.h"
#include "PkRateMatrix.h"
#include "PropagatorCache.h"

#include "twin/sim_api/IModel.h"

#include <array>

namespace twin::models::pk {

class PkModel final : public sim_api::IModel {
public:
    /// model.json "outputs" order.
    enum Output : std::size_t {
        kConcentration,
        kAuc,
        kAmountCentral,
        kAmountGut,
        kAmountPeripheral,
        kMeanConcentration,
        kClearanceOut,
        kOutputCount
    };
    static constexpr std::size_t kSavedStateSize = kStateSize + 1;

    void setParameters(std::span<const double> values) noexcept override;
    void setTable(std::size_t index, const sim_api::Table &table) noexcept override;
    void initialise() noexcept override;
    void setInputs(std::span<const double> values) noexcept override;
    void step(double dtDays) noexcept override;
    bool apply(const sim_api::Action &action) noexcept override;
    void outputs(std::span<double> out) const noexcept override;
    std::vector<double> saveState() const noexcept override;
    bool restoreState(std::span<const double> state) noexcept override;

private:
    std::array<double, kParameterCount> values_{};
    PkParameters parameters_;
    bool valid_ = false;
    PropagatorCache cache_;

    StateVector z_ = StateVector::Zero();
    double meanConcentration_ = 0.0;  // mg/L over the last step
};

}  // namespace twin::models::pk
