#pragma once
// One 2D slice view of a volume: an image slice that follows the camera's focal point, a
// parallel-projection camera in the orientation's radiological frame, and the annotations a
// radiologist expects: orientation letters on the edges (R/L, A/P, S/I), the view's name
// (top right), patient details (top left, when set), the slice position and the position and
// value under the mouse (bottom left), the display window (bottom right, "W 400 L 40").
// Scrolling moves the camera along the slice normal by one voxel spacing; the slice follows
// because the mapper slices at the focal point. A shared 3D cursor (setCursor) moves the
// slice through it and draws a crosshair there.

#include "twin/visualization/DoseOverlay.h"
#include "twin/visualization/LabelOverlay.h"
#include "twin/visualization/SliceCrosshair.h"
#include "twin/visualization/SliceOrientation.h"
#include "twin/visualization/WindowLevel.h"

#include <QString>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

#include <array>
#include <optional>
#include <string>

class vtkCornerAnnotation;
class vtkImageData;
class vtkImageResliceMapper;
class vtkImageSlice;
class vtkImageStack;
class vtkRenderer;

namespace twin::visualization {

/// How stored voxel values map to real ones (core::ScalarVolume's valueScale/valueOffset),
/// and the unit shown after them ("HU" for CT; empty for values without a unit).
struct ValueMapping {
    double scale = 1.0;
    double offset = 0.0;
    QString unit = QStringLiteral("HU");
};

class SliceViewScene {
public:
    SliceViewScene(vtkRenderer *renderer, SliceOrientation orientation);
    ~SliceViewScene();
    SliceViewScene(const SliceViewScene &) = delete;
    SliceViewScene &operator=(const SliceViewScene &) = delete;

    /// Shows `image`; clears the cursor and the readout under the mouse.
    void setImage(vtkImageData *image);
    void setValueMapping(ValueMapping mapping);
    const ValueMapping &valueMapping() const { return mapping_; }
    void setWindowLevel(WindowLevel windowLevel);
    WindowLevel windowLevel() const { return windowLevel_; }
    /// Centres the slice on the volume and fits it in the view.
    void resetView();
    /// Moves by `steps` slices (negative: backwards); clamped to the volume.
    void scrollSlices(int steps);
    /// Position of the current slice along the normal axis, in mm (patient coordinates).
    double slicePositionMm() const;
    SliceOrientation orientation() const { return orientation_; }
    vtkImageSlice *imageSlice() const;
    /// The segmentation labelmap drawn over the image (same grid as the image).
    LabelOverlay &labelOverlay() { return overlay_; }
    /// A tool's preview (the voxels a threshold would take), drawn above the segmentation.
    LabelOverlay &previewOverlay() { return preview_; }
    /// RT dose colourwash, isodose lines and legend over the image.
    DoseOverlay &doseOverlay() { return dose_; }

    /// The point (LPS mm) on the current slice under display position (x, y) (VTK pixels,
    /// origin bottom left); none without an image or a render window.
    std::optional<std::array<double, 3>> pointAtDisplay(double x, double y) const;
    /// The real value (mapping applied) of the voxel nearest `point`; none outside the volume.
    std::optional<double> valueAt(const std::array<double, 3> &point) const;
    /// Shows "x, y, z mm · value unit" for the point under (x, y) in the bottom-left corner.
    void showProbeAtDisplay(double x, double y);
    void clearProbe();

    /// Moves the slice through `point` (LPS mm, clamped to the volume) and draws the crosshair.
    void setCursor(const std::array<double, 3> &point);
    std::optional<std::array<double, 3>> cursor() const { return cursor_; }
    const SliceCrosshair &crosshair() const { return crosshair_; }

    /// Top-left text (patient name, ID, study date); empty hides it.
    void setPatientText(const QString &text);
    /// The annotation text at a vtkCornerAnnotation::TextPosition (tests, screenshots).
    std::string annotationText(int position) const;

private:
    void updateAnnotation();
    void updateCrosshair();
    void moveSliceTo(double positionMm);

    vtkRenderer *renderer_;
    SliceOrientation orientation_;
    vtkSmartPointer<vtkImageData> image_;
    vtkNew<vtkImageResliceMapper> mapper_;
    vtkNew<vtkImageSlice> slice_;
    LabelOverlay overlay_;
    LabelOverlay preview_;
    DoseOverlay dose_;
    vtkNew<vtkImageStack> stack_;  // image (layer 0) and label overlay (layer 1)
    vtkNew<vtkCornerAnnotation> annotation_;
    SliceCrosshair crosshair_;
    ValueMapping mapping_;
    WindowLevel windowLevel_ = kSoftTissueWindow;
    std::optional<std::array<double, 3>> cursor_;
    QString probeText_;
};

}  // namespace twin::visualization
