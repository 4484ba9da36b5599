#pragma once
// Puts a patient's images into the four views: a SliceViewScene per slice view with the
// slice interaction style, and the VolumeOverviewScene in the 3D view. Owns the scenes;
// the views stay owned by the ViewGrid.
//
// Links the three slice views: a window/level change in one (drag, number-key preset, 'r')
// applies to all three; a cursor set in one (click, Shift+move) moves the other two to the
// slices through that point and every slice view draws its crosshair there.

#include "twin/core/ScalarVolume.h"

#include "twin/visualization/SliceInteractorStyle.h"
#include "twin/visualization/WindowLevel.h"

#include <QObject>

#include <vtkSmartPointer.h>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class vtkBoxWidget2;
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
    /// The unit shown after values under the mouse for the next showVolume ("HU" by default;
    /// empty for images without a physical unit).
    void setValueUnit(const QString &unit) { valueUnit_ = unit; }

    /// The display window of all three slice views.
    void setWindowLevel(visualization::WindowLevel window);
    visualization::WindowLevel windowLevel() const { return window_; }
    /// The shared 3D cursor (LPS mm): each slice view moves to the slice through it.
    void setCursor(const std::array<double, 3> &point);
    std::optional<std::array<double, 3>> cursor() const { return cursor_; }

    /// Patient name / ID / study date for the slice views' top-left corner ("" for none).
    void setPatientAnnotation(const QString &text);
    QString patientAnnotation() const { return patientText_; }
    /// Hide PHI: false keeps the patient annotation out of every view.
    void setPatientAnnotationVisible(bool visible);
    bool patientAnnotationVisible() const { return patientTextVisible_; }
    bool hasVolume() const { return image_ != nullptr; }
    visualization::SliceViewScene *sliceScene(int viewId) const;
    visualization::VolumeOverviewScene *overviewScene() const { return overview_.get(); }
    /// Brush strokes from the slice views (view 0 axial, 1 coronal, 2 sagittal); an empty
    /// handler ends paint mode and gives the left button back to window/level and cursor.
    using PaintHandler = std::function<void(int view, const std::array<double, 3> &, visualization::SliceInteractorStyle::StrokePhase)>;
    void setPaintHandler(const PaintHandler &handler);
    /// RT dose over the image: colourwash, isodose lines and legend in the slice views,
    /// isodose surfaces in 3D (when `surfacesIn3d`). A null dose removes it.
    void setDose(vtkImageData *doseGy, vtkPolyData *isodoseSurfaces, const std::vector<double> &levelsGy);
    void setDoseVisible(bool visible);
    void setIsodoseSurfacesVisible(bool visible);
    /// A box in the 3D view whose faces clip the organs, isodoses and volume rendering; drag
    /// its faces or handles to cut into the patient.
    void setClipBoxEnabled(bool enabled);
    bool clipBoxEnabled() const { return clipBoxEnabled_; }
    /// Clips to the index-aligned box [lo, hi] in LPS mm (tests, presets); enables the box.
    void setClipBounds(const std::array<double, 6> &bounds);
    /// Asks every view for a new frame (after the segmentation or the surfaces changed).
    void requestRender();

signals:
    void cursorChanged();
    /// A keyed surface (a segment) was picked in the 3D view (click or 'p').
    void surfacePicked(int key);

private:
    void applyPatientAnnotation();
    void renderSliceViews();

    ViewGrid *grid_;
    visualization::WindowLevel window_ = visualization::kSoftTissueWindow;
    std::optional<std::array<double, 3>> cursor_;
    QString valueUnit_ = QStringLiteral("HU");
    QString patientText_;
    bool patientTextVisible_ = true;
    vtkSmartPointer<vtkImageData> image_;
    std::array<std::unique_ptr<visualization::SliceViewScene>, 3> slices_;
    std::array<vtkSmartPointer<visualization::SliceInteractorStyle>, 3> styles_;
    std::unique_ptr<visualization::VolumeOverviewScene> overview_;
    vtkSmartPointer<vtkImageData> dose_;
    vtkSmartPointer<vtkPolyData> isodose_;
    bool isodoseIn3d_ = true;
    bool clipBoxEnabled_ = false;
    vtkSmartPointer<vtkBoxWidget2> clipBox_;
    void applyClipBox();
};

}  // namespace twin::ui
