#include "twin/visualization/SliceViewScene.h"

#include <vtkCamera.h>
#include <vtkCornerAnnotation.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageResliceMapper.h>
#include <vtkImageSlice.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>

#include <QString>

#include <algorithm>
#include <cmath>

namespace twin::visualization {

SliceViewScene::SliceViewScene(vtkRenderer *renderer, SliceOrientation orientation)
    : renderer_(renderer), orientation_(orientation) {
    mapper_->SliceFacesCameraOn();
    mapper_->SliceAtFocalPointOn();
    mapper_->ResampleToScreenPixelsOn();
    slice_->SetMapper(mapper_);
    slice_->GetProperty()->SetInterpolationTypeToLinear();
    setWindowLevel(kSoftTissueWindow);
    annotation_->SetMaximumFontSize(14);
    annotation_->GetTextProperty()->SetColor(0.85, 0.9, 0.4);
    annotation_->SetText(vtkCornerAnnotation::UpperLeft, displayName(orientation).toUtf8().constData());
    renderer_->GetActiveCamera()->ParallelProjectionOn();
    renderer_->AddViewProp(annotation_);
}

SliceViewScene::~SliceViewScene() {
    renderer_->RemoveViewProp(slice_);
    renderer_->RemoveViewProp(annotation_);
}

void SliceViewScene::setImage(vtkImageData *image) {
    image_ = image;
    mapper_->SetInputData(image);
    if (!renderer_->HasViewProp(slice_)) renderer_->AddViewProp(slice_);
    resetView();
}

void SliceViewScene::setWindowLevel(WindowLevel windowLevel) {
    slice_->GetProperty()->SetColorWindow(windowLevel.width);
    slice_->GetProperty()->SetColorLevel(windowLevel.centre);
}

vtkImageSlice *SliceViewScene::imageSlice() const { return slice_; }

void SliceViewScene::resetView() {
    if (!image_) return;
    double bounds[6];
    image_->GetBounds(bounds);
    const double centre[3] = {(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2, (bounds[4] + bounds[5]) / 2};
    const SliceCameraFrame frame = cameraFrameFor(orientation_);
    const double distance = 1000.0;
    vtkCamera *camera = renderer_->GetActiveCamera();
    camera->SetFocalPoint(centre);
    camera->SetPosition(centre[0] - frame.viewDirection[0] * distance, centre[1] - frame.viewDirection[1] * distance,
                        centre[2] - frame.viewDirection[2] * distance);
    camera->SetViewUp(frame.viewUp.data());
    renderer_->ResetCamera(bounds);
    // ResetCamera moves the camera along the view direction only: the focal point stays
    // in the middle of the volume. Fit the larger in-plane extent.
    const int normal = normalAxis(orientation_);
    double halfHeight = 0.0;
    for (int axis = 0; axis < 3; ++axis) {
        if (axis == normal) continue;
        if (std::abs(frame.viewUp[axis]) > 0.5) halfHeight = (bounds[2 * axis + 1] - bounds[2 * axis]) / 2;
    }
    camera->SetParallelScale(std::max(halfHeight, 1.0) * 1.05);
    updateAnnotation();
}

void SliceViewScene::scrollSlices(int steps) {
    if (!image_ || steps == 0) return;
    const int normal = normalAxis(orientation_);
    const double spacing = image_->GetSpacing()[normal];
    double bounds[6];
    image_->GetBounds(bounds);
    vtkCamera *camera = renderer_->GetActiveCamera();
    double focal[3];
    double position[3];
    camera->GetFocalPoint(focal);
    camera->GetPosition(position);
    const double target = std::clamp(focal[normal] + steps * spacing, bounds[2 * normal], bounds[2 * normal + 1]);
    const double delta = target - focal[normal];
    focal[normal] += delta;
    position[normal] += delta;
    camera->SetFocalPoint(focal);
    camera->SetPosition(position);
    renderer_->ResetCameraClippingRange();
    updateAnnotation();
}

double SliceViewScene::slicePositionMm() const {
    double focal[3];
    renderer_->GetActiveCamera()->GetFocalPoint(focal);
    return focal[normalAxis(orientation_)];
}

void SliceViewScene::updateAnnotation() {
    const QString text = QStringLiteral("%1 mm").arg(slicePositionMm(), 0, 'f', 1);
    annotation_->SetText(vtkCornerAnnotation::LowerLeft, text.toUtf8().constData());
}

}  // namespace twin::visualization
