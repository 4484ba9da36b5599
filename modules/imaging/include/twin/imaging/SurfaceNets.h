#pragma once
// Surface nets (Gibson 1998, "Constrained elastic surface nets") for one label of a labelmap:
// one vertex per boundary cell (a cell is the cube between 8 voxel centres whose voxels are
// not all inside or all outside), one quad per voxel edge that crosses the boundary, then
// smoothing in which every vertex relaxes towards the mean of its neighbours (Taubin's λ|μ
// steps, which do not shrink the organ as plain Laplacian relaxation does) but stays within
// `constraintVoxels` of its cell centre. The result is the smooth surface that discrete
// marching cubes + windowed-sinc smoothing give, in one pass over the label's bounding box
// and without the 8-15 triangles per cell and the filter chain.
//
// Why our own and not VTK: vtkSurfaceNets3D arrived in VTK 9.3; Debian 12 ships 9.1. The
// pass reads the labelmap two voxel layers at a time (no mask copy, no per-cell vertex
// table beyond two layers), so memory is proportional to the surface, not the box.
//
// Output is in voxel index coordinates of the full labelmap (i, j, k as doubles); quads are
// oriented with their normal pointing out of the label. Where two inside voxels touch only
// along an edge (a checkerboard face), the quads meeting there share an edge four ways: the
// surface is then non-manifold at that edge, as vtkSurfaceNets3D's is; smooth organs do not
// have such faces and the tests check the sphere surfaces are closed and manifold.

#include "twin/core/JobContext.h"

#include <array>
#include <cstdint>
#include <vector>

namespace twin::imaging {

struct SurfaceNetMesh {
    std::vector<std::array<float, 3>> points;      ///< voxel index coordinates
    std::vector<std::array<std::int32_t, 4>> quads;  ///< counter-clockwise seen from outside
};

struct SurfaceNetOptions {
    int smoothingIterations = 24;
    float relaxation = 0.5f;         ///< λ: fraction of the step to the neighbours' mean (even iterations)
    float inflation = -0.53f;        ///< μ: the same step backwards (odd iterations), |μ| > λ (Taubin)
    float constraintVoxels = 0.75f;  ///< how far a vertex may move from its cell centre, per axis
};

/// A read-only view of a labelmap: voxels i fastest, then j, then k.
struct LabelVolumeView {
    const std::int16_t *voxels = nullptr;
    std::array<int, 3> dimensions{0, 0, 0};
};

class SurfaceNets {
public:
    /// The surface of the voxels equal to `label` inside the index box [lo, hi] (inclusive;
    /// voxels of the label outside the box are treated as outside). Returns an empty mesh
    /// when the box holds no such voxel or when `context` is cancelled (checked per layer).
    static SurfaceNetMesh extract(const LabelVolumeView &volume, std::int16_t label, const std::array<int, 3> &lo,
                                  const std::array<int, 3> &hi, const SurfaceNetOptions &options = {},
                                  const core::JobContext *context = nullptr);
    /// The smoothing step alone (exposed for tests): `centres` are the cell centres.
    static void smooth(SurfaceNetMesh &mesh, const std::vector<std::array<float, 3>> &centres,
                       const SurfaceNetOptions &options);
};

}  // namespace twin::imaging
