#pragma once
// Trackball camera for 3D views (left: rotate, middle or shift+left: pan, right or wheel:
// zoom) with VTK's keyboard shortcuts narrowed to the safe ones: r (reset camera),
// w / s (wireframe / surface), p (pick). VTK's others quit the application ('e', 'q'),
// switch to stereo ('3') or start an animation loop ('f'): never wanted in a clinical view.
// A left click without dragging picks what is under the mouse (as 'p' does), so an organ is
// selected by clicking it.

#include <vtkInteractorStyleTrackballCamera.h>

namespace twin::visualization {

class GuardedTrackballCameraStyle : public vtkInteractorStyleTrackballCamera {
public:
    static GuardedTrackballCameraStyle *New();
    vtkTypeMacro(GuardedTrackballCameraStyle, vtkInteractorStyleTrackballCamera)

    void OnChar() override;
    void OnLeftButtonDown() override;
    void OnLeftButtonUp() override;

    /// True for the key characters this style lets through to VTK.
    static bool isAllowedKey(char key);

protected:
    GuardedTrackballCameraStyle() = default;
    ~GuardedTrackballCameraStyle() override = default;

private:
    int pressedAt_[2] = {0, 0};
};

}  // namespace twin::visualization
