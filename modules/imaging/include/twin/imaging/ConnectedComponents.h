#pragma once
// Connected components of a binary mask, on runs instead of voxels: each row's runs of
// foreground are found with a byte scan, a run is joined (union-find with path halving) to
// the runs it touches in the row before and in the slice before, and component ids and
// sizes come from the runs. Runs are far fewer than voxels, so the union-find is small and
// the only pass over every voxel is the scan (and, when asked for, writing the output).
// vtkImageConnectivityFilter seeds a flood fill at every voxel and grows through a
// per-voxel neighbourhood, which is where its time goes (BenchConnectedComponents).
//
// Face connectivity (6 neighbours) or full (26: a run also touches runs one voxel before
// or after it in the neighbouring rows, and the diagonal rows of the slice before).
// Components are numbered by size rank: 1 is the largest; ties go to the one met first in
// memory order (i fastest, then j, then k), so the numbering is deterministic.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/imaging/ZeroPageAllocator.h"

#include <array>
#include <cstdint>
#include <vector>

namespace twin::imaging {

enum class Connectivity { Face6, Full26 };

class ConnectedComponents {
public:
    struct Run {
        std::int64_t offset;  ///< voxel index of the first voxel (i fastest)
        std::int32_t length;
        std::int32_t component;  ///< size rank, 1 = largest
    };

    /// Fails only when cancelled (checked every 16 slices).
    static core::Result<ConnectedComponents> label(const std::uint8_t *mask, const std::array<int, 3> &dimensions,
                                                   Connectivity connectivity = Connectivity::Face6,
                                                   core::JobContext *context = nullptr);

    int componentCount() const { return static_cast<int>(sizes_.size()); }
    /// Voxels of component `rank` (1-based, largest first).
    std::int64_t size(int rank) const { return sizes_[rank - 1]; }
    const std::vector<std::int64_t> &sizes() const { return sizes_; }
    const std::vector<Run> &runs() const { return runs_; }

    /// Mask of the components whose voxel count is at least `minimumVoxels`.
    VolumeMask keepAtLeast(std::int64_t minimumVoxels) const;
    /// Mask of the `count` largest components.
    VolumeMask keepLargest(int count = 1) const;
    /// Every voxel's component rank (0 = background). On zero pages: only the pages that hold
    /// a component are ever written, so a sparse labelling costs little more than its runs.
    using LabelVolume = std::vector<std::int32_t, ZeroPageAllocator<std::int32_t>>;
    LabelVolume labelVolume() const;

private:
    template <class Keep>
    VolumeMask maskWhere(Keep keep) const;

    std::array<int, 3> dimensions_{0, 0, 0};
    std::vector<Run> runs_;
    std::vector<std::int64_t> sizes_;
};

}  // namespace twin::imaging
