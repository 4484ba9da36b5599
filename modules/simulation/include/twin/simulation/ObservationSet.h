#pragma once
// What calibration fits to: observations from the patient's record (drug levels, ANC counts,
// serial tumour volumes), each naming the model output it measures, its time and its residual
// error; and the points at which a model is asked to predict.

#include "twin/core/Result.h"

#include <QString>

#include <span>
#include <vector>

namespace twin::simulation {

/// How an observation scatters about the model's prediction f.
enum class ResidualErrorModel {
    /// y = f + ε, ε ~ N(0, σ²); σ in the units of the value. Residual (y − f)/σ.
    Additive,
    /// Proportional, as the exponential model y = f·e^ε, ε ~ N(0, σ²): σ is the SD of ln y,
    /// ≈ the CV for CV ≤ 30 % (0.1 for 10 %). Residual (ln y − ln f)/σ; needs y > 0 and f > 0.
    /// Chosen over (y − f)/(σ·f) because that weight moves with θ, and its likelihood then has a
    /// 2·ln(σ·f) term that is not a sum of squares (a least-squares fit of it is biased).
    Proportional,
};

/// Where a prediction is wanted: a time since the scenario start and a model output id.
struct PredictionPoint {
    double timeDays = 0.0;
    QString outputId;
};

struct Observation {
    double timeDays = 0.0;
    double value = 0.0;
    /// SD of the residual (> 0): absolute for Additive, of ln y for Proportional.
    double sigma = 1.0;
    QString outputId;
    ResidualErrorModel errorModel = ResidualErrorModel::Additive;

    PredictionPoint point() const { return {timeDays, outputId}; }
};

class ObservationSet {
public:
    /// Checks every observation: finite time and value, σ > 0 and finite, y > 0 where
    /// proportional. The error names the first culprit by index, time and output.
    static core::Status validate(std::span<const Observation> observations);
    /// The prediction points of the observations, in their order.
    static std::vector<PredictionPoint> points(std::span<const Observation> observations);
};

}  // namespace twin::simulation
