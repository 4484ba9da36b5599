#pragma once
// PkModel: the IModel of the "pk" plugin. Linear 1-, 2- or 3-compartment pharmacokinetics with
// IV bolus, zero-order IV infusion and first-order oral absorption from a gut depot, propagated
// exactly: each step is z <- exp(M tau) z with the augmented rate matrix of PkRateMatrix.h
// (infusion rate and AUC integral inside the state) and a cached exponential per step length,
// applied in the modal coordinates of the disposition (ModalBasis.h, PropagatorCache.h), where
// it is a scaling per mode plus the input terms. Parameters and outputs are in model.json order (enums must match it).
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
// State (saveState): gut amount, the three modal coordinates of (central, peripheral 2,
// peripheral 3), the AUC integral (mg.h), the infusion rate (mg/h) and the mean concentration
// of the last step. The modes rather than the amounts are saved so that a restored run
// continues bit for bit (no round trip through the basis). The cached propagators and the
// basis are functions of the parameters, not state.

#include "ModalBasis.h"
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
    static constexpr std::size_t kSavedStateSize = 7;

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
    double inverseV1_ = 0.0;  // 1/L: concentrations by multiplication in the per-step path
    PropagatorCache cache_;
    std::array<double, 3> centralToModes_{};       // column 0 of W: a bolus into the modes
    std::array<double, 3> centralFromModes_{};     // row 0 of W^-1: A_central from the modes
    std::array<double, 3> peripheralFromModes_{};  // rows 1 + 2 of W^-1: A_p2 + A_p3

    double gut_ = 0.0;                // mg in the gut depot
    std::array<double, 3> modes_{};   // W (A_central, A_periph2, A_periph3)
    double integral_ = 0.0;           // integral of A_central dt, mg.h
    double rate_ = 0.0;               // zero-order input, mg/h
    double meanConcentration_ = 0.0;  // mg/L over the last step
};

}  // namespace twin::models::pk
