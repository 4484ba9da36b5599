#pragma once
// `didymos-cli simulate --case DIR_OR_FILE --scenario FILE --out FILE.(csv|json) [--bands N]
//  [--as-of YYYY-MM-DD]` and `didymos-cli simulate --demo [--scenario FILE] --out FILE.json`:
// runs a scenario (resources/schemas/scenario.schema.json) on a patient's twin, headless.
//
// --case     a FHIR bundle or folder, a DICOM folder, or a folder with both (DIR/fhir/ + DICOM,
//            as `didymos-cli demo write DIR` writes it): SimulateCaseLoader fills the twin.
// --demo     generates the demo patient (DemoPatientGenerator, a 128 x 128 x 60 grid for speed)
//            in a temporary folder and, unless --scenario is given, runs the scenario embedded
//            from resources/scenarios/demo-chemoradiation.json (Qt resource, so it works from
//            the build tree alone).
// --bands N  N posterior samples (>= 20) for 90 % bands (5 %-95 %) of the series that depend
//            on the calibrated parameters; with no observations in the scenario the bands are
//            prior-predictive (MAP with no data = the prior).
// When the scenario has observations the twin is calibrated first (ScenarioCalibration) and
// the series are those at the estimate.
//
// JSON (compact: the series are long): scenario, case, models (id, name, version, plugin file),
// inputs (each parameter/table with a twin source: origin twin | population default | scenario,
// value, unit, provenance, note), bsa, actions, series (id "<model>.<output>", unit, t in days,
// values, lower/upper), metrics (id, model, value, unit, timeDays), warnings (twin, validity,
// ...), calibration (when observations were given or --bands asked for it).
// CSV: a header "t [d],<id> [unit],..." (band columns "<id> lower [unit]" after their series),
// then one row per recorded time. Exit 0 ok, 1 failure (one line naming the file/field), 2 usage.

#include "CliCommand.h"

namespace twin::cli {

class SimulateCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("simulate"); }
    QString summary() const override {
        return QStringLiteral(
            "Run a scenario (drugs, radiotherapy, surgery) on a patient's twin; series and metrics as JSON or CSV.");
    }
    QString usage() const override {
        return QStringLiteral(
            "(--case DIR_OR_FILE --scenario FILE | --demo [--scenario FILE]) --out FILE.(csv|json) [--bands N] "
            "[--as-of YYYY-MM-DD]");
    }
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
};

}  // namespace twin::cli
