#pragma once
// Block-averaged float copies of a CT for registration, in ITK's image type, with the
// geometry (origin, spacing, direction) of the source in patient LPS millimetres.

#include "twin/core/ScalarVolume.h"

#include <itkImage.h>

#include <array>

namespace twin::imaging::registration {

using FloatImage = itk::Image<float, 3>;

/// The mean of each block of `factor` voxels (the last block along an axis may be partial);
/// the block's centre is the new voxel's centre.
FloatImage::Pointer blockAverage(const core::ScalarVolume &volume, const std::array<int, 3> &factor);
/// Block factors so that each axis's spacing is at least `spacingMm` (1 where already coarser).
std::array<int, 3> blockFactorsFor(const core::VolumeGeometry &geometry, double spacingMm);
/// Centroid (LPS mm) of the voxels above `thresholdHu`; false when there are none.
bool bodyCentroid(const FloatImage &image, double thresholdHu, std::array<double, 3> &centroid);

}  // namespace twin::imaging::registration
