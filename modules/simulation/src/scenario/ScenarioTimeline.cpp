// The scenario timeline's expansion into sim_api actions: drug regimens (bolus, infusion start
// and stop pairs, oral doses), radiotherapy fractions on treatment days, surgery; and the
// scenario-wide ordering of all of them. See DosingRegimen.h, ScenarioRadiotherapy.h.

#include "twin/simulation/DosingRegimen.h"
#include "twin/simulation/Scenario.h"
#include "twin/simulation/ScenarioRadiotherapy.h"
#include "twin/simulation/ScenarioSurgery.h"

#include <algorithm>
#include <array>

namespace twin::simulation {

namespace kind = sim_api::action_kind;

double DosingRegimen::doseMg(double bsaM2) const {
    return doseUnit == DoseUnit::MgPerM2 ? dose * bsaM2 : dose;
}

std::vector<sim_api::Action> DosingRegimen::expand(double bsaM2) const {
    const double mg = doseMg(bsaM2);
    const std::string target = model.toStdString();
    std::vector<sim_api::Action> actions;
    actions.reserve(static_cast<std::size_t>(cycles) * 2);
    for (int k = 0; k < cycles; ++k) {
        const double t = cycleStartDay(k);
        switch (route) {
            case DoseRoute::IvBolus:
                actions.push_back({t, kind::kIvBolus, target, mg, 0.0});
                break;
            case DoseRoute::Oral:
                actions.push_back({t, kind::kOralDose, target, mg, 0.0});
                break;
            case DoseRoute::IvInfusion: {
                const double days = infusionHours / 24.0;
                const double rate = mg / days;  // mg/day, as sim_api wants it
                actions.push_back({t, kind::kIvInfusionStart, target, 0.0, rate});
                actions.push_back({t + days, kind::kIvInfusionStop, target, 0.0, 0.0});
                break;
            }
        }
    }
    return actions;
}

QString DosingRegimen::routeName(DoseRoute route) {
    switch (route) {
        case DoseRoute::IvBolus:
            return QStringLiteral("iv_bolus");
        case DoseRoute::IvInfusion:
            return QStringLiteral("iv_infusion");
        case DoseRoute::Oral:
            return QStringLiteral("oral");
    }
    return {};
}

QString DosingRegimen::unitName(DoseUnit unit) {
    return unit == DoseUnit::MgPerM2 ? QStringLiteral("mg/m2") : QStringLiteral("mg");
}

std::vector<int> RadiotherapySchedule::fractionDays(int day0Weekday) const {
    std::vector<int> days;
    if (fractions <= 0) return days;
    days.reserve(static_cast<std::size_t>(fractions));
    const auto inBreak = [this](int day) {
        return std::any_of(breaks.begin(), breaks.end(),
                           [day](const RadiotherapyBreak &b) { return day >= b.fromDay && day <= b.toDay; });
    };
    // ISO weekday of `day`: day 0 is day0Weekday (1..7); ((d + w0 - 1) mod 7) + 1 for d >= 0.
    const auto weekday = [day0Weekday](int day) { return ((day + day0Weekday - 1) % 7 + 7) % 7 + 1; };
    // Bounded: every week has at least one treatment day unless breaks cover it, and breaks are
    // finite ranges, so the loop ends; the bound only guards against a bug.
    const int lastDay = startDay + 7 * fractions + 7 * 520;
    for (int day = startDay; static_cast<int>(days.size()) < fractions && day <= lastDay; ++day) {
        if (schedule == FractionSchedule::Weekdays && weekday(day) >= 6) continue;
        if (inBreak(day)) continue;
        days.push_back(day);
    }
    return days;
}

std::vector<sim_api::Action> RadiotherapySchedule::expand(int day0Weekday) const {
    std::vector<sim_api::Action> actions;
    const std::string target = model.toStdString();
    for (const int day : fractionDays(day0Weekday)) {
        actions.push_back({day + timeOfDayHours / 24.0, kind::kRtFraction, target, dosePerFractionGy, 0.0});
    }
    return actions;
}

QString RadiotherapySchedule::scheduleName(FractionSchedule schedule) {
    return schedule == FractionSchedule::Daily ? QStringLiteral("daily") : QStringLiteral("weekdays");
}

sim_api::Action SurgeryEvent::action() const {
    return {day, kind::kSurgery, model.toStdString(), resectedFraction, 0.0};
}

std::vector<sim_api::Action> Scenario::actions(double bsaM2) const {
    std::vector<sim_api::Action> all;
    for (const ScenarioIntervention &intervention : interventions) {
        std::vector<sim_api::Action> part;
        if (const auto *drug = std::get_if<DosingRegimen>(&intervention))
            part = drug->expand(bsaM2);
        else if (const auto *rt = std::get_if<RadiotherapySchedule>(&intervention))
            part = rt->expand(startWeekday);
        else if (const auto *surgery = std::get_if<SurgeryEvent>(&intervention))
            part = {surgery->action()};
        all.insert(all.end(), part.begin(), part.end());
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const sim_api::Action &a, const sim_api::Action &b) { return a.timeDays < b.timeDays; });
    return all;
}

const ScenarioParameterOverride *Scenario::override(const QString &model, const QString &parameter) const {
    for (const ScenarioParameterOverride &o : parameters) {
        if (o.model == model && o.parameter == parameter) return &o;
    }
    return nullptr;
}

bool Scenario::needsBsa() const {
    return std::any_of(interventions.begin(), interventions.end(), [](const ScenarioIntervention &i) {
        const auto *drug = std::get_if<DosingRegimen>(&i);
        return drug && drug->doseUnit == DoseUnit::MgPerM2;
    });
}

namespace {
const std::array<const char *, 7> kWeekdays{"monday", "tuesday",  "wednesday", "thursday",
                                            "friday", "saturday", "sunday"};
}

QString Scenario::weekdayName(int isoWeekday) {
    return isoWeekday >= 1 && isoWeekday <= 7 ? QString::fromLatin1(kWeekdays[std::size_t(isoWeekday - 1)]) : QString();
}

int Scenario::weekdayFromName(const QString &name) {
    for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
        if (name == QLatin1String(kWeekdays[i])) return static_cast<int>(i) + 1;
    }
    return 0;
}

}  // namespace twin::simulation
