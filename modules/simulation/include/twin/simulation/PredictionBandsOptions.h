#pragma once
// Settings of the prediction bands: how many posterior samples, the seed that makes them
// reproducible, which quantiles, and whether samples run in parallel.

#include <cstdint>

namespace twin::simulation {

struct PredictionBandsOptions {
    /// Posterior samples. The 5 % quantile of 1000 samples has a Monte Carlo SE of about
    /// √(0.05·0.95/1000)/φ(1.645) ≈ 0.067 SD of the predictive distribution.
    int sampleCount = 1000;
    /// Fixed seed: the same seed, result and points give bit-identical bands (sample k draws from
    /// its own mt19937_64 seeded from (seed, k), so order and threading do not matter).
    std::uint64_t seed = 20240601;
    double lowerQuantile = 0.05;
    double upperQuantile = 0.95;
    /// Runs predict on QtConcurrent's global pool; predict must then be reentrant.
    bool parallel = false;
    /// Samples at which predict fails are dropped (and counted); above this fraction the bands
    /// are refused, since they would describe only the part of the posterior the model survives.
    double maxFailedFraction = 0.01;
};

}  // namespace twin::simulation
