#pragma once
// What the dose display needs from the dose grid, without rendering: the dose as a float
// vtkImageData (Gy, in its own LPS geometry), the isodose levels a clinician types ("95%,
// 50%" of the prescription, or "60, 30 Gy"), and the isodose surfaces at those levels
// (flying edges on the dose grid; "Level" scalars hold each surface's dose in Gy), which the
// 3D view shows as they are and the slice views cut into isodose lines.

#include "twin/core/FloatVolume.h"
#include "twin/core/Result.h"

#include <QString>

#include <vtkSmartPointer.h>

#include <vector>

class vtkImageData;
class vtkPolyData;

namespace twin::imaging {

class DoseDisplay {
public:
    static vtkSmartPointer<vtkImageData> toVtkImage(const core::FloatVolume &doseGy);
    /// Levels in Gy from text such as "95%, 80%, 50%" (of `prescriptionGy`), "60, 30 Gy" or a
    /// mix; sorted descending, duplicates dropped. The error names the item it could not read.
    static core::Result<std::vector<double>> parseLevels(const QString &text, double prescriptionGy);
    /// One closed surface per level (where the dose grid allows), "Level" point scalars in Gy.
    static vtkSmartPointer<vtkPolyData> isodoseSurfaces(vtkImageData *doseGy, const std::vector<double> &levelsGy);
};

}  // namespace twin::imaging
