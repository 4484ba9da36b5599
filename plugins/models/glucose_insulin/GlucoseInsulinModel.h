#pragma once
// GlucoseInsulinModel: the Bergman minimal model of glucose–insulin dynamics (IVGTT form) as a
// Didymos IModel. See MinimalModelOde.h for the equations and README.md for the design.
//
// Design decisions:
// - Integration in minutes with Boost.Odeint's adaptive Dormand–Prince 5(4) (relative tolerance
//   1e-8, absolute 1e-12 so that X, about 1e-2 /min at its peak, is resolved too; against an
//   RKF 7(8) reference at 1e-13 the IVGTT error is < 2e-7 mg/dL, 1e-10 /min, 4e-6 uU/mL), restarted at every step()
//   from a fixed first trial step, so the result depends only on the saved state: a restored state continues
//   bit-identically.
// - Integration segments end exactly at the breakpoints of the equations (10 and 40 min after an
//   IV bolus for the KG index, the end of the secretion window), so no step straddles a switch.
//   A breakpoint up to 1e-6 min past a step's end counts as reached in that step: the host's step
//   lengths are differences of grid times and carry rounding, and an exact comparison once let
//   tau pass 180 min unseen, so the load never ended and rest was never restored (TestPluginSmoke:
//   2.8 ms instead of 32 us for 180 days).
// - Bergman's secretion term grows with the time since the load (γ·(G − h)+·t) and has no
//   resting state when h < Gb; it is therefore on only for `secretion_window` minutes after a
//   glucose load (the FSIGT lasts 180 min), after which insulin returns to Ib.
// - At rest (G = Gb, X = 0, I = Ib, empty gut, no load) step() returns at once. After a load the
//   state is set back to exactly that rest once every deviation is below 1e-7 mg/dL, 1e-7 uU/mL,
//   1e-12 /min and 1e-6 mg (≈ 22 h after a 0.3 g/kg bolus): a change far below any assay, which
//   keeps 180 days of hourly steps at a few microseconds.
// - Only actions whose target is "glucose_insulin" are taken: an untargeted "iv_bolus" is a drug
//   dose for the PK models and must not be read as glucose.

#include "MinimalModelOde.h"
#include "MinimalModelParameters.h"

#include "twin/sim_api/IModel.h"

#include <vector>

namespace glucose_insulin {

class GlucoseInsulinModel final : public twin::sim_api::IModel {
public:
    static constexpr const char *kModelId = "glucose_insulin";
    /// Output indices, in model.json "outputs" order.
    enum Output : std::size_t { kGlucose = 0, kInsulin, kRemoteInsulinAction, kKgIndex, kGutGlucose, kOutputCount };

    void setParameters(std::span<const double> values) noexcept override;
    void setTable(std::size_t index, const twin::sim_api::Table &table) noexcept override;
    void initialise() noexcept override;
    void setInputs(std::span<const double> values) noexcept override;
    void step(double dtDays) noexcept override;
    bool apply(const twin::sim_api::Action &action) noexcept override;
    void outputs(std::span<double> out) const noexcept override;
    std::vector<double> saveState() const noexcept override;
    bool restoreState(std::span<const double> state) noexcept override;

private:
    /// KG measurement after an IV bolus: waiting for the 10-min sample, then for the 40-min one.
    enum KgStage : int { kKgIdle = 0, kKgAwait10 = 1, kKgAwait40 = 2 };

    void integrate(double fromTau, double toTau);
    void passBreakpoint();
    bool atRest() const;
    void snapToRestIfNegligible();
    void startLoad();

    MinimalModelParameters params_;
    bool parametersRead_ = false;
    bool valid_ = false;

    MinimalModelState x_{};    // G, X, I, Q
    double tauMin_ = 0.0;      // minutes since the last glucose load
    bool loadActive_ = false;  // a load's clock is running (secretion window or KG pending)
    int kgStage_ = kKgIdle;
    double glucoseAt10_ = 0.0;  // mg/dL, 10 min after the last IV bolus
    double kgPercentPerMin_ = 0.0;
};

}  // namespace glucose_insulin
