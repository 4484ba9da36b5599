#pragma once
// core::ScalarVolume -> vtkImageData (VTK_SHORT, one component), keeping origin and spacing.
// Direction cosines other than identity are carried in vtkImageData's direction matrix.

#include "twin/core/ScalarVolume.h"

#include <vtkSmartPointer.h>

class vtkImageData;

namespace twin::imaging {

/// An empty image with `geometry`'s dimensions, spacing, origin and direction (no scalars):
/// the one place a VolumeGeometry becomes VTK geometry.
vtkSmartPointer<vtkImageData> vtkImageWithGeometry(const core::VolumeGeometry &geometry);
vtkSmartPointer<vtkImageData> toVtkImage(const core::ScalarVolume &volume);
/// The same without a copy: the image uses `volume`'s voxels, which must outlive it and must
/// not be reallocated (a segmentation's labelmap, shown while it is edited in place). Read
/// only: VTK has no const arrays, writing through the image would bypass undo.
vtkSmartPointer<vtkImageData> vtkImageViewOf(const core::ScalarVolume &volume);

}  // namespace twin::imaging
