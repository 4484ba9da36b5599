#pragma once
// Labelmap -> one smooth closed surface per label: discrete flying edges (multi-threaded in
// VTK, one pass for all labels), then windowed-sinc smoothing, which keeps volume far better
// than Laplacian smoothing. Normals come from the smoothed mesh. Runs in a Job: honours
// cancellation between labels.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"

#include <vtkSmartPointer.h>

#include <vector>

class vtkAlgorithmOutput;
class vtkImageData;
class vtkPolyData;

namespace twin::imaging {

struct LabelSurface {
    int label = 0;
    vtkSmartPointer<vtkPolyData> mesh;
};

struct SurfaceOptions {
    int smoothingIterations = 20;
    double passBand = 0.05;  // windowed-sinc pass band: lower is smoother
};

class LabelSurfaceExtractor {
public:
    /// Empty labels are skipped (no entry). Error only on bad input or cancellation.
    static core::Result<std::vector<LabelSurface>> extract(vtkImageData *labels, const std::vector<int> &labelValues,
                                                           const SurfaceOptions &options = {},
                                                           core::JobContext *context = nullptr);
    /// The post-processing every organ surface gets: windowed-sinc smoothing, then outward
    /// normals. Public so benchmarks and other extractors produce the same meshes.
    static vtkSmartPointer<vtkPolyData> smoothSurface(vtkAlgorithmOutput *rawSurface, const SurfaceOptions &options = {});
};

}  // namespace twin::imaging
