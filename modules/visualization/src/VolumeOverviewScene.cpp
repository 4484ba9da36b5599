#include "twin/visualization/VolumeOverviewScene.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkImageData.h>
#include <vtkImageProperty.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkOutlineFilter.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkPlaneCollection.h>
#include <vtkScalarsToColors.h>

namespace twin::visualization {

VolumeOverviewScene::VolumeOverviewScene(vtkRenderer *renderer)
    : renderer_(renderer), volumeRendering_(std::make_unique<CtVolumeRendering>(renderer)) {}

VolumeOverviewScene::~VolumeOverviewScene() {
    for (auto &plane : planes_) renderer_->RemoveViewProp(plane);
    if (outline_) renderer_->RemoveViewProp(outline_);
    for (auto &surface : surfaces_) renderer_->RemoveViewProp(surface.actor);
}

void VolumeOverviewScene::clearSurfaces() {
    for (auto &surface : surfaces_) renderer_->RemoveViewProp(surface.actor);
    surfaces_.clear();
    setPlanesVisible(true);
}

void VolumeOverviewScene::setImage(vtkImageData *image, WindowLevel windowLevel) {
    for (auto &plane : planes_) renderer_->RemoveViewProp(plane);
    planes_.clear();
    if (outline_) renderer_->RemoveViewProp(outline_);
    image_ = image;
    volumeRendering_->setImage(image);
    int dims[3];
    image->GetDimensions(dims);
    for (int axis = 0; axis < 3; ++axis) {
        vtkNew<vtkImageSliceMapper> mapper;
        mapper->SetInputData(image);
        mapper->SetOrientation(axis);
        mapper->SetSliceNumber(dims[axis] / 2);
        auto plane = vtkSmartPointer<vtkImageSlice>::New();
        plane->SetMapper(mapper);
        plane->GetProperty()->SetColorWindow(windowLevel.width);
        plane->GetProperty()->SetColorLevel(windowLevel.centre);
        plane->GetProperty()->SetOpacity(1.0);
        renderer_->AddViewProp(plane);
        planes_.push_back(plane);
    }
    vtkNew<vtkOutlineFilter> outlineFilter;
    outlineFilter->SetInputData(image);
    outlineFilter->Update();
    vtkNew<vtkPolyDataMapper> outlineMapper;
    outlineMapper->SetInputConnection(outlineFilter->GetOutputPort());
    outline_ = vtkSmartPointer<vtkActor>::New();
    outline_->SetMapper(outlineMapper);
    outline_->GetProperty()->SetColor(0.7, 0.7, 0.75);
    outline_->PickableOff();
    renderer_->AddViewProp(outline_);
    resetView();
}

vtkActor *VolumeOverviewScene::addSurface(vtkPolyData *surface, std::array<double, 3> rgb, double opacity,
                                          const QString &name) {
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(surface);
    mapper->ScalarVisibilityOff();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(rgb.data());
    actor->GetProperty()->SetOpacity(opacity);
    actor->GetProperty()->SetSpecular(0.2);
    if (clipping_) mapper->SetClippingPlanes(clipping_);
    renderer_->AddViewProp(actor);
    surfaces_.push_back({actor, name});
    return actor;
}

vtkActor *VolumeOverviewScene::setKeyedSurface(int key, vtkPolyData *surface, std::array<double, 3> rgb, double opacity,
                                               const QString &name) {
    for (auto it = surfaces_.begin(); it != surfaces_.end(); ++it) {
        if (it->key != key) continue;
        renderer_->RemoveViewProp(it->actor);
        surfaces_.erase(it);
        break;
    }
    if (!surface) return nullptr;
    vtkActor *actor = addSurface(surface, rgb, opacity, name);
    surfaces_.back().key = key;
    return actor;
}

void VolumeOverviewScene::setIsodoseSurfaces(vtkPolyData *surfaces, vtkScalarsToColors *colours) {
    if (isodose_) renderer_->RemoveViewProp(isodose_);
    isodose_ = nullptr;
    if (!surfaces) return;
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(surfaces);
    mapper->SetLookupTable(colours);
    mapper->UseLookupTableScalarRangeOn();
    mapper->ScalarVisibilityOn();
    isodose_ = vtkSmartPointer<vtkActor>::New();
    isodose_->SetMapper(mapper);
    isodose_->GetProperty()->SetOpacity(0.25);
    isodose_->PickableOff();
    renderer_->AddViewProp(isodose_);
}

vtkActor *VolumeOverviewScene::isodoseActor() const { return isodose_; }

void VolumeOverviewScene::setKeyedSurfaceVisible(int key, bool visible) {
    if (vtkActor *actor = keyedSurface(key)) actor->SetVisibility(visible);
}

vtkActor *VolumeOverviewScene::keyedSurface(int key) const {
    for (const Surface &surface : surfaces_)
        if (surface.key == key) return surface.actor;
    return nullptr;
}

int VolumeOverviewScene::keyOf(const vtkActor *actor) const {
    for (const Surface &surface : surfaces_)
        if (surface.actor.GetPointer() == actor) return surface.key;
    return -1;
}

QString VolumeOverviewScene::surfaceName(const vtkActor *actor) const {
    for (const Surface &surface : surfaces_) {
        if (surface.actor.GetPointer() == actor) return surface.name;
    }
    return {};
}

void VolumeOverviewScene::setPlanesVisible(bool visible) {
    for (auto &plane : planes_) plane->SetVisibility(visible);
}

bool VolumeOverviewScene::planesVisible() const { return !planes_.empty() && planes_.front()->GetVisibility(); }

void VolumeOverviewScene::setVolumePreset(VolumePreset preset) { volumeRendering_->setPreset(preset); }

VolumePreset VolumeOverviewScene::volumePreset() const { return volumeRendering_->preset(); }

void VolumeOverviewScene::setClippingPlanes(vtkPlaneCollection *planes) {
    clipping_ = planes;
    for (const Surface &surface : surfaces_) surface.actor->GetMapper()->SetClippingPlanes(planes);
    if (isodose_) isodose_->GetMapper()->SetClippingPlanes(planes);
    volumeRendering_->setClippingPlanes(planes);
}

void VolumeOverviewScene::resetView() {
    vtkCamera *camera = renderer_->GetActiveCamera();
    camera->ParallelProjectionOff();
    camera->SetFocalPoint(0.0, 0.0, 0.0);
    camera->SetPosition(0.6, -1.0, 0.35);  // anterior (−y in LPS), patient's left (+x), above
    camera->SetViewUp(0.0, 0.0, 1.0);
    renderer_->ResetCamera();
    camera->Zoom(1.2);
}

}  // namespace twin::visualization
