#pragma once
// ScenarioCalibration: the scenario's observations fitted by MAP (MapEstimator) through the
// Simulator, and prediction bands (PredictionBands) for the scenario's output series.
//
// Parameters: the scenario's "calibrate" list, else every parameter marked calibratable (with a
// priorCv) in model.json of the models whose outputs are observed and of the models upstream
// of them through their inputs (pk feeds friberg: ANC data also inform pk.cl); a parameter of a
// model the data cannot reach would only return its prior. Prior: lognormal with median = the
// parameter's resolved value for this patient (the model.json default unless the twin or the
// scenario set it) and ω from priorCv; bounds = the declared [min, max].
// Observations: sigma -> additive error, cv -> proportional error with σ(ln y) = sqrt(ln(1+CV²)).
// Prediction at an observation: the recorded series linearly interpolated in time (exact on
// the output grid: put observations on it, or record every step).
//
// With no observations, fit() returns the prior (MapEstimator's allowEmptyObservations) over
// the calibratable parameters of every model, so bands() gives prior-predictive bands.

#include "twin/core/Result.h"
#include "twin/simulation/CalibrationModel.h"
#include "twin/simulation/CalibrationParameter.h"
#include "twin/simulation/CalibrationResult.h"
#include "twin/simulation/MapEstimatorOptions.h"
#include "twin/simulation/ObservationSet.h"
#include "twin/simulation/PredictionBandsOptions.h"
#include "twin/simulation/PredictionBandsResult.h"
#include "twin/simulation/ScenarioSimulation.h"

#include <span>
#include <vector>

namespace twin::simulation {

class ScenarioCalibration {
public:
    /// Errors name the scenario field: calibrate[i] (unknown, not calibratable, no priorCv).
    static core::Result<ScenarioCalibration> create(const ScenarioSimulation &simulation,
                                                    const QString &scenarioFile = {});

    const std::vector<CalibrationParameter> &parameters() const { return parameters_; }
    const std::vector<ParameterRef> &parameterRefs() const { return refs_; }
    const std::vector<Observation> &observations() const { return observations_; }
    /// θ (in parameters() order) -> predictions at points ("<model>.<output>" at a day).
    PredictFunction predictFunction() const;

    core::Result<CalibrationResult> fit(MapEstimatorOptions options = {}) const;
    /// Changes that set θ̂ of `result` (for ScenarioSimulation::run).
    std::vector<ParameterChange> changesAt(const CalibrationResult &result) const;
    /// Bands for every recorded time of each series in `seriesIds` of `grid` (a run of the
    /// scenario at θ̂); points in series order, then time order.
    core::Result<PredictionBandsResult> bands(const CalibrationResult &result, const SimulationResult &grid,
                                              const QStringList &seriesIds,
                                              const PredictionBandsOptions &options) const;
    /// The series whose values depend on the calibrated parameters (their models and every
    /// model downstream), in the order of `result.series`.
    QStringList affectedSeries(const SimulationResult &result) const;

private:
    ScenarioCalibration() = default;

    const ScenarioSimulation *simulation_ = nullptr;
    std::vector<CalibrationParameter> parameters_;
    std::vector<ParameterRef> refs_;
    std::vector<Observation> observations_;
};

}  // namespace twin::simulation
