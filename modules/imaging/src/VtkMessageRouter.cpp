#include "twin/imaging/VtkMessageRouter.h"

#include "twin/imaging/VtkQtOutputWindow.h"

#include <vtkNew.h>

namespace twin::imaging {

void VtkMessageRouter::install() {
    if (VtkQtOutputWindow::SafeDownCast(vtkOutputWindow::GetInstance())) return;
    vtkNew<VtkQtOutputWindow> window;
    vtkOutputWindow::SetInstance(window);
}

}  // namespace twin::imaging
