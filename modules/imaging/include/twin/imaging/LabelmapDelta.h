#pragma once
// One edit of a labelmap as the voxels it changed: runs of consecutive changed voxels (offset,
// length) with the values before and after. Undo writes the "before" values back, redo the
// "after" values; nothing else of the volume is copied, so undoing a brush stroke on a
// 512×512×300 CT stores a few kilobytes, and a whole-lung edit about 4 bytes per changed voxel
// (a full copy would be 150 MB per step).

#include "twin/core/ScalarVolume.h"
#include "twin/imaging/ZeroPageAllocator.h"

#include <QList>

#include <array>
#include <climits>
#include <cstdint>
#include <vector>

namespace twin::imaging {

/// Inclusive voxel index box; empty when hi < lo.
struct IndexBox {
    std::array<int, 3> lo{INT_MAX, INT_MAX, INT_MAX};
    std::array<int, 3> hi{-1, -1, -1};
    bool isEmpty() const { return hi[0] < lo[0]; }
    void include(int i, int j, int k);
    void include(const IndexBox &other);
};

enum class PaintMode {
    Overwrite,       ///< every masked voxel becomes the label, whatever it was
    BackgroundOnly,  ///< only masked voxels that are background (0) become the label
    Erase,           ///< masked voxels of the label become background
};

class LabelmapDelta {
public:
    /// The change that painting `mask` (1 = inside, same size as `labels`) with `value` in
    /// `mode` would make to `labels`. `labels` is not modified. A non-empty `within` limits
    /// the scan to that box (a brush dab: a few hundred voxels, not the whole volume).
    static LabelmapDelta fromMask(const core::ScalarVolume &labels, const VolumeMask &mask, std::int16_t value, PaintMode mode,
                                  const IndexBox &within = {});
    /// The change that turns `labels` into `edited` (same size): for tools that compute a
    /// whole new layout (logical operations, presets).
    static LabelmapDelta fromVolumes(const core::ScalarVolume &labels, const std::vector<std::int16_t> &edited);

    void apply(core::ScalarVolume &labels) const;   ///< writes the values after the edit
    void revert(core::ScalarVolume &labels) const;  ///< writes the values before it

    bool isEmpty() const { return runs_.empty(); }
    std::int64_t changedVoxels() const { return static_cast<std::int64_t>(before_.size()); }
    std::size_t memoryBytes() const;
    /// Label values on either side of the edit (background excluded), ascending.
    const QList<int> &touchedLabels() const { return touched_; }
    const IndexBox &box() const { return box_; }

private:
    struct Run {
        std::int64_t offset;
        std::int32_t length;
    };
    template <class Changed>
    static LabelmapDelta collect(const core::ScalarVolume &labels, const IndexBox &within, Changed changedValue);

    std::vector<Run> runs_;
    std::vector<std::int16_t> before_, after_;
    QList<int> touched_;
    IndexBox box_;
};

}  // namespace twin::imaging
