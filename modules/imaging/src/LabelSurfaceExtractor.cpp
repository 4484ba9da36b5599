#include "twin/imaging/LabelSurfaceExtractor.h"

#include "twin/imaging/SurfaceNetToPolyData.h"

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataNormals.h>
#include <vtkDecimatePro.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <map>
#include <thread>

namespace twin::imaging {

namespace {

// Index bounding box of every label value in one pass over the voxels.
struct IndexBox {
    std::array<int, 3> lo{INT_MAX, INT_MAX, INT_MAX};
    std::array<int, 3> hi{-1, -1, -1};
    double voxels() const { return double(hi[0] - lo[0] + 1) * (hi[1] - lo[1] + 1) * (hi[2] - lo[2] + 1); }
};

std::map<int, IndexBox> labelBoxes(const LabelVolumeView &view) {
    std::map<int, IndexBox> boxes;
    const auto [nx, ny, nz] = view.dimensions;
    const std::int16_t *voxel = view.voxels;
    for (int k = 0; k < nz; ++k) {
        for (int j = 0; j < ny; ++j, voxel += nx) {
            int i = 0;
            while (i < nx) {
                const std::int16_t value = voxel[i];
                if (value == 0) {
                    ++i;
                    continue;
                }
                const int first = i;
                while (i < nx && voxel[i] == value) ++i;  // one run of the same label
                IndexBox &box = boxes[value];
                box.lo = {std::min(box.lo[0], first), std::min(box.lo[1], j), std::min(box.lo[2], k)};
                box.hi = {std::max(box.hi[0], i - 1), std::max(box.hi[1], j), std::max(box.hi[2], k)};
            }
        }
    }
    return boxes;
}

vtkSmartPointer<vtkPolyData> decimateToBudget(vtkPolyData *mesh, long long budget) {
    const vtkIdType triangles = mesh->GetNumberOfPolys();
    if (budget <= 0 || triangles <= budget) return mesh;
    // DecimatePro with topology preserved: the organ stays closed and manifold (quadric
    // decimation left non-manifold edges on a decimated sphere in the tests).
    vtkNew<vtkDecimatePro> decimation;
    decimation->SetInputData(mesh);
    decimation->SetTargetReduction(1.0 - static_cast<double>(budget) / static_cast<double>(triangles));
    decimation->PreserveTopologyOn();
    decimation->SplittingOff();
    decimation->BoundaryVertexDeletionOff();
    decimation->SetFeatureAngle(60.0);
    vtkNew<vtkPolyDataNormals> normals;  // the decimated mesh needs its own normals
    normals->SetInputConnection(decimation->GetOutputPort());
    normals->SplittingOff();
    normals->ConsistencyOff();  // decimation keeps the orientation
    normals->Update();
    auto result = vtkSmartPointer<vtkPolyData>::New();
    result->ShallowCopy(normals->GetOutput());
    return result;
}

}  // namespace

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
    LabelVolumeView view;
    view.voxels = static_cast<const std::int16_t *>(labels->GetScalarPointer());
    labels->GetDimensions(view.dimensions.data());
    const std::map<int, IndexBox> boxes = labelBoxes(view);
    const IndexToPatient toPatient = IndexToPatient::of(labels);

    // Work items: the requested labels that are present, largest box first so that the
    // longest job starts first and the threads finish together.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < labelValues.size(); ++i)
        if (boxes.count(labelValues[i])) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return boxes.at(labelValues[a]).voxels() > boxes.at(labelValues[b]).voxels();
    });
    std::vector<vtkSmartPointer<vtkPolyData>> meshes(labelValues.size());
    std::atomic<std::size_t> next{0}, done{0};
    auto worker = [&] {
        for (std::size_t n = next++; n < order.size(); n = next++) {
            if (context && context->isCancelled()) return;
            const std::size_t index = order[n];
            const int value = labelValues[index];
            const IndexBox &box = boxes.at(value);
            SurfaceNetMesh net = SurfaceNets::extract(view, static_cast<std::int16_t>(value), box.lo, box.hi, options.net, context);
            if (!net.quads.empty()) meshes[index] = decimateToBudget(toPolyData(net, toPatient), options.triangleBudget);
            const std::size_t finished = ++done;
            if (context) context->setProgress(double(finished) / order.size(), QStringLiteral("Meshed label %1").arg(value));
        }
    };
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t threadCount =
        std::min<std::size_t>(order.size(), options.threads > 0 ? std::size_t(options.threads) : hardware);
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < threadCount; ++t) threads.emplace_back(worker);
    worker();
    for (auto &thread : threads) thread.join();
    if (context && context->isCancelled()) return core::Error::cancelled();

    std::vector<LabelSurface> surfaces;
    for (std::size_t i = 0; i < labelValues.size(); ++i)
        if (meshes[i] && meshes[i]->GetNumberOfPolys() > 0) surfaces.push_back({labelValues[i], meshes[i]});
    if (context) context->setProgress(1.0);
    return surfaces;
}

}  // namespace twin::imaging
