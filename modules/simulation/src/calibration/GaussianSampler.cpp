// GaussianSampler: Box–Muller (Box & Muller 1958, Ann Math Stat 29:610), both deviates used.

#include "calibration/GaussianSampler.h"

#include <cmath>
#include <numbers>

namespace twin::simulation::calibration {

std::uint64_t GaussianSampler::mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

GaussianSampler::GaussianSampler(std::uint64_t seed, std::uint64_t sampleIndex)
    : engine_(mix(mix(seed) ^ sampleIndex)) {}

double GaussianSampler::uniformOpenAtZero() {
    return double((engine_() >> 11) + 1) * 0x1.0p-53;  // k/2^53, k in 1..2^53
}

void GaussianSampler::fill(std::span<double> out) {
    for (size_t i = 0; i < out.size(); i += 2) {
        const double radius = std::sqrt(-2.0 * std::log(uniformOpenAtZero()));
        const double angle = 2.0 * std::numbers::pi * uniformOpenAtZero();
        out[i] = radius * std::cos(angle);
        if (i + 1 < out.size()) out[i + 1] = radius * std::sin(angle);
    }
}

}  // namespace twin::simulation::calibration
