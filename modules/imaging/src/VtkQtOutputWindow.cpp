#include "twin/imaging/VtkQtOutputWindow.h"

#include <QLoggingCategory>
#include <QString>

#include <vtkObjectFactory.h>

Q_LOGGING_CATEGORY(lcVtk, "didymos.vtk")

namespace twin::imaging {

vtkStandardNewMacro(VtkQtOutputWindow);

namespace {
QString trimmed(const char *text) { return QString::fromUtf8(text ? text : "").trimmed(); }
}  // namespace

void VtkQtOutputWindow::DisplayText(const char *text) { qCDebug(lcVtk).noquote() << trimmed(text); }
void VtkQtOutputWindow::DisplayErrorText(const char *text) { qCWarning(lcVtk).noquote() << "VTK error:" << trimmed(text); }
void VtkQtOutputWindow::DisplayWarningText(const char *text) { qCWarning(lcVtk).noquote() << "VTK warning:" << trimmed(text); }
void VtkQtOutputWindow::DisplayGenericWarningText(const char *text) {
    qCWarning(lcVtk).noquote() << "VTK warning:" << trimmed(text);
}
void VtkQtOutputWindow::DisplayDebugText(const char *text) { qCDebug(lcVtk).noquote() << trimmed(text); }

}  // namespace twin::imaging
