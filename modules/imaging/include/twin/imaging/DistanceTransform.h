#pragma once
// Exact Euclidean distance transform (Felzenszwalb & Huttenlocher 2012: the lower envelope of
// parabolas, one pass per axis), in millimetres with the grid's own spacing, so a 5 mm margin
// on 0.9 × 0.9 × 2.5 mm voxels is a true 5 mm ellipsoid in voxels. Linear in the voxel count.
// Used by grow/shrink (margins) and by fill-between-slices (signed distances of contours).

#include <array>
#include <cstdint>
#include <vector>

namespace twin::imaging {

class DistanceTransform {
public:
    /// Squared distance (mm²) of every voxel of the grid `dims` to the nearest voxel where
    /// `inside(offset)` is true (0 there); +inf everywhere when no voxel is inside.
    /// `dims[2] == 1` gives the 2D transform of one slice.
    template <class Inside>
    static std::vector<float> squaredToInside(const std::array<int, 3> &dims, const std::array<double, 3> &spacingMm,
                                              Inside inside) {
        std::vector<float> d(static_cast<std::size_t>(dims[0]) * dims[1] * dims[2]);
        for (std::size_t v = 0; v < d.size(); ++v) d[v] = inside(v) ? 0.0f : kInfinity;
        transform(d, dims, spacingMm);
        return d;
    }

    /// Runs the separable transform in place on `d` (0 at sites, kInfinity elsewhere).
    static void transform(std::vector<float> &d, const std::array<int, 3> &dims, const std::array<double, 3> &spacingMm);

    static constexpr float kInfinity = 1e30f;
};

}  // namespace twin::imaging
