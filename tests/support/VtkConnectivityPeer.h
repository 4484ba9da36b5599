#pragma once
// The peer for connected components: vtkImageConnectivityFilter (face connected, all regions,
// labelled by size rank) on a 0/1 mask, and a check that two labellings are the same partition
// (the same voxel sets, whatever the numbers; equal-sized regions may be numbered in another
// order). Shared by TestConnectedComponents and BenchConnectedComponents. Header-only.

#include <vtkImageConnectivityFilter.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkSmartPointer.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <vector>

namespace twin::test {

inline vtkSmartPointer<vtkImageData> vtkMaskImage(const std::uint8_t *mask, const std::array<int, 3> &dims) {
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(dims[0], dims[1], dims[2]);
    image->AllocateScalars(VTK_UNSIGNED_CHAR, 1);
    std::memcpy(image->GetScalarPointer(), mask, static_cast<std::size_t>(dims[0]) * dims[1] * dims[2]);
    return image;
}

struct VtkComponents {
    std::vector<std::int32_t> labels;  // size rank, 0 = background
    int regionCount = 0;
};

inline VtkComponents vtkConnectedComponents(vtkImageData *mask) {
    vtkNew<vtkImageConnectivityFilter> filter;
    filter->SetInputData(mask);
    filter->SetScalarRange(1, 1);
    filter->SetExtractionModeToAllRegions();
    filter->SetLabelModeToSizeRank();
    filter->SetLabelScalarTypeToInt();
    filter->Update();
    VtkComponents result;
    result.regionCount = static_cast<int>(filter->GetNumberOfExtractedRegions());
    const auto *labels = static_cast<const std::int32_t *>(filter->GetOutput()->GetScalarPointer());
    result.labels.assign(labels, labels + filter->GetOutput()->GetNumberOfPoints());
    return result;
}

/// True when a and b split the voxels into the same sets (background 0 in both alike).
template <class LabelsA, class LabelsB>
bool samePartition(const LabelsA &a, const LabelsB &b) {
    if (a.size() != b.size()) return false;
    std::unordered_map<std::int32_t, std::int32_t> aToB, bToA;
    for (std::size_t v = 0; v < a.size(); ++v) {
        if ((a[v] == 0) != (b[v] == 0)) return false;
        if (a[v] == 0) continue;
        const auto [ab, newAb] = aToB.emplace(a[v], b[v]);
        const auto [ba, newBa] = bToA.emplace(b[v], a[v]);
        if (ab->second != b[v] || ba->second != a[v]) return false;
    }
    return true;
}

}  // namespace twin::test
