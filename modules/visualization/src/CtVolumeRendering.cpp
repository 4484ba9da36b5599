#include "twin/visualization/CtVolumeRendering.h"

#include <vtkColorTransferFunction.h>
#include <vtkImageData.h>
#include <vtkPiecewiseFunction.h>
#include <vtkPlaneCollection.h>
#include <vtkRenderer.h>
#include <vtkSmartVolumeMapper.h>
#include <vtkVolume.h>
#include <vtkVolumeProperty.h>

namespace twin::visualization {

namespace {

struct ControlPoint {
    double hu, r, g, b, opacity;
};

// Transfer functions in HU, after the usual CT presets of volume renderers.
std::vector<ControlPoint> pointsFor(VolumePreset preset) {
    switch (preset) {
    case VolumePreset::Bone:
        return {{-1000, 0, 0, 0, 0}, {150, 0.55, 0.25, 0.15, 0}, {250, 0.9, 0.82, 0.56, 0.35}, {600, 1.0, 0.95, 0.85, 0.7}, {3000, 1, 1, 1, 0.85}};
    case VolumePreset::SoftTissue:
        return {{-1000, 0, 0, 0, 0}, {-200, 0.85, 0.7, 0.5, 0}, {-80, 0.9, 0.75, 0.55, 0.02}, {20, 0.8, 0.35, 0.3, 0.25}, {120, 0.9, 0.6, 0.5, 0.35},
                {300, 1, 0.95, 0.9, 0.6}, {3000, 1, 1, 1, 0.8}};
    case VolumePreset::Lung:
        return {{-1000, 0, 0, 0, 0}, {-950, 0.3, 0.5, 0.8, 0}, {-850, 0.55, 0.7, 0.95, 0.12}, {-500, 0.8, 0.85, 1.0, 0.04}, {-300, 0.8, 0.6, 0.5, 0.0},
                {3000, 0.8, 0.6, 0.5, 0.0}};
    case VolumePreset::Off:
        break;
    }
    return {};
}

}  // namespace

CtVolumeRendering::CtVolumeRendering(vtkRenderer *renderer) : renderer_(renderer) {
    mapper_->SetRequestedRenderModeToDefault();
    volume_->SetMapper(mapper_);
    volume_->PickableOff();
}

CtVolumeRendering::~CtVolumeRendering() { renderer_->RemoveViewProp(volume_); }

vtkVolume *CtVolumeRendering::volume() const { return volume_; }

QString CtVolumeRendering::name(VolumePreset preset) {
    switch (preset) {
    case VolumePreset::Bone: return QStringLiteral("CT bone");
    case VolumePreset::SoftTissue: return QStringLiteral("CT soft tissue");
    case VolumePreset::Lung: return QStringLiteral("CT lung");
    case VolumePreset::Off: break;
    }
    return QStringLiteral("Off");
}

void CtVolumeRendering::setImage(vtkImageData *ctHu) {
    hasImage_ = ctHu != nullptr;
    if (ctHu) mapper_->SetInputData(ctHu);
    setPreset(preset_);
}

void CtVolumeRendering::setPreset(VolumePreset preset) {
    preset_ = preset;
    const bool show = hasImage_ && preset != VolumePreset::Off;
    if (!show) {
        renderer_->RemoveViewProp(volume_);
        return;
    }
    vtkNew<vtkColorTransferFunction> colour;
    vtkNew<vtkPiecewiseFunction> opacity;
    for (const ControlPoint &p : pointsFor(preset)) {
        colour->AddRGBPoint(p.hu, p.r, p.g, p.b);
        opacity->AddPoint(p.hu, p.opacity);
    }
    vtkNew<vtkVolumeProperty> property;
    property->SetColor(colour);
    property->SetScalarOpacity(opacity);
    property->SetInterpolationTypeToLinear();
    property->ShadeOn();
    property->SetAmbient(0.3);
    property->SetDiffuse(0.7);
    property->SetSpecular(0.2);
    volume_->SetProperty(property);
    if (!renderer_->HasViewProp(volume_)) renderer_->AddViewProp(volume_);
}

void CtVolumeRendering::setClippingPlanes(vtkPlaneCollection *planes) { mapper_->SetClippingPlanes(planes); }

}  // namespace twin::visualization
