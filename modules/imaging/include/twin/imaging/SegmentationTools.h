#pragma once
// The segment-editor tools as pure functions from the labelmap (and the image) to a
// SegmentEdit: threshold, brush (2D disc or 3D sphere), fill between slices, islands,
// margin (grow/shrink), logical operations. They run on a worker (Job) and check the
// JobContext for cancellation; the GUI thread applies the result as one undo step.
// Region growing is RegionGrower; CT presets (body, lungs, bones) are CtPresets.
//
// Logical operations take their operand as a mask (another segment's voxels, an imported
// structure, a threshold): segments of one labelmap never overlap, so "A ∩ B" between two
// segments would always be empty; with a mask operand union, intersection and subtraction
// all mean what a user expects.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/core/ScalarVolume.h"
#include "twin/imaging/SegmentEdit.h"

#include <array>

namespace twin::imaging {

enum class BrushShape { Disc, Sphere };
enum class IslandRule { KeepLargest, RemoveSmallerThan };
enum class LogicalOperation { Union, Intersect, Subtract };

class SegmentationTools {
public:
    /// Voxels of `image` whose real value (HU for CT) lies in [lower, upper].
    static VolumeMask thresholdMask(const core::ScalarVolume &image, double lower, double upper);
    /// Voxels of segment `value`.
    static VolumeMask segmentMask(const core::ScalarVolume &labels, int value);

    static SegmentEdit threshold(const core::ScalarVolume &image, double lower, double upper, int value);
    /// A disc in the slice nearest `centreIndex` (continuous voxel index) across index axis
    /// `discNormalAxis` (2: an axial slice k, 1: coronal j, 0: sagittal i), or a sphere, of
    /// radius `radiusMm` in millimetres (ellipses in voxels on anisotropic grids). `erase`
    /// erases the segment there instead of painting it. `within` is set to the brush's box.
    static SegmentEdit brush(const core::VolumeGeometry &grid, const std::array<double, 3> &centreIndex, double radiusMm,
                             BrushShape shape, int value, bool erase = false, int discNormalAxis = 2);
    /// Fills the empty slices (along k) between slices that hold the segment, by interpolating
    /// the 2D signed distances of the two nearest segmented slices; paints background only.
    static core::Result<SegmentEdit> fillBetweenSlices(const core::ScalarVolume &labels, int value,
                                                       core::JobContext *context = nullptr);
    /// Keeps the largest island (face connected) or removes islands under `minimumVoxels`.
    static core::Result<SegmentEdit> islands(const core::ScalarVolume &labels, int value, IslandRule rule,
                                             std::int64_t minimumVoxels = 0, core::JobContext *context = nullptr);
    /// Grows (marginMm > 0, into background only) or shrinks (< 0) the segment by a
    /// Euclidean margin in millimetres.
    static core::Result<SegmentEdit> margin(const core::ScalarVolume &labels, int value, double marginMm,
                                            core::JobContext *context = nullptr);
    static SegmentEdit logical(const core::ScalarVolume &labels, int value, const VolumeMask &operand, LogicalOperation operation);
};

}  // namespace twin::imaging
