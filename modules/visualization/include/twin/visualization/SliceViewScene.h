#pragma once
// One 2D slice view of a volume: an image slice that follows the camera's focal point, a
// parallel-projection camera in the orientation's radiological frame, an orientation label
// and a slice-position readout. Scrolling moves the camera along the slice normal by one
// voxel spacing; the slice follows because the mapper slices at the focal point.

#include "twin/visualization/SliceOrientation.h"
#include "twin/visualization/WindowLevel.h"

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkCornerAnnotation;
class vtkImageData;
class vtkImageResliceMapper;
class vtkImageSlice;
class vtkRenderer;

namespace twin::visualization {

class SliceViewScene {
public:
    SliceViewScene(vtkRenderer *renderer, SliceOrientation orientation);
    ~SliceViewScene();
    SliceViewScene(const SliceViewScene &) = delete;
    SliceViewScene &operator=(const SliceViewScene &) = delete;

    void setImage(vtkImageData *image);
    void setWindowLevel(WindowLevel windowLevel);
    /// Centres the slice on the volume and fits it in the view.
    void resetView();
    /// Moves by `steps` slices (negative: backwards); clamped to the volume.
    void scrollSlices(int steps);
    /// Position of the current slice along the normal axis, in mm (patient coordinates).
    double slicePositionMm() const;
    SliceOrientation orientation() const { return orientation_; }
    vtkImageSlice *imageSlice() const;

private:
    void updateAnnotation();

    vtkRenderer *renderer_;
    SliceOrientation orientation_;
    vtkSmartPointer<vtkImageData> image_;
    vtkNew<vtkImageResliceMapper> mapper_;
    vtkNew<vtkImageSlice> slice_;
    vtkNew<vtkCornerAnnotation> annotation_;
};

}  // namespace twin::visualization
