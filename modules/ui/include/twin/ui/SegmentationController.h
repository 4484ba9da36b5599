#pragma once
// Binds the segmentation of the image on screen to the views: the labelmap as an overlay in
// the three slice views (shared memory, redrawn after each edit), one smooth surface per
// segment in the 3D view, and brush strokes painted from the slice views.
//
// After an edit only the labels it touched are re-meshed: changes are collected for 250 ms
// (a brush stroke is many edits) and meshed in a Job on a snapshot of the labelmap; an edit
// while that Job runs cancels it and the next one meshes the union (latest wins). A stroke
// is one undo step (a QUndoStack macro from press to release).

#include "twin/core/ScalarVolume.h"
#include "twin/imaging/LabelmapDelta.h"
#include "twin/imaging/SegmentationTools.h"
#include "twin/imaging/ZeroPageAllocator.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <vtkSmartPointer.h>

#include <memory>

class vtkImageData;

namespace twin::core {
class Job;
}
namespace twin::imaging {
class Segmentation;
}

namespace twin::ui {

class PatientSceneController;

struct BrushSettings {
    double radiusMm = 5.0;
    imaging::BrushShape shape = imaging::BrushShape::Disc;
    bool erase = false;
};

class SegmentationController : public QObject {
    Q_OBJECT
public:
    explicit SegmentationController(PatientSceneController *scene, QObject *parent = nullptr);
    ~SegmentationController() override;

    /// A new, empty segmentation on `reference`'s grid (the image just shown); the old one
    /// and its surfaces go.
    imaging::Segmentation *reset(const core::VolumeGeometry &reference);
    imaging::Segmentation *segmentation() const { return segmentation_.get(); }

    /// Paint mode: left drags in slice views paint segment `value` with `brush`; value 0 ends it.
    void setPaintSegment(int value, const BrushSettings &brush);
    int paintSegment() const { return paintValue_; }
    /// One brush dab at `point` (LPS mm) from slice view `view`, as the mouse gives it.
    void paintStroke(int view, const std::array<double, 3> &point, bool begin, bool end);

    /// Shows `mask` (voxels 1, on the segmentation's grid) over the slice views in `rgb`, as
    /// the preview of a tool; nullptr removes it.
    void setPreview(std::shared_ptr<const imaging::VolumeMask> mask, const std::array<int, 3> &rgb = {255, 255, 0});
    bool hasPreview() const { return preview_ != nullptr; }

    bool isMeshing() const;
    /// Labels the last finished meshing Job re-meshed (tests: an edit re-meshes only its label).
    const QList<int> &lastMeshedLabels() const { return lastMeshed_; }
    /// Meshes now instead of after the pause (tests, "Update 3D" button).
    void meshNow();

signals:
    void meshesUpdated(const QList<int> &labels);
    /// A segment's surface was clicked in the 3D view.
    void segmentPicked(int value);

private:
    void onLabelsChanged(const QList<int> &values, const imaging::IndexBox &box);
    void onSegmentsChanged();
    void updateOverlayColours();
    void startMeshing();

    PatientSceneController *scene_;
    std::unique_ptr<imaging::Segmentation> segmentation_;
    vtkSmartPointer<vtkImageData> labelsView_;
    std::shared_ptr<const imaging::VolumeMask> preview_;  // the preview image's voxels
    vtkSmartPointer<vtkImageData> previewView_;
    int paintValue_ = 0;
    BrushSettings brush_;
    bool strokeOpen_ = false;
    QSet<int> dirty_;
    QSet<int> meshingNow_;
    QSet<int> shownSurfaces_;  // segment values with a surface in the 3D view
    QList<int> lastMeshed_;
    QTimer meshDelay_;
    std::unique_ptr<core::Job> meshJob_;
};

}  // namespace twin::ui
