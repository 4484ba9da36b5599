#pragma once
// Region growing from one or more seeds within an intensity window [lower, upper], face
// connected (6 neighbours in 3D), as itk::ConnectedThresholdImageFilter with its default
// (not fully connected) neighbourhood: the voxel set is the same, which the tests check voxel
// by voxel against ITK.
//
// Scanline flood fill: a popped seed is extended along the row (i) as far as the window
// allows, the whole run is marked at once, and the four neighbouring rows (j ± 1 in the same
// slice, the same row in k ± 1) are scanned over the run's span, pushing one seed per new run.
// Each voxel is tested a bounded number of times and the stack holds runs, not voxels, so it
// stays small; there is no per-voxel iterator or neighbourhood object, which is where ITK's
// filter spends its time. Seeds outside the grid or the window are ignored (reported by count).

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/core/ScalarVolume.h"
#include "twin/imaging/ZeroPageAllocator.h"

#include <array>
#include <cstdint>
#include <vector>

namespace twin::imaging {

struct RegionGrowResult {
    VolumeMask mask;  ///< 1 inside, 0 outside; i fastest, then j, then k
    std::int64_t voxelCount = 0;
    int seedsUsed = 0;  ///< seeds inside the grid and the window
};

class RegionGrower {
public:
    /// Fails only when cancelled; an empty region (no usable seed) is a result with 0 voxels.
    static core::Result<RegionGrowResult> grow(const core::ScalarVolume &image, const std::vector<std::array<int, 3>> &seeds,
                                               std::int16_t lower, std::int16_t upper, core::JobContext *context = nullptr);
};

}  // namespace twin::imaging
