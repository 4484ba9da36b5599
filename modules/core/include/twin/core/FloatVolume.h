#pragma once
// A float scalar field on a VolumeGeometry (e.g. dose in Gy), with trilinear sampling and
// resampling onto another grid. Header-only.

#include "twin/core/VolumeGeometry.h"
#include "twin/core/VolumeIndexing.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <vector>

namespace twin::core {

class FloatVolume {
public:
    FloatVolume() = default;
    explicit FloatVolume(const VolumeGeometry &geometry, float fill = 0.0f)
        : geometry_(geometry), values_(geometry.voxelCount(), fill) {}

    const VolumeGeometry &geometry() const { return geometry_; }
    int dimension(int axis) const { return geometry_.dimensions[axis]; }
    bool isEmpty() const { return values_.empty(); }
    float at(int i, int j, int k) const { return values_[offset(i, j, k)]; }
    float &at(int i, int j, int k) { return values_[offset(i, j, k)]; }
    const std::vector<float> &values() const { return values_; }
    std::vector<float> &values() { return values_; }

    float maximum() const { return values_.empty() ? 0.0f : *std::max_element(values_.begin(), values_.end()); }

    /// Trilinear value at a point (LPS mm); empty outside the grid (beyond the outer voxel
    /// centres by more than half a voxel). Within the outer half voxel the edge value is used.
    std::optional<double> sampleAt(const std::array<double, 3> &pointMm) const {
        if (values_.empty()) return std::nullopt;
        const auto index = patientToIndex(geometry_, pointMm);
        if (!index) return std::nullopt;
        std::array<double, 3> c = *index;
        for (int a = 0; a < 3; ++a) {
            const double last = geometry_.dimensions[a] - 1;
            if (c[a] < -0.5 || c[a] > last + 0.5) return std::nullopt;
            c[a] = std::clamp(c[a], 0.0, last);
        }
        const int i0 = static_cast<int>(std::floor(c[0])), j0 = static_cast<int>(std::floor(c[1])),
                  k0 = static_cast<int>(std::floor(c[2]));
        const int i1 = std::min(i0 + 1, geometry_.dimensions[0] - 1), j1 = std::min(j0 + 1, geometry_.dimensions[1] - 1),
                  k1 = std::min(k0 + 1, geometry_.dimensions[2] - 1);
        const double fx = c[0] - i0, fy = c[1] - j0, fz = c[2] - k0;
        auto lerp = [](double a, double b, double t) { return a + (b - a) * t; };
        const double c00 = lerp(at(i0, j0, k0), at(i1, j0, k0), fx), c10 = lerp(at(i0, j1, k0), at(i1, j1, k0), fx);
        const double c01 = lerp(at(i0, j0, k1), at(i1, j0, k1), fx), c11 = lerp(at(i0, j1, k1), at(i1, j1, k1), fx);
        return lerp(lerp(c00, c10, fy), lerp(c01, c11, fy), fz);
    }

    /// This field sampled (trilinear) at every voxel centre of `target`; `outside` where the
    /// target voxel lies outside this grid.
    FloatVolume resampledOnto(const VolumeGeometry &target, float outside = 0.0f) const {
        FloatVolume result(target, outside);
        for (int k = 0; k < target.dimensions[2]; ++k)
            for (int j = 0; j < target.dimensions[1]; ++j)
                for (int i = 0; i < target.dimensions[0]; ++i)
                    if (const auto v = sampleAt(target.indexToPatient(i, j, k))) result.at(i, j, k) = static_cast<float>(*v);
        return result;
    }

private:
    std::size_t offset(int i, int j, int k) const {
        return (static_cast<std::size_t>(k) * static_cast<std::size_t>(geometry_.dimensions[1]) +
                static_cast<std::size_t>(j)) * static_cast<std::size_t>(geometry_.dimensions[0]) +
               static_cast<std::size_t>(i);
    }

    VolumeGeometry geometry_;
    std::vector<float> values_;
};

}  // namespace twin::core
