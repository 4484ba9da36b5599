#include "twin/visualization/SliceInteractorStyle.h"

#include "twin/visualization/SliceViewScene.h"

#include <vtkObjectFactory.h>
#include <vtkRenderWindowInteractor.h>

#include <string>

namespace twin::visualization {

vtkStandardNewMacro(SliceInteractorStyle);

void SliceInteractorStyle::scroll(int steps) {
    if (!scene_ || !Interactor) return;
    scene_->scrollSlices(steps);
    Interactor->Render();
}

void SliceInteractorStyle::OnMouseWheelForward() {
    if (Interactor && Interactor->GetControlKey()) {
        Superclass::OnMouseWheelForward();
        return;
    }
    scroll(1);
}

void SliceInteractorStyle::OnMouseWheelBackward() {
    if (Interactor && Interactor->GetControlKey()) {
        Superclass::OnMouseWheelBackward();
        return;
    }
    scroll(-1);
}

void SliceInteractorStyle::OnKeyPress() {
    if (!Interactor) return;
    const std::string key = Interactor->GetKeySym() ? Interactor->GetKeySym() : "";
    if (key == "Up") scroll(1);
    else if (key == "Down") scroll(-1);
    else if (key == "Prior") scroll(10);
    else if (key == "Next") scroll(-10);
}

void SliceInteractorStyle::OnChar() {
    if (!Interactor) return;
    const char key = Interactor->GetKeyCode();
    if ((key == 'r' || key == 'R') && scene_) {
        scene_->resetView();
        scene_->setWindowLevel(kSoftTissueWindow);
        Interactor->Render();
    }
    // Every other VTK shortcut is swallowed (see GuardedTrackballCameraStyle for why).
}

}  // namespace twin::visualization
