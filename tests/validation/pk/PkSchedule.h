#pragma once
// PkSchedule: drives the pk plugin (through PluginModelHarness, i.e. its IModel interface)
// over a dosing schedule at a fixed step and records concentration and AUC after every step,
// as the host's engine would: actions due at a step boundary are applied before the step.
// Action times must lie on the step grid (checked: a missed action fails the run).

#include "PluginModelHarness.h"

#include <cmath>
#include <string>
#include <vector>

namespace twin::test::pk {

inline constexpr double kHour = 1.0 / 24.0;      // days
inline constexpr double kMinute = 1.0 / 1440.0;  // days

struct Series {
    std::vector<double> tHours, concentration, auc;
    bool allActionsApplied = false;
};

inline sim_api::Action bolus(double tDays, double mg) {
    return {tDays, "iv_bolus", "", mg, 0.0};
}
inline sim_api::Action oral(double tDays, double mg) {
    return {tDays, "oral_dose", "", mg, 0.0};
}

/// A zero-order infusion of doseMg over `hours` from tDays: its start and its stop.
inline std::vector<sim_api::Action> infusion(double tDays, double doseMg, double hours) {
    const double rateMgPerDay = doseMg / hours * 24.0;
    return {{tDays, "iv_infusion_start", "", 0.0, rateMgPerDay},
            {tDays + hours / 24.0, "iv_infusion_stop", "", 0.0, rateMgPerDay}};
}

/// Runs `steps` steps of dtDays from a fresh initialise(); actions in any order.
inline Series runSchedule(PluginModelHarness &pk, const std::vector<sim_api::Action> &actions, double dtDays,
                          int steps) {
    pk.initialise();
    Series s;
    std::size_t applied = 0;
    for (int i = 0; i < steps; ++i) {
        for (const sim_api::Action &a : actions)
            if (std::abs(a.timeDays - i * dtDays) < 0.5 * dtDays && pk.apply(a)) ++applied;
        pk.step(dtDays);
        s.tHours.push_back((i + 1) * dtDays * 24.0);
        s.concentration.push_back(pk.output(QStringLiteral("concentration")));
        s.auc.push_back(pk.output(QStringLiteral("auc")));
    }
    s.allActionsApplied = applied == actions.size();
    return s;
}

/// max |a_i - b_i| / scale over the series.
inline double maxScaledDifference(const std::vector<double> &a, const std::vector<double> &b, double scale) {
    double worst = a.size() == b.size() ? 0.0 : INFINITY;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        worst = std::max(worst, std::abs(a[i] - b[i]) / scale);
    return worst;
}

}  // namespace twin::test::pk
