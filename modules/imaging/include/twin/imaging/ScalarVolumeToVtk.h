#pragma once
// core::ScalarVolume -> vtkImageData (VTK_SHORT, one component), keeping origin and spacing.
// Direction cosines other than identity are carried in vtkImageData's direction matrix.

#include "twin/core/ScalarVolume.h"

#include <vtkSmartPointer.h>

class vtkImageData;

namespace twin::imaging {

vtkSmartPointer<vtkImageData> toVtkImage(const core::ScalarVolume &volume);

}  // namespace twin::imaging
