#include "twin/imaging/DoseDisplay.h"

#include "twin/imaging/ScalarVolumeToVtk.h"

#include <vtkFlyingEdges3D.h>
#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>

#include <QRegularExpression>

#include <algorithm>
#include <cstring>

namespace twin::imaging {

vtkSmartPointer<vtkImageData> DoseDisplay::toVtkImage(const core::FloatVolume &doseGy) {
    vtkSmartPointer<vtkImageData> image = vtkImageWithGeometry(doseGy.geometry());
    image->AllocateScalars(VTK_FLOAT, 1);
    std::memcpy(image->GetScalarPointer(), doseGy.values().data(), doseGy.values().size() * sizeof(float));
    image->GetPointData()->GetScalars()->SetName("DoseGy");
    return image;
}

core::Result<std::vector<double>> DoseDisplay::parseLevels(const QString &text, double prescriptionGy) {
    std::vector<double> levels;
    static const QRegularExpression item(QStringLiteral("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(%|gy)?\\s*$"), QRegularExpression::CaseInsensitiveOption);
    for (const QString &part : text.split(QRegularExpression(QStringLiteral("[,;]")), Qt::SkipEmptyParts)) {
        QString entry = part.trimmed();
        if (entry.isEmpty()) continue;
        const auto match = item.match(entry);
        if (!match.hasMatch()) return core::Error::invalidInput(QStringLiteral("isodose level \"%1\": expected a number with %% or Gy").arg(entry));
        const double value = match.captured(1).toDouble();
        if (match.captured(2) == QStringLiteral("%")) {
            if (!(prescriptionGy > 0)) return core::Error::invalidInput(QStringLiteral("isodose level \"%1\": no prescription dose to take a percentage of").arg(entry));
            levels.push_back(value / 100.0 * prescriptionGy);
        } else {
            levels.push_back(value);
        }
    }
    std::sort(levels.begin(), levels.end(), std::greater<>());
    levels.erase(std::unique(levels.begin(), levels.end(), [](double a, double b) { return std::abs(a - b) < 1e-9; }), levels.end());
    levels.erase(std::remove_if(levels.begin(), levels.end(), [](double v) { return !(v > 0); }), levels.end());
    if (levels.empty()) return core::Error::invalidInput(QStringLiteral("no isodose level in \"%1\"").arg(text));
    return levels;
}

vtkSmartPointer<vtkPolyData> DoseDisplay::isodoseSurfaces(vtkImageData *doseGy, const std::vector<double> &levelsGy) {
    vtkNew<vtkFlyingEdges3D> contours;
    contours->SetInputData(doseGy);
    for (std::size_t i = 0; i < levelsGy.size(); ++i) contours->SetValue(static_cast<int>(i), levelsGy[i]);
    contours->ComputeScalarsOn();
    contours->ComputeNormalsOn();
    contours->Update();
    auto surfaces = vtkSmartPointer<vtkPolyData>::New();
    surfaces->ShallowCopy(contours->GetOutput());
    if (vtkDataArray *scalars = surfaces->GetPointData()->GetScalars()) scalars->SetName("Level");
    return surfaces;
}

}  // namespace twin::imaging
