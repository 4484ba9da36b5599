#pragma once
// Puts a patient's images into the four views: a SliceViewScene per slice view with the
// slice interaction style, and the VolumeOverviewScene in the 3D view. Owns the scenes;
// the views stay owned by the ViewGrid.

#include "twin/core/ScalarVolume.h"

#include "twin/visualization/WindowLevel.h"

#include <QObject>

#include <vtkSmartPointer.h>

#include <array>
#include <memory>

class vtkImageData;
class vtkPolyData;

namespace twin::visualization {
class SliceInteractorStyle;
class SliceViewScene;
class VolumeOverviewScene;
}  // namespace twin::visualization

namespace twin::ui {

class ViewGrid;

class PatientSceneController : public QObject {
    Q_OBJECT
public:
    explicit PatientSceneController(ViewGrid *grid, QObject *parent = nullptr);
    ~PatientSceneController() override;

    void showVolume(const core::ScalarVolume &volume);
    /// As above with a display window (non-CT images: see windowFor()); clears old surfaces.
    void showVolume(const core::ScalarVolume &volume, visualization::WindowLevel window);
    /// A display window for `volume`: the soft-tissue preset for CT, else the 1st–99th
    /// percentile of the stored values (MR and PET have no fixed scale).
    static visualization::WindowLevel windowFor(const core::ScalarVolume &volume, const QString &modality);
    void addSurface(vtkPolyData *surface, std::array<double, 3> rgb, double opacity, const QString &name);
    bool hasVolume() const { return image_ != nullptr; }
    visualization::SliceViewScene *sliceScene(int viewId) const;
    visualization::VolumeOverviewScene *overviewScene() const { return overview_.get(); }

private:
    ViewGrid *grid_;
    vtkSmartPointer<vtkImageData> image_;
    std::array<std::unique_ptr<visualization::SliceViewScene>, 3> slices_;
    std::array<vtkSmartPointer<visualization::SliceInteractorStyle>, 3> styles_;
    std::unique_ptr<visualization::VolumeOverviewScene> overview_;
};

}  // namespace twin::ui
