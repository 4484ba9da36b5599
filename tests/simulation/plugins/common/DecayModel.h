#pragma once
// DecayModel: the test fixture model "test_decay" — one amount A (mg) eliminated first-order,
//   dA/dt = -k·A + R + 24·u,
// with R a zero-order infusion (mg/d, iv_infusion_start/stop) and u the input "inflow" (mg/h,
// hence the 24). Propagated exactly over each step with the inputs held:
//   A(t+h) = A·e^(-k·h) + (R + 24·u)/k · (1 - e^(-k·h)),
// so that the simulator's tests can compare with closed-form solutions to rounding error.
// Actions: iv_bolus adds `amount` mg, surgery removes the fraction `amount` of A (a
// non-commuting pair, to see the order of actions). State: {A, R}.
// Parameter order follows model.json: k_per_day, a0_mg, volume_l.

#include "twin/sim_api/IModel.h"

#include <cmath>
#include <cstring>

namespace twin::test {

class DecayModel final : public sim_api::IModel {
public:
    void setParameters(std::span<const double> values) noexcept override {
        if (values.size() == 3) {
            k_ = values[0];
            a0_ = values[1];
            volume_ = values[2];
        }
    }
    void setTable(std::size_t, const sim_api::Table &) noexcept override {}
    void initialise() noexcept override {
        amount_ = a0_;
        rate_ = 0.0;
        inflowPerHour_ = 0.0;
    }
    void setInputs(std::span<const double> values) noexcept override {
        if (!values.empty()) inflowPerHour_ = values[0];
    }
    void step(double dtDays) noexcept override {
        const double source = rate_ + 24.0 * inflowPerHour_;
        const double decay = std::exp(-k_ * dtDays);
        amount_ = amount_ * decay - source / k_ * std::expm1(-k_ * dtDays);
    }
    bool apply(const sim_api::Action &action) noexcept override {
        if (action.kind == sim_api::action_kind::kIvBolus) {
            amount_ += action.amount;
        } else if (action.kind == sim_api::action_kind::kSurgery) {
            amount_ *= 1.0 - action.amount;
        } else if (action.kind == sim_api::action_kind::kIvInfusionStart) {
            rate_ = action.rate;
        } else if (action.kind == sim_api::action_kind::kIvInfusionStop) {
            rate_ = 0.0;
        } else {
            return false;
        }
        return true;
    }
    void outputs(std::span<double> out) const noexcept override {
        if (out.size() < 3) return;
        out[0] = amount_;
        out[1] = k_ * amount_;
        out[2] = amount_ / volume_;
    }
    std::vector<double> saveState() const noexcept override { return {amount_, rate_}; }
    bool restoreState(std::span<const double> state) noexcept override {
        if (state.size() != 2) return false;
        amount_ = state[0];
        rate_ = state[1];
        return true;
    }

private:
    double k_ = 0.1, a0_ = 0.0, volume_ = 10.0;
    double amount_ = 0.0, rate_ = 0.0, inflowPerHour_ = 0.0;
};

}  // namespace twin::test
