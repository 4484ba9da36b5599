#pragma once
// Patient (LPS mm) -> continuous voxel index for a VolumeGeometry whose axes need not be
// orthogonal: the inverse of VolumeGeometry::indexToPatient. Header-only.

#include "twin/core/VolumeGeometry.h"

#include <array>
#include <cmath>
#include <optional>

namespace twin::core {

/// Continuous (i, j, k) of `point`: integer values are voxel centres. Empty when the geometry
/// is degenerate (zero spacing or coplanar axes).
inline std::optional<std::array<double, 3>> patientToIndex(const VolumeGeometry &g, const std::array<double, 3> &point) {
    std::array<std::array<double, 3>, 3> m{};  // columns: the three scaled axes
    for (int a = 0; a < 3; ++a) {
        m[a][0] = g.rowDirection[a] * g.spacingMm[0];
        m[a][1] = g.columnDirection[a] * g.spacingMm[1];
        m[a][2] = g.sliceDirection[a] * g.spacingMm[2];
    }
    const double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                       m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                       m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    if (!(std::fabs(det) > 1e-12)) return std::nullopt;
    const std::array<double, 3> d{point[0] - g.originMm[0], point[1] - g.originMm[1], point[2] - g.originMm[2]};
    auto solve = [&](int column) {  // Cramer's rule
        std::array<std::array<double, 3>, 3> c = m;
        for (int r = 0; r < 3; ++r) c[r][column] = d[r];
        return (c[0][0] * (c[1][1] * c[2][2] - c[1][2] * c[2][1]) - c[0][1] * (c[1][0] * c[2][2] - c[1][2] * c[2][0]) +
                c[0][2] * (c[1][0] * c[2][1] - c[1][1] * c[2][0])) / det;
    };
    return std::array<double, 3>{solve(0), solve(1), solve(2)};
}

}  // namespace twin::core
