#pragma once
// What the organ twin reports for one structure (a label of a mask on the image grid):
// volume, CT number statistics, centroid, bounding box and the longest axial diameter
// (RECIST-like). The surface area comes from the structure's mesh (LabelSurfaceExtractor),
// which is what a clinician sees, not from the voxel staircase.
//
// Longest axial diameter: in each slice of the grid, the largest distance between two
// in-structure voxel centres (over the convex hull of the slice's voxel centres), plus one
// in-plane pixel so a structure of one voxel measures one voxel wide; the largest over slices.
// It is measured in the slice plane, i.e. axial for an axial image.

#include "twin/core/LabelMap.h"
#include "twin/core/Result.h"
#include "twin/core/ScalarVolume.h"

#include <array>
#include <cstdint>

class vtkPolyData;

namespace twin::imaging {

struct StructureStatistics {
    std::int64_t voxelCount = 0;
    double volumeMl = 0.0;
    double huMean = 0.0;
    double huStd = 0.0;  ///< population standard deviation
    double huP5 = 0.0, huP50 = 0.0, huP95 = 0.0;
    std::array<double, 3> centroidMm{};  ///< LPS
    std::array<double, 3> boundsMinMm{}, boundsMaxMm{};  ///< LPS, voxel centres
    double longestAxialDiameterMm = 0.0;
    double surfaceAreaCm2 = 0.0;  ///< 0 when no mesh was given

    /// `image` on the mask's grid (the CT the structure was drawn on). `surface` optional.
    static core::Result<StructureStatistics> compute(const core::LabelMap &mask, int label, const core::ScalarVolume &image,
                                                     vtkPolyData *surface = nullptr);
    /// Area of a closed triangle mesh in cm² (mm² / 100).
    static double surfaceAreaCm2Of(vtkPolyData *surface);
};

}  // namespace twin::imaging
