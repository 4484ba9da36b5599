#include "twin/visualization/GuardedTrackballCameraStyle.h"

#include <vtkObjectFactory.h>
#include <vtkRenderWindowInteractor.h>

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

void GuardedTrackballCameraStyle::OnChar() {
    if (Interactor && isAllowedKey(Interactor->GetKeyCode())) Superclass::OnChar();
}

}  // namespace twin::visualization
