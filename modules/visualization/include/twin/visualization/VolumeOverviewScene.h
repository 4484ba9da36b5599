#pragma once
// The 3D view of a patient: three orthogonal CT planes through the volume centre, the volume
// outline, and surfaces (bone, organs) added as they are computed. Perspective camera from
// the patient's front-left, superior up.

#include "twin/visualization/CtVolumeRendering.h"
#include "twin/visualization/WindowLevel.h"

#include <QString>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

#include <array>
#include <memory>
#include <vector>

class vtkActor;
class vtkImageData;
class vtkImageSlice;
class vtkPolyData;
class vtkPlaneCollection;
class vtkRenderer;
class vtkScalarsToColors;

namespace twin::visualization {

class VolumeOverviewScene {
public:
    explicit VolumeOverviewScene(vtkRenderer *renderer);
    ~VolumeOverviewScene();
    VolumeOverviewScene(const VolumeOverviewScene &) = delete;
    VolumeOverviewScene &operator=(const VolumeOverviewScene &) = delete;

    void setImage(vtkImageData *image, WindowLevel windowLevel = kSoftTissueWindow);
    /// Adds a surface with an RGB colour in [0, 1]; returns its actor (for picking).
    vtkActor *addSurface(vtkPolyData *surface, std::array<double, 3> rgb, double opacity, const QString &name);
    /// The surface of segment `key`: replaces the one shown for that key (a re-meshed organ),
    /// or adds it; nullptr removes it. Returns the actor (nullptr when removed).
    vtkActor *setKeyedSurface(int key, vtkPolyData *surface, std::array<double, 3> rgb, double opacity, const QString &name);
    void setKeyedSurfaceVisible(int key, bool visible);
    /// Isodose surfaces coloured by their "Level" through `colours`, see-through; nullptr removes them.
    void setIsodoseSurfaces(vtkPolyData *surfaces, vtkScalarsToColors *colours);
    vtkActor *isodoseActor() const;
    /// The actor of segment `key`, nullptr when none.
    vtkActor *keyedSurface(int key) const;
    /// Segment key of `actor` (picking), -1 when it is not a keyed surface.
    int keyOf(const vtkActor *actor) const;
    /// Name of the surface `actor` shows, empty when it is not one of ours.
    QString surfaceName(const vtkActor *actor) const;
    void resetView();
    /// Shows or hides the three CT planes (hidden once organ surfaces fill the view).
    void setPlanesVisible(bool visible);
    bool planesVisible() const;
    /// Direct volume rendering of the CT with a preset (Off by default).
    void setVolumePreset(VolumePreset preset);
    VolumePreset volumePreset() const;
    CtVolumeRendering &volumeRendering() { return *volumeRendering_; }
    /// Clips the surfaces, isodoses and the volume rendering (the clip box); nullptr unclips.
    void setClippingPlanes(vtkPlaneCollection *planes);
    int surfaceCount() const { return static_cast<int>(surfaces_.size()); }
    /// Removes every surface (a new patient or series replaces the scene).
    void clearSurfaces();

private:
    struct Surface {
        vtkSmartPointer<vtkActor> actor;
        QString name;
        int key = -1;
    };

    vtkRenderer *renderer_;
    vtkSmartPointer<vtkImageData> image_;
    std::vector<vtkSmartPointer<vtkImageSlice>> planes_;
    vtkSmartPointer<vtkActor> outline_;
    std::vector<Surface> surfaces_;
    vtkSmartPointer<vtkActor> isodose_;
    std::unique_ptr<CtVolumeRendering> volumeRendering_;
    vtkSmartPointer<vtkPlaneCollection> clipping_;
};

}  // namespace twin::visualization
