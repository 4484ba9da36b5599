#pragma once
// Prediction bands from a calibration: ln θ ~ N(ln θ̂, Σ) (the Laplace posterior of
// CalibrationResult), each sample clamped into the parameter bounds and run through predict;
// per point the quantiles of the sampled predictions (Hyndman & Fan 1996 type 7, linear
// interpolation between order statistics, as R's default) and the prediction at θ̂.
//
// Normal deviates come from Box–Muller on mt19937_64 bits (53-bit uniforms), not from
// std::normal_distribution, whose algorithm differs between standard libraries: the bands are
// the same with libstdc++ and libc++ (up to the last bit of libm's log/sin/cos).

#include "twin/core/Result.h"
#include "twin/simulation/CalibrationModel.h"
#include "twin/simulation/CalibrationResult.h"
#include "twin/simulation/PredictionBandsOptions.h"
#include "twin/simulation/PredictionBandsResult.h"

#include <span>

namespace twin::simulation {

class PredictionBands {
public:
    /// Errors name the cause: no points, a result without a valid covariance, bad options, or
    /// too many failed samples (with the θ of the first).
    static core::Result<PredictionBandsResult> compute(const CalibrationResult &calibration,
                                                       std::span<const PredictionPoint> points,
                                                       const PredictFunction &predict,
                                                       const PredictionBandsOptions &options = {});
};

}  // namespace twin::simulation
