#pragma once
// DosingRegimen: one drug given repeatedly on a fixed interval, as a scenario states it
// ("docetaxel 75 mg/m2 as a 1-h infusion every 21 days, 4 cycles, from day 0"), and its
// expansion into the sim_api actions the pharmacokinetic model takes:
//   iv_bolus     → one iv_bolus of the dose (mg) per cycle;
//   iv_infusion  → an iv_infusion_start at rate dose / duration (mg/day) and an
//                  iv_infusion_stop one duration later, per cycle;
//   oral         → one oral_dose (mg) per cycle.
// A dose in mg/m2 is converted to mg with the patient's body surface area (Mosteller, from the
// twin: the caller passes it); the conversion is the only place where BSA enters.
//
// Cycle k (0-based) starts at startDay + k · intervalDays. Infusions of consecutive cycles may
// not overlap (the reader checks duration < interval), so each start has its own stop.

#include "twin/sim_api/Action.h"

#include <QString>

#include <vector>

namespace twin::simulation {

enum class DoseUnit { Mg, MgPerM2 };
enum class DoseRoute { IvBolus, IvInfusion, Oral };

struct DosingRegimen {
    QString drug;                          // free text for reports ("docetaxel")
    QString model = QStringLiteral("pk");  // target model (instance) id of every action
    double dose = 0.0;                     // per cycle, in doseUnit
    DoseUnit doseUnit = DoseUnit::Mg;
    DoseRoute route = DoseRoute::IvBolus;
    double infusionHours = 0.0;  // IvInfusion only (> 0)
    double intervalDays = 0.0;   // between cycle starts (> 0 when cycles > 1)
    int cycles = 1;
    double startDay = 0.0;

    /// The dose of one cycle in mg; `bsaM2` is used for MgPerM2 only.
    double doseMg(double bsaM2) const;
    /// Day on which cycle `k` (0-based) starts.
    double cycleStartDay(int k) const { return startDay + k * intervalDays; }
    /// The actions of every cycle, in time order (start before stop for an infusion).
    std::vector<sim_api::Action> expand(double bsaM2) const;

    static QString routeName(DoseRoute route);  // "iv_bolus" | "iv_infusion" | "oral"
    static QString unitName(DoseUnit unit);     // "mg" | "mg/m2"
};

}  // namespace twin::simulation
