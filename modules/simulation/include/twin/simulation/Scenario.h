#pragma once
// Scenario: what to simulate for one patient twin — which models, which parameters differ from
// what the twin fills in, the interventions over time, the time grid, and optionally the
// patient's observations to calibrate to. Read by ScenarioReader, written by ScenarioWriter;
// schema: resources/schemas/scenario.schema.json (JSON Schema 2020-12); example and regression
// case: resources/scenarios/demo-chemoradiation.json.
//
// File format (JSON object; unknown keys are errors, so a typo is never silently ignored):
//   "format": "didymos-scenario", "version": 1          required
//   "name": "...", "description": "..."                 optional text
//   "twin": {
//     "models": ["pk", "friberg", ...],                 model plugin ids, each once, >= 1
//     "parameters": { "pk.cl": 30.0, ... }              "<model>.<param>" overrides, declared unit
//   }
//   "horizonDays": 180        > 0, at most 3650
//   "stepHours": 1            fixed step, > 0, at most 24
//   "outputEvery": 1          record every N steps (>= 1)
//   "startWeekday": "monday"  weekday of day 0 (for weekday radiotherapy); default monday
//   "interventions": [        optional, in any order
//     { "type": "drug", "drug": "docetaxel", "model": "pk", "dose": 75, "doseUnit": "mg/m2",
//       "route": "iv_infusion", "infusionHours": 1, "intervalDays": 21, "cycles": 4, "startDay": 0 },
//         doseUnit mg | mg/m2 (× BSA of the twin); route iv_bolus | iv_infusion | oral;
//         infusionHours only (and required) for iv_infusion, shorter than the interval
//     { "type": "radiotherapy", "totalDoseGy": 60, "fractions": 30, "dosePerFractionGy": 2,
//       "startDay": 0, "schedule": "weekdays", "breaks": [{"fromDay": 10, "toDay": 11}],
//       "timeOfDayHours": 0, "model": "" },         two of the three dose keys suffice
//     { "type": "surgery", "day": 120, "resectedFraction": 0.9, "model": "" }
//   ]
//   "observations": [         optional: calibration data
//     { "output": "pk.concentration", "day": 0.5, "value": 1.1, "sigma": 0.1 }   or "cv": 0.2
//   ]
//   "calibrate": ["pk.cl"]    optional: which calibratable parameters to fit (default below)
//
// Precedence of a parameter's value: the scenario's override, else the twin's value for the
// model.json "source" (TwinInputs), else the model.json default (flagged population default).
// Days are scenario days (day 0 = start), fractional days allowed where a time is meant.

#include "twin/sim_api/Action.h"
#include "twin/simulation/ScenarioIntervention.h"
#include "twin/simulation/ScenarioObservation.h"

#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace twin::simulation {

struct ScenarioParameterOverride {
    QString model;      // model (instance) id
    QString parameter;  // parameter id
    double value = 0.0;
    QString key() const { return model + QLatin1Char('.') + parameter; }
};

struct Scenario {
    static constexpr int kFormatVersion = 1;

    QString name;
    QString description;
    QStringList models;
    std::vector<ScenarioParameterOverride> parameters;  // file order
    double horizonDays = 180.0;
    double stepHours = 1.0;
    int outputEvery = 1;
    int startWeekday = 1;  // ISO: 1 = Monday … 7 = Sunday
    std::vector<ScenarioIntervention> interventions;
    std::vector<ScenarioObservation> observations;
    QStringList calibrate;  // empty: the default set (ScenarioCalibration.h)

    double dtDays() const { return stepHours / 24.0; }
    /// Every intervention's actions; mg/m2 doses converted with `bsaM2`. Sorted by time, ties in
    /// timeline order (a stable sort), so the list is the same however the file is ordered.
    std::vector<sim_api::Action> actions(double bsaM2) const;
    /// The override for "<model>.<param>", or nullptr.
    const ScenarioParameterOverride * override(const QString &model, const QString &parameter) const;
    /// True when some drug regimen is dosed per m2 (the twin's BSA is then needed).
    bool needsBsa() const;

    static QString weekdayName(int isoWeekday);       // "monday" …; empty when out of range
    static int weekdayFromName(const QString &name);  // 0 when unknown
};

}  // namespace twin::simulation
