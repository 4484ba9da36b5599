#include "twin/visualization/SliceViewScene.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCornerAnnotation.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageResliceMapper.h>
#include <vtkImageSlice.h>
#include <vtkImageStack.h>
#include <vtkPointData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

namespace twin::visualization {

namespace {

QString formatNumber(double value) {
    // Whole numbers as integers ("40"), others with a sensible number of digits.
    if (std::abs(value - std::round(value)) < 1e-9 && std::abs(value) < 1e9) return QString::number(std::llround(value));
    return QString::number(value, 'g', 5);
}

}  // namespace

SliceViewScene::SliceViewScene(vtkRenderer *renderer, SliceOrientation orientation)
    : renderer_(renderer), orientation_(orientation) {
    mapper_->SliceFacesCameraOn();
    mapper_->SliceAtFocalPointOn();
    mapper_->ResampleToScreenPixelsOn();
    slice_->SetMapper(mapper_);
    slice_->GetProperty()->SetInterpolationTypeToLinear();
    slice_->GetProperty()->SetLayerNumber(0);
    stack_->AddImage(slice_);
    stack_->AddImage(overlay_.slice());
    preview_.setLayer(3);  // above the dose (2): a preview must be seen
    stack_->AddImage(preview_.slice());
    stack_->AddImage(dose_.slice());
    dose_.attach(renderer_);
    stack_->SetActiveLayer(0);  // picking and window/level act on the image
    annotation_->SetMaximumFontSize(14);
    annotation_->GetTextProperty()->SetColor(0.85, 0.9, 0.4);
    annotation_->SetText(vtkCornerAnnotation::UpperRight, displayName(orientation).toUtf8().constData());
    const EdgeLabels labels = edgeLabelsFor(orientation);
    annotation_->SetText(vtkCornerAnnotation::LeftEdge, labels.left.toUtf8().constData());
    annotation_->SetText(vtkCornerAnnotation::RightEdge, labels.right.toUtf8().constData());
    annotation_->SetText(vtkCornerAnnotation::UpperEdge, labels.top.toUtf8().constData());
    annotation_->SetText(vtkCornerAnnotation::LowerEdge, labels.bottom.toUtf8().constData());
    setWindowLevel(kSoftTissueWindow);
    renderer_->GetActiveCamera()->ParallelProjectionOn();
    renderer_->AddViewProp(annotation_);
    renderer_->AddViewProp(crosshair_.actor());
}

SliceViewScene::~SliceViewScene() {
    renderer_->RemoveViewProp(stack_);
    renderer_->RemoveViewProp(annotation_);
    renderer_->RemoveViewProp(crosshair_.actor());
}

void SliceViewScene::setImage(vtkImageData *image) {
    image_ = image;
    mapper_->SetInputData(image);
    if (!renderer_->HasViewProp(stack_)) renderer_->AddViewProp(stack_);
    overlay_.setLabels(nullptr);  // a new image: its segmentation and dose come with it
    preview_.setLabels(nullptr);
    dose_.setDose(nullptr, nullptr, {});
    cursor_.reset();
    crosshair_.actor()->VisibilityOff();
    probeText_.clear();
    resetView();
}

void SliceViewScene::setValueMapping(ValueMapping mapping) {
    if (mapping.scale == 0.0 || !std::isfinite(mapping.scale) || !std::isfinite(mapping.offset)) {
        mapping.scale = 1.0;
        mapping.offset = 0.0;
    }
    mapping_ = std::move(mapping);
}

void SliceViewScene::setWindowLevel(WindowLevel windowLevel) {
    windowLevel_ = windowLevel;
    slice_->GetProperty()->SetColorWindow(windowLevel.width);
    slice_->GetProperty()->SetColorLevel(windowLevel.centre);
    const QString text = QStringLiteral("W %1 L %2").arg(formatNumber(windowLevel.width), formatNumber(windowLevel.centre));
    annotation_->SetText(vtkCornerAnnotation::LowerRight, text.toUtf8().constData());
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
    updateCrosshair();
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

void SliceViewScene::moveSliceTo(double positionMm) {
    const int normal = normalAxis(orientation_);
    double bounds[6];
    image_->GetBounds(bounds);
    vtkCamera *camera = renderer_->GetActiveCamera();
    double focal[3];
    double position[3];
    camera->GetFocalPoint(focal);
    camera->GetPosition(position);
    const double target = std::clamp(positionMm, bounds[2 * normal], bounds[2 * normal + 1]);
    const double delta = target - focal[normal];
    focal[normal] += delta;
    position[normal] += delta;
    camera->SetFocalPoint(focal);
    camera->SetPosition(position);
    updateCrosshair();
    renderer_->ResetCameraClippingRange();
    updateAnnotation();
}

void SliceViewScene::scrollSlices(int steps) {
    if (!image_ || steps == 0) return;
    const double spacing = image_->GetSpacing()[normalAxis(orientation_)];
    moveSliceTo(slicePositionMm() + steps * spacing);
}

double SliceViewScene::slicePositionMm() const {
    double focal[3];
    renderer_->GetActiveCamera()->GetFocalPoint(focal);
    return focal[normalAxis(orientation_)];
}

std::optional<std::array<double, 3>> SliceViewScene::pointAtDisplay(double x, double y) const {
    if (!image_ || !renderer_->GetRenderWindow()) return std::nullopt;
    const int *size = renderer_->GetRenderWindow()->GetSize();
    if (size[0] <= 0 || size[1] <= 0) return std::nullopt;
    renderer_->SetDisplayPoint(x, y, 0.0);
    renderer_->DisplayToWorld();
    double world[4];
    renderer_->GetWorldPoint(world);
    if (world[3] == 0.0) return std::nullopt;
    std::array<double, 3> point{world[0] / world[3], world[1] / world[3], world[2] / world[3]};
    point[static_cast<std::size_t>(normalAxis(orientation_))] = slicePositionMm();
    return point;
}

std::optional<double> SliceViewScene::valueAt(const std::array<double, 3> &point) const {
    if (!image_ || !image_->GetPointData() || image_->GetNumberOfScalarComponents() < 1) return std::nullopt;
    double continuous[3];
    image_->TransformPhysicalPointToContinuousIndex(point.data(), continuous);
    const int *extent = image_->GetExtent();
    int index[3];
    for (int axis = 0; axis < 3; ++axis) {
        index[axis] = static_cast<int>(std::lround(continuous[axis]));
        if (index[axis] < extent[2 * axis] || index[axis] > extent[2 * axis + 1]) return std::nullopt;
    }
    const double stored = image_->GetScalarComponentAsDouble(index[0], index[1], index[2], 0);
    return stored * mapping_.scale + mapping_.offset;
}

void SliceViewScene::showProbeAtDisplay(double x, double y) {
    const std::optional<std::array<double, 3>> point = pointAtDisplay(x, y);
    if (!point) {
        clearProbe();
        return;
    }
    QString text = QStringLiteral("%1, %2, %3 mm")
                       .arg((*point)[0], 0, 'f', 1)
                       .arg((*point)[1], 0, 'f', 1)
                       .arg((*point)[2], 0, 'f', 1);
    if (const std::optional<double> value = valueAt(*point)) {
        text += QStringLiteral(" · ") + formatNumber(*value);
        if (!mapping_.unit.isEmpty()) text += QLatin1Char(' ') + mapping_.unit;
    }
    probeText_ = text;
    updateAnnotation();
}

void SliceViewScene::clearProbe() {
    if (probeText_.isEmpty()) return;
    probeText_.clear();
    updateAnnotation();
}

void SliceViewScene::setCursor(const std::array<double, 3> &point) {
    if (!image_) return;
    cursor_ = point;
    moveSliceTo(point[static_cast<std::size_t>(normalAxis(orientation_))]);  // also places the crosshair
}

void SliceViewScene::updateCrosshair() {
    if (!cursor_ || !image_) return;
    double bounds[6];
    image_->GetBounds(bounds);
    std::array<double, 3> onSlice = *cursor_;
    onSlice[static_cast<std::size_t>(normalAxis(orientation_))] = slicePositionMm();
    // In front of the slice by a fraction of a voxel: never hidden, never visibly off-plane.
    const double towardsCamera = 0.25 * std::max(0.01, image_->GetSpacing()[normalAxis(orientation_)]);
    crosshair_.place(onSlice, orientation_, bounds, towardsCamera);
}

void SliceViewScene::setPatientText(const QString &text) {
    annotation_->SetText(vtkCornerAnnotation::UpperLeft, text.toUtf8().constData());
}

std::string SliceViewScene::annotationText(int position) const {
    const char *text = annotation_->GetText(position);
    return text ? std::string(text) : std::string();
}

void SliceViewScene::updateAnnotation() {
    QString text = QStringLiteral("Slice %1 mm").arg(slicePositionMm(), 0, 'f', 1);
    if (!probeText_.isEmpty()) text += QLatin1Char('\n') + probeText_;
    annotation_->SetText(vtkCornerAnnotation::LowerLeft, text.toUtf8().constData());
}

}  // namespace twin::visualization
