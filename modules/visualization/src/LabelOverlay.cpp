#include "twin/visualization/LabelOverlay.h"

#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageResliceMapper.h>
#include <vtkImageSlice.h>
#include <vtkLookupTable.h>

#include <algorithm>

namespace twin::visualization {

LabelOverlay::LabelOverlay() {
    mapper_->SliceFacesCameraOn();
    mapper_->SliceAtFocalPointOn();
    mapper_->ResampleToScreenPixelsOn();
    slice_->SetMapper(mapper_);
    vtkImageProperty *property = slice_->GetProperty();
    property->SetInterpolationTypeToNearest();
    property->SetLookupTable(table_);
    property->UseLookupTableScalarRangeOn();
    property->SetLayerNumber(1);  // above the image (layer 0) in the stack
    property->SetOpacity(0.5);
    setColours({});
    slice_->VisibilityOff();
}

LabelOverlay::~LabelOverlay() = default;

vtkImageSlice *LabelOverlay::slice() const { return slice_; }

void LabelOverlay::setLabels(vtkImageData *labels) {
    labels_ = labels;
    if (labels) mapper_->SetInputData(labels);
    slice_->SetVisibility(labels != nullptr);
}

void LabelOverlay::setColours(const std::vector<LabelColour> &colours) {
    int highest = 1;
    for (const LabelColour &c : colours) highest = std::max(highest, c.value);
    table_->SetNumberOfTableValues(highest + 1);
    table_->SetTableRange(0, highest);
    for (int v = 0; v <= highest; ++v) table_->SetTableValue(v, 0, 0, 0, 0);  // transparent unless a visible segment
    for (const LabelColour &c : colours)
        if (c.value > 0) table_->SetTableValue(c.value, c.rgb[0], c.rgb[1], c.rgb[2], c.visible ? std::clamp(c.opacity, 0.0, 1.0) : 0.0);
    table_->Modified();
}

void LabelOverlay::setLayer(int layer) { slice_->GetProperty()->SetLayerNumber(layer); }

void LabelOverlay::setOpacity(double opacity) { slice_->GetProperty()->SetOpacity(std::clamp(opacity, 0.0, 1.0)); }

double LabelOverlay::opacity() const { return slice_->GetProperty()->GetOpacity(); }

void LabelOverlay::labelsModified() {
    if (labels_) labels_->Modified();
}

std::array<double, 4> LabelOverlay::colourOf(int value) const {
    if (value < 0 || value >= table_->GetNumberOfTableValues()) return {0, 0, 0, 0};
    double rgba[4];
    table_->GetTableValue(value, rgba);
    return {rgba[0], rgba[1], rgba[2], rgba[3]};
}

}  // namespace twin::visualization
