#pragma once
// Optional direct volume rendering of the CT in the 3D view, with the classic presets:
// bone (opaque above ~200 HU, ivory), soft tissue (muscle and organs, fat faint), lung (the
// air-filled parenchyma and airways, soft tissue faint). vtkSmartVolumeMapper chooses the GPU
// ray caster where there is one and falls back to the CPU (Mesa under Xvfb renders it too).
// Clipping planes (the clip box) apply to it as to the organ surfaces.

#include <QString>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkImageData;
class vtkPlaneCollection;
class vtkRenderer;
class vtkSmartVolumeMapper;
class vtkVolume;

namespace twin::visualization {

enum class VolumePreset { Off, Bone, SoftTissue, Lung };

class CtVolumeRendering {
public:
    explicit CtVolumeRendering(vtkRenderer *renderer);
    ~CtVolumeRendering();
    CtVolumeRendering(const CtVolumeRendering &) = delete;
    CtVolumeRendering &operator=(const CtVolumeRendering &) = delete;

    void setImage(vtkImageData *ctHu);
    void setPreset(VolumePreset preset);
    VolumePreset preset() const { return preset_; }
    void setClippingPlanes(vtkPlaneCollection *planes);
    vtkVolume *volume() const;
    static QString name(VolumePreset preset);

private:
    vtkRenderer *renderer_;
    vtkNew<vtkSmartVolumeMapper> mapper_;
    vtkNew<vtkVolume> volume_;
    VolumePreset preset_ = VolumePreset::Off;
    bool hasImage_ = false;
};

}  // namespace twin::visualization
