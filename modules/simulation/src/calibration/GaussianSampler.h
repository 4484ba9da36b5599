#pragma once
// Standard normal deviates that are the same on every standard library: Box–Muller on 53-bit
// uniforms from mt19937_64 (whose output sequence the C++ standard fixes), one generator per
// sample seeded by SplitMix64 of (seed, sample index) so that samples are independent of the
// order, or the thread, in which they are drawn.

#include <cstdint>
#include <random>
#include <span>

namespace twin::simulation::calibration {

class GaussianSampler {
public:
    GaussianSampler(std::uint64_t seed, std::uint64_t sampleIndex);
    /// Fills out with independent N(0, 1) deviates.
    void fill(std::span<double> out);

    /// SplitMix64 finaliser (Steele, Lea & Flood 2014, OOPSLA), to decorrelate nearby seeds.
    static std::uint64_t mix(std::uint64_t x);

private:
    double uniformOpenAtZero();  // in (0, 1]

    std::mt19937_64 engine_;
};

}  // namespace twin::simulation::calibration
