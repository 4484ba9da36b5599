#include "twin/imaging/ScalarVolumeToVtk.h"

#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkShortArray.h>

#include <algorithm>

namespace twin::imaging {

vtkSmartPointer<vtkImageData> vtkImageWithGeometry(const core::VolumeGeometry &g) {
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(g.dimensions[0], g.dimensions[1], g.dimensions[2]);
    image->SetSpacing(g.spacingMm[0], g.spacingMm[1], g.spacingMm[2]);
    image->SetOrigin(g.originMm[0], g.originMm[1], g.originMm[2]);
    image->SetDirectionMatrix(g.rowDirection[0], g.columnDirection[0], g.sliceDirection[0],
                              g.rowDirection[1], g.columnDirection[1], g.sliceDirection[1],
                              g.rowDirection[2], g.columnDirection[2], g.sliceDirection[2]);
    return image;
}

vtkSmartPointer<vtkImageData> vtkImageViewOf(const core::ScalarVolume &volume) {
    vtkSmartPointer<vtkImageData> image = vtkImageWithGeometry(volume.geometry());
    vtkNew<vtkShortArray> voxels;
    voxels->SetName("voxels");
    // VTK arrays have no const view; the image is only read (rendered, sliced, meshed).
    voxels->SetArray(const_cast<std::int16_t *>(volume.voxels().data()), static_cast<vtkIdType>(volume.voxels().size()), 1 /* not ours to free */);
    image->GetPointData()->SetScalars(voxels);
    return image;
}

vtkSmartPointer<vtkImageData> toVtkImage(const core::ScalarVolume &volume) {
    vtkSmartPointer<vtkImageData> image = vtkImageWithGeometry(volume.geometry());
    image->AllocateScalars(VTK_SHORT, 1);
    auto *target = static_cast<std::int16_t *>(image->GetScalarPointer());
    std::copy(volume.voxels().begin(), volume.voxels().end(), target);
    image->GetPointData()->GetScalars()->SetName("voxels");
    return image;
}

}  // namespace twin::imaging
