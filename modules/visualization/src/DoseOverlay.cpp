#include "twin/visualization/DoseOverlay.h"

#include <vtkActor.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCutter.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageResliceMapper.h>
#include <vtkImageSlice.h>
#include <vtkLookupTable.h>
#include <vtkPlane.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextProperty.h>

#include <algorithm>

namespace twin::visualization {

DoseOverlay::DoseOverlay() {
    mapper_->SliceFacesCameraOn();
    mapper_->SliceAtFocalPointOn();
    mapper_->ResampleToScreenPixelsOn();
    slice_->SetMapper(mapper_);
    vtkImageProperty *property = slice_->GetProperty();
    property->SetInterpolationTypeToLinear();
    property->SetLookupTable(table_);
    property->UseLookupTableScalarRangeOn();
    property->SetLayerNumber(2);  // above the image and the segmentation
    property->SetOpacity(0.4);
    table_->SetHueRange(0.667, 0.0);  // blue (low) to red (high), as planning systems show dose
    table_->SetNumberOfTableValues(256);
    table_->SetBelowRangeColor(0, 0, 0, 0);
    table_->UseBelowRangeColorOn();
    table_->Build();
    slice_->VisibilityOff();

    cutter_->SetCutFunction(plane_);
    vtkNew<vtkPolyDataMapper> lineMapper;
    lineMapper->SetInputConnection(cutter_->GetOutputPort());
    lineMapper->SetLookupTable(table_);
    lineMapper->UseLookupTableScalarRangeOn();
    lineMapper->SetScalarModeToUsePointData();
    lines_->SetMapper(lineMapper);
    lines_->GetProperty()->SetLineWidth(2.0);
    lines_->GetProperty()->LightingOff();
    lines_->PickableOff();
    lines_->VisibilityOff();

    legend_->SetLookupTable(table_);
    legend_->SetTitle("Gy");
    legend_->SetNumberOfLabels(5);
    legend_->SetMaximumWidthInPixels(60);
    legend_->SetPosition(0.90, 0.15);
    legend_->SetPosition2(0.09, 0.6);
    legend_->GetLabelTextProperty()->SetFontSize(11);
    legend_->GetTitleTextProperty()->SetFontSize(12);
    legend_->VisibilityOff();
}

DoseOverlay::~DoseOverlay() { detach(); }

vtkImageSlice *DoseOverlay::slice() const { return slice_; }
vtkLookupTable *DoseOverlay::colours() const { return table_; }

void DoseOverlay::attach(vtkRenderer *renderer) {
    detach();
    renderer_ = renderer;
    renderer_->AddViewProp(lines_);
    renderer_->AddViewProp(legend_);
    vtkNew<vtkCallbackCommand> callback;
    callback->SetClientData(this);
    callback->SetCallback([](vtkObject *, unsigned long, void *self, void *) { static_cast<DoseOverlay *>(self)->followCamera(); });
    observer_ = renderer_->AddObserver(vtkCommand::StartEvent, callback);
}

void DoseOverlay::detach() {
    if (!renderer_) return;
    renderer_->RemoveObserver(observer_);
    renderer_->RemoveViewProp(lines_);
    renderer_->RemoveViewProp(legend_);
    renderer_ = nullptr;
}

void DoseOverlay::setDose(vtkImageData *doseGy, vtkPolyData *isodoseSurfaces, const std::vector<double> &levelsGy) {
    hasDose_ = doseGy != nullptr;
    if (doseGy) {
        mapper_->SetInputData(doseGy);
        const double maximum = doseGy->GetScalarRange()[1];
        const double lowest = levelsGy.empty() ? 0.1 * maximum : *std::min_element(levelsGy.begin(), levelsGy.end());
        table_->SetTableRange(std::min(lowest, maximum * 0.999), std::max(maximum, lowest + 1e-3));
        table_->Build();
    }
    if (isodoseSurfaces) cutter_->SetInputData(isodoseSurfaces);
    setVisible(visible_);
}

void DoseOverlay::setVisible(bool visible) {
    visible_ = visible;
    const bool show = visible && hasDose_;
    slice_->SetVisibility(show);
    lines_->SetVisibility(show && cutter_->GetNumberOfInputConnections(0) > 0);
    legend_->SetVisibility(show);
}

void DoseOverlay::setOpacity(double opacity) { slice_->GetProperty()->SetOpacity(std::clamp(opacity, 0.0, 1.0)); }

void DoseOverlay::followCamera() {
    if (!renderer_ || !lines_->GetVisibility()) return;
    vtkCamera *camera = renderer_->GetActiveCamera();
    double focal[3], normal[3];
    camera->GetFocalPoint(focal);
    camera->GetDirectionOfProjection(normal);
    plane_->SetOrigin(focal);
    plane_->SetNormal(normal);
    // Drawn 1 mm towards the camera: in the slice's own plane the image would hide the lines.
    lines_->SetPosition(-normal[0], -normal[1], -normal[2]);
}

long long DoseOverlay::lineCount() {
    followCamera();
    cutter_->Update();
    return cutter_->GetOutput() ? cutter_->GetOutput()->GetNumberOfLines() : 0;
}

}  // namespace twin::visualization
