#include "twin/visualization/VtkMessageRouter.h"

#include "twin/visualization/VtkQtOutputWindow.h"

#include <vtkNew.h>

namespace twin::visualization {

void VtkMessageRouter::install() {
    if (VtkQtOutputWindow::SafeDownCast(vtkOutputWindow::GetInstance())) return;
    vtkNew<VtkQtOutputWindow> window;
    vtkOutputWindow::SetInstance(window);
}

}  // namespace twin::visualization
