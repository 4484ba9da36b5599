#pragma once
// Labelmap -> one smooth closed surface per label, in patient coordinates (origin, spacing
// and direction of the vtkImageData), with outward normals from the extraction.
//
// One pass finds every label's bounding box; each label is then meshed on its box alone by
// SurfaceNets (one vertex per boundary cell, constrained smoothing), triangulated along the
// shorter diagonal of each quad, and decimated with vtkQuadricDecimation only when it has
// more triangles than the budget. Labels run in parallel (largest box first) on up to
// `threads` threads, so re-meshing one edited label costs only that label's box.
// Runs in a Job: cancellation is checked every 16 voxel layers, progress per finished label.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/imaging/SurfaceNets.h"

#include <vtkSmartPointer.h>

#include <vector>

class vtkImageData;
class vtkPolyData;

namespace twin::imaging {

struct LabelSurface {
    int label = 0;
    vtkSmartPointer<vtkPolyData> mesh;  ///< triangles with point normals ("Normals")
};

struct SurfaceOptions {
    SurfaceNetOptions net;
    long long triangleBudget = 500000;  ///< per label; larger surfaces are decimated to it
    int threads = 0;                    ///< 0: one per hardware thread
};

class LabelSurfaceExtractor {
public:
    /// Empty labels are skipped (no entry); entries come in the order of `labelValues`.
    /// Error only on bad input or cancellation.
    static core::Result<std::vector<LabelSurface>> extract(vtkImageData *labels, const std::vector<int> &labelValues,
                                                           const SurfaceOptions &options = {},
                                                           core::JobContext *context = nullptr);
};

}  // namespace twin::imaging
