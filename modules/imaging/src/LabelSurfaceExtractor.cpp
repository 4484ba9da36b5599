#include "twin/imaging/LabelSurfaceExtractor.h"

#include <vtkDiscreteFlyingEdges3D.h>
#include <vtkExtractVOI.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataNormals.h>
#include <vtkImageConstantPad.h>
#include <vtkWindowedSincPolyDataFilter.h>

#include <algorithm>
#include <climits>
#include <map>

namespace twin::imaging {

namespace {

// Index bounding box of every label value in one pass over the voxels, so each label is
// meshed on its own small region instead of the whole volume.
struct IndexBox {
    int lo[3] = {INT_MAX, INT_MAX, INT_MAX};
    int hi[3] = {-1, -1, -1};
    bool empty() const { return hi[0] < 0; }
};

std::map<int, IndexBox> labelBoxes(vtkImageData *labels) {
    std::map<int, IndexBox> boxes;
    int dims[3];
    labels->GetDimensions(dims);
    const auto *voxels = static_cast<const short *>(labels->GetScalarPointer());
    std::size_t offset = 0;
    for (int k = 0; k < dims[2]; ++k) {
        for (int j = 0; j < dims[1]; ++j) {
            short previous = 0;
            IndexBox *box = nullptr;
            for (int i = 0; i < dims[0]; ++i, ++offset) {
                const short value = voxels[offset];
                if (value == 0) continue;
                if (!box || value != previous) box = &boxes[value];
                previous = value;
                const int index[3] = {i, j, k};
                for (int a = 0; a < 3; ++a) {
                    box->lo[a] = std::min(box->lo[a], index[a]);
                    box->hi[a] = std::max(box->hi[a], index[a]);
                }
            }
        }
    }
    return boxes;
}

}  // namespace

vtkSmartPointer<vtkPolyData> LabelSurfaceExtractor::smoothSurface(vtkAlgorithmOutput *rawSurface,
                                                                const SurfaceOptions &options) {
    vtkNew<vtkWindowedSincPolyDataFilter> smoother;
    smoother->SetInputConnection(rawSurface);
    smoother->SetNumberOfIterations(options.smoothingIterations);
    smoother->SetPassBand(options.passBand);
    smoother->BoundarySmoothingOff();
    smoother->FeatureEdgeSmoothingOff();
    smoother->NonManifoldSmoothingOn();
    smoother->NormalizeCoordinatesOn();  // numerically stable for any extent
    vtkNew<vtkPolyDataNormals> normals;
    normals->SetInputConnection(smoother->GetOutputPort());
    normals->SplittingOff();
    normals->ConsistencyOn();
    normals->AutoOrientNormalsOn();  // outward, for correct lighting of closed organs
    normals->Update();
    auto mesh = vtkSmartPointer<vtkPolyData>::New();
    mesh->ShallowCopy(normals->GetOutput());
    return mesh;
}

core::Result<std::vector<LabelSurface>> LabelSurfaceExtractor::extract(vtkImageData *labels,
                                                                       const std::vector<int> &labelValues,
                                                                       const SurfaceOptions &options,
                                                                       core::JobContext *context) {
    if (!labels || labels->GetNumberOfPoints() == 0) {
        return core::Error::invalidInput(QStringLiteral("empty labelmap")).atField(QStringLiteral("labels"));
    }
    if (labels->GetScalarType() != VTK_SHORT || labels->GetNumberOfScalarComponents() != 1) {
        return core::Error::unsupported(QStringLiteral("labelmap must be one 16-bit signed component")).atField(QStringLiteral("labels"));
    }
    int dims[3];
    labels->GetDimensions(dims);
    const std::map<int, IndexBox> boxes = labelBoxes(labels);
    std::vector<LabelSurface> surfaces;
    const double total = static_cast<double>(labelValues.size());
    for (std::size_t i = 0; i < labelValues.size(); ++i) {
        if (context && context->isCancelled()) return core::Error::cancelled();
        if (context) context->setProgress(i / total, QStringLiteral("Meshing label %1").arg(labelValues[i]));
        const auto found = boxes.find(labelValues[i]);
        if (found == boxes.end()) continue;
        vtkNew<vtkExtractVOI> region;
        region->SetInputData(labels);
        const IndexBox &box = found->second;
        // One voxel of background around the label so the surface closes.
        region->SetVOI(std::max(box.lo[0] - 1, 0), std::min(box.hi[0] + 1, dims[0] - 1), std::max(box.lo[1] - 1, 0),
                       std::min(box.hi[1] + 1, dims[1] - 1), std::max(box.lo[2] - 1, 0), std::min(box.hi[2] + 1, dims[2] - 1));
        // A label that touches the edge of the volume gets a background voxel beyond it
        // (constant padding), so its surface closes there too.
        region->Update();
        int extent[6];
        region->GetOutput()->GetExtent(extent);
        vtkNew<vtkImageConstantPad> pad;
        pad->SetInputConnection(region->GetOutputPort());
        pad->SetConstant(0);
        pad->SetOutputWholeExtent(extent[0] - 1, extent[1] + 1, extent[2] - 1, extent[3] + 1, extent[4] - 1, extent[5] + 1);
        vtkNew<vtkDiscreteFlyingEdges3D> extractor;
        extractor->SetInputConnection(pad->GetOutputPort());
        extractor->SetValue(0, labelValues[i]);
        extractor->ComputeNormalsOff();
        extractor->ComputeGradientsOff();
        extractor->ComputeScalarsOff();
        extractor->Update();
        if (extractor->GetOutput()->GetNumberOfPolys() == 0) continue;  // nothing to smooth
        vtkSmartPointer<vtkPolyData> mesh = smoothSurface(extractor->GetOutputPort(), options);
        if (mesh->GetNumberOfPolys() == 0) continue;
        surfaces.push_back({labelValues[i], mesh});
    }
    if (context) context->setProgress(1.0);
    return surfaces;
}

}  // namespace twin::imaging
