#pragma once
// RadiotherapySchedule: a course of external-beam fractions as a scenario states it ("60 Gy in
// 30 fractions of 2 Gy, Monday to Friday, from day 0") and its expansion into rt_fraction
// actions (amount = dose of that fraction in Gy), one per treatment day.
//
// Days: the scenario's day 0 falls on `startWeekday` of the scenario (Monday by default). A
// weekday schedule treats Monday–Friday and skips Saturdays and Sundays; a daily schedule
// treats every day. Breaks are inclusive day ranges [fromDay, toDay] without treatment (a
// machine service day, a toxicity pause): fractions due then move to the next treatment day,
// so the course keeps its number of fractions and becomes longer. Each fraction is given at
// day + timeOfDayHours/24 (0 = at the start of the day).
//
// Dose: the reader accepts two of (totalDoseGy, fractions, dosePerFractionGy) or all three
// when consistent (total = fractions × dose per fraction); every fraction has the same dose.

#include "twin/sim_api/Action.h"

#include <QString>

#include <vector>

namespace twin::simulation {

enum class FractionSchedule { Weekdays, Daily };

struct RadiotherapyBreak {
    int fromDay = 0;  // inclusive
    int toDay = 0;    // inclusive, >= fromDay
};

struct RadiotherapySchedule {
    double totalDoseGy = 0.0;
    int fractions = 0;
    double dosePerFractionGy = 0.0;
    int startDay = 0;
    FractionSchedule schedule = FractionSchedule::Weekdays;
    std::vector<RadiotherapyBreak> breaks;
    double timeOfDayHours = 0.0;
    QString model;  // empty: every model accepting rt_fraction (tumour, ntcp_lkb)

    /// Treatment days (scenario days), one per fraction, ascending. `day0Weekday` is the ISO
    /// weekday of scenario day 0 (1 = Monday … 7 = Sunday).
    std::vector<int> fractionDays(int day0Weekday) const;
    std::vector<sim_api::Action> expand(int day0Weekday) const;

    static QString scheduleName(FractionSchedule schedule);  // "weekdays" | "daily"
};

}  // namespace twin::simulation
