#pragma once
// ValidityMonitor: the validity ranges of model.json (and each parameter's declared
// [min, max]) as flat per-model check lists, so the step loop compares doubles only; the first
// value outside a range formats one warning and retires that check.

#include "simulator/WarningLog.h"
#include "twin/sim_api/Action.h"
#include "twin/simulation/ModelInstance.h"

#include <memory>
#include <span>
#include <vector>

namespace twin::simulation {

class ValidityMonitor {
public:
    /// Builds the checks of every model; checks whose (model, subject) already has a warning in
    /// `log` start retired (a restored run does not warn twice).
    void reset(const std::vector<std::unique_ptr<ModelInstance>> &models, const WarningLog &log);

    /// Parameters against validity ranges and their declared [min, max] (at `timeDays`).
    void checkParameters(const std::vector<std::unique_ptr<ModelInstance>> &models, double timeDays, WarningLog &log);
    void checkInputs(int model, std::span<const double> inputs, double timeDays, WarningLog &log) {
        check(model, checks_[static_cast<std::size_t>(model)].inputs, inputs, timeDays, log);
    }
    void checkOutputs(int model, std::span<const double> outputs, double timeDays, WarningLog &log) {
        check(model, checks_[static_cast<std::size_t>(model)].outputs, outputs, timeDays, log);
    }
    void checkAction(int model, const sim_api::Action &action, double timeDays, WarningLog &log);

private:
    struct Check {
        int spec = -1;   // index into the metadata's validity list
        int index = -1;  // into the checked values
        double min = 0.0;
        double max = 0.0;
        bool retired = false;
    };
    struct ModelChecks {
        const ModelInstance *model = nullptr;
        std::vector<Check> inputs, outputs, actions;
    };

    void check(int model, std::vector<Check> &checks, std::span<const double> values, double timeDays,
               WarningLog &log) {
        for (Check &c : checks) {
            if (c.retired) continue;
            const double v = values[static_cast<std::size_t>(c.index)];
            if (v < c.min || v > c.max) report(model, c, v, timeDays, log);
        }
    }
    void report(int model, Check &check, double value, double timeDays, WarningLog &log);

    std::vector<ModelChecks> checks_;
};

}  // namespace twin::simulation
