#pragma once
// TumourScenario: drives the "tumour" plugin through a scenario at fixed 1-hour steps — daily
// radiotherapy fractions on weekdays (Monday = day 0), an optional constant drug concentration —
// the way the engine does (actions applied at the step boundary of their time, then the step).
// Shared by the tumour validation tests so that each test states only its schedule and its
// independently computed expectation.

#include "PluginModelHarness.h"

#include "twin/sim_api/Action.h"

#include <QElapsedTimer>

#include <algorithm>
#include <limits>
#include <span>

#include <vector>

namespace twin::test::tumour {

inline constexpr int kStepsPerDay = 24;
inline constexpr double kStepDays = 1.0 / kStepsPerDay;

/// Sets the growth law (0 exponential, 1 logistic, 2 Gompertz), V0, Td and K, and initialises.
inline void configureGrowth(PluginModelHarness &m, int law, double v0, double td, double capacity) {
    m.set("growth_model", law);
    m.set("v0_ml", v0);
    m.set("doubling_time_days", td);
    m.set("carrying_capacity_ml", capacity);
    m.initialise();
}

/// Days (from 0) of n fractions given Monday to Friday, starting on a Monday.
inline std::vector<int> weekdayFractionDays(int n) {
    std::vector<int> days;
    for (int day = 0; static_cast<int>(days.size()) < n; ++day)
        if (day % 7 < 5) days.push_back(day);
    return days;
}

/// Overall time T of a weekday schedule of n fractions: days from the first to the last.
inline int overallTimeDays(int n) {
    return weekdayFractionDays(n).back();
}

class TumourScenario {
public:
    explicit TumourScenario(PluginModelHarness &model) : model_(model) {}

    /// Schedules doseGy on each of `days`.
    TumourScenario &fractions(const std::vector<int> &days, double doseGy) {
        fractionDays_ = days;
        doseGy_ = doseGy;
        return *this;
    }

    /// Runs from the current step to day `endDay` (exclusive of a fraction on endDay itself).
    void runUntil(int endDay) {
        for (; step_ < endDay * kStepsPerDay; ++step_) {
            if (step_ % kStepsPerDay == 0) {
                const int day = step_ / kStepsPerDay;
                for (int d : fractionDays_)
                    if (d == day)
                        model_.apply({static_cast<double>(day), sim_api::action_kind::kRtFraction, "", doseGy_});
            }
            model_.step(kStepDays);
        }
    }

private:
    PluginModelHarness &model_;
    std::vector<int> fractionDays_;
    double doseGy_ = 0.0;
    int step_ = 0;
};

/// A scenario exercising every path: Gompertz, Norton–Simon kill with a concentration that
/// changes every few hours, a 30-fraction course and a partial resection at day 50.
inline void configureFullScenario(PluginModelHarness &m) {
    m.set("growth_model", 2);
    m.set("chemo_kill_model", 1);
    m.set("k_kill", 0.01);
    m.set("doubling_time_days", 90.0);
    m.initialise();
}

/// Drives steps [fromStep, toStep) of that scenario; appends every step's outputs to `trace`.
inline void driveFullScenario(PluginModelHarness &m, int fromStep, int toStep, std::vector<double> *trace) {
    const std::vector<int> days = weekdayFractionDays(30);
    for (int k = fromStep; k < toStep; ++k) {
        const int day = k / kStepsPerDay;
        if (k % kStepsPerDay == 0) {
            for (int d : days)
                if (d == day) m.apply({double(day), sim_api::action_kind::kRtFraction, "", 2.0});
            if (day == 50) m.apply({50.0, sim_api::action_kind::kSurgery, "", 0.3});
        }
        m.setInput("concentration", (k % 48) < 6 ? 3.0 : 0.25 * (k % 5));
        m.step(kStepDays);
        if (trace) {
            const std::vector<double> &out = m.allOutputs();
            trace->insert(trace->end(), out.begin(), out.end());
        }
    }
}

/// The engine's loop — inputs, step, outputs — 4320 times (180 d at 1 h) on the initialised
/// model, best of 5 runs, in ns; with `drug` the concentration changes at every step.
inline qint64 bestNanosecondsOf180Days(PluginModelHarness &m, bool drug) {
    std::vector<double> out(m.outputIds().size());
    qint64 best = std::numeric_limits<qint64>::max();
    for (int run = 0; run < 5; ++run) {
        m.initialise();
        sim_api::IModel &model = m.model();
        QElapsedTimer timer;
        timer.start();
        for (int k = 0; k < 4320; ++k) {
            const double c = drug ? 1.0 + 1e-3 * (k % 97) : 0.0;
            model.setInputs(std::span<const double>(&c, 1));
            model.step(kStepDays);
            model.outputs(out);
        }
        best = std::min(best, timer.nsecsElapsed());
    }
    return best;
}

}  // namespace twin::test::tumour
