#pragma once
// Interaction in a 2D slice view, as clinicians expect from PACS viewers:
// wheel or Up/Down/PageUp/PageDown scrolls slices, Ctrl+wheel zooms, left drag adjusts
// window/level, middle drag pans, right drag zooms, 'r' resets the view.

#include <vtkInteractorStyleImage.h>

namespace twin::visualization {

class SliceViewScene;

class SliceInteractorStyle : public vtkInteractorStyleImage {
public:
    static SliceInteractorStyle *New();
    vtkTypeMacro(SliceInteractorStyle, vtkInteractorStyleImage)

    /// The scene this style scrolls; not owned, must outlive the style's use.
    void setScene(SliceViewScene *scene) { scene_ = scene; }

    void OnMouseWheelForward() override;
    void OnMouseWheelBackward() override;
    void OnKeyPress() override;
    void OnChar() override;

protected:
    SliceInteractorStyle() = default;
    ~SliceInteractorStyle() override = default;

private:
    void scroll(int steps);

    SliceViewScene *scene_ = nullptr;
};

}  // namespace twin::visualization
