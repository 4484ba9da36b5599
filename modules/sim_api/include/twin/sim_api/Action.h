#pragma once
// An intervention applied to the patient twin at a step boundary: a dose given, an infusion
// started or stopped, a radiotherapy fraction delivered, a resection. Actions are plain values
// (no Qt types): the engine queues them, applies them between steps in time order (ties keep
// the order they were queued in) and hands each to every model that accepts its kind.

#include <string>

namespace twin::sim_api {

/// Stable kind ids; a model lists the kinds it accepts in model.json "actions", and scenario
/// JSON files use the same strings.
namespace action_kind {
inline constexpr const char *kIvBolus = "iv_bolus";                   // amount: mg
inline constexpr const char *kIvInfusionStart = "iv_infusion_start";  // rate: mg/day
inline constexpr const char *kIvInfusionStop = "iv_infusion_stop";    // (no value)
inline constexpr const char *kOralDose = "oral_dose";                 // amount: mg
inline constexpr const char *kRtFraction = "rt_fraction";             // amount: Gy (prescribed dose of this fraction)
inline constexpr const char *kSurgery = "surgery";                    // amount: fraction of the tumour removed, 0..1
}  // namespace action_kind

struct Action {
    double timeDays = 0.0;  // scenario time (days from the scenario start) at which it applies
    std::string kind;       // one of action_kind
    std::string target;     // model id it is meant for; empty = every model accepting `kind`
    double amount = 0.0;    // unit given by the kind (see action_kind)
    double rate = 0.0;      // mg/day, for kIvInfusionStart
};

}  // namespace twin::sim_api
