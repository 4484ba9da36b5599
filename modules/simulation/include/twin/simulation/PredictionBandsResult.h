#pragma once
// Prediction bands of the calibrated twin: per point, the prediction at θ̂ and the quantiles of
// the predictions over θ sampled from the Laplace posterior (the 90 % band by default).

#include "twin/simulation/ObservationSet.h"

#include <cstdint>
#include <vector>

namespace twin::simulation {

struct PredictionBandsResult {
    std::vector<PredictionPoint> points;
    std::vector<double> atEstimate;  // f(θ̂)
    std::vector<double> lower;       // lowerQuantile of f over the samples (5 %)
    std::vector<double> median;      // 50 %
    std::vector<double> upper;       // upperQuantile (95 %)
    double lowerQuantile = 0.05;
    double upperQuantile = 0.95;
    int sampleCount = 0;    // samples drawn
    int failedSamples = 0;  // samples at which predict failed, left out of the quantiles
    std::uint64_t seed = 0;
};

}  // namespace twin::simulation
