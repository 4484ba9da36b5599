#include "twin/visualization/GuardedTrackballCameraStyle.h"

#include <vtkObjectFactory.h>
#include <vtkAbstractPicker.h>
#include <vtkRenderWindowInteractor.h>

#include <cstdlib>

namespace twin::visualization {

vtkStandardNewMacro(GuardedTrackballCameraStyle);

bool GuardedTrackballCameraStyle::isAllowedKey(char key) {
    switch (key) {
    case 'r': case 'R': case 'w': case 'W': case 's': case 'S': case 'p': case 'P':
        return true;
    default:
        return false;
    }
}

void GuardedTrackballCameraStyle::OnLeftButtonDown() {
    if (Interactor) {
        pressedAt_[0] = Interactor->GetEventPosition()[0];
        pressedAt_[1] = Interactor->GetEventPosition()[1];
    }
    Superclass::OnLeftButtonDown();
}

void GuardedTrackballCameraStyle::OnLeftButtonUp() {
    Superclass::OnLeftButtonUp();
    if (!Interactor || !Interactor->GetPicker()) return;
    const int *at = Interactor->GetEventPosition();
    if (std::abs(at[0] - pressedAt_[0]) > 3 || std::abs(at[1] - pressedAt_[1]) > 3) return;  // a rotation, not a click
    FindPokedRenderer(at[0], at[1]);
    if (CurrentRenderer) Interactor->GetPicker()->Pick(at[0], at[1], 0.0, CurrentRenderer);
}

void GuardedTrackballCameraStyle::OnChar() {
    if (Interactor && isAllowedKey(Interactor->GetKeyCode())) Superclass::OnChar();
}

}  // namespace twin::visualization
