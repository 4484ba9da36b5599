#pragma once
// SimulateOutput: what `didymos-cli simulate` writes, as JSON or CSV (formats in
// SimulateCommand.h). Kept apart from the command so that the writing is one place and the
// command only orchestrates. Deterministic: no time stamps, no absolute paths, numbers as Qt
// writes doubles (shortest round-trip form in JSON; 17 significant digits in CSV).

#include "twin/simulation/CalibrationResult.h"
#include "twin/simulation/PredictionBandsResult.h"
#include "twin/simulation/ScenarioSimulation.h"
#include "twin/simulation/SimulationResult.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace twin::cli {

struct SimulateReport {
    QString scenarioFile;  // as given, or the demo's resource name
    QString caseDescription;
    QString ehrPath, dicomPath, asOf;
    const simulation::ScenarioSimulation *simulation = nullptr;
    simulation::SimulationResult result;
    QStringList twinWarnings;
    std::optional<simulation::CalibrationResult> calibration;
    std::vector<double> priorValues, priorCvs;  // per calibrated parameter
    int observationCount = 0;
    std::optional<simulation::PredictionBandsResult> bands;
    QStringList bandSeries;  // ids of the series with bands, in the bands' point order
};

class SimulateOutput {
public:
    static QJsonObject toJson(const SimulateReport &report);
    static QByteArray toCsv(const SimulateReport &report);
};

}  // namespace twin::cli
