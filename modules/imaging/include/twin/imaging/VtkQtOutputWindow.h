#pragma once
// A vtkOutputWindow that hands VTK's messages to Qt's logging under the category
// "didymos.vtk": VTK errors and warnings become qWarning (so test mains fail on them and the
// app's log shows them), VTK text and debug output becomes qDebug.

#include <vtkOutputWindow.h>

namespace twin::imaging {

class VtkQtOutputWindow : public vtkOutputWindow {
public:
    static VtkQtOutputWindow *New();
    vtkTypeMacro(VtkQtOutputWindow, vtkOutputWindow)

    void DisplayText(const char *text) override;
    void DisplayErrorText(const char *text) override;
    void DisplayWarningText(const char *text) override;
    void DisplayGenericWarningText(const char *text) override;
    void DisplayDebugText(const char *text) override;

protected:
    VtkQtOutputWindow() = default;
    ~VtkQtOutputWindow() override = default;
};

}  // namespace twin::imaging
