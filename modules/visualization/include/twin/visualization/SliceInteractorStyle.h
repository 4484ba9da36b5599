#pragma once
// Interaction in a 2D slice view, as clinicians expect from PACS viewers:
// wheel or Up/Down/PageUp/PageDown scrolls slices, Ctrl+wheel zooms, left or right drag
// adjusts window/level (right: width, up: centre), middle drag (or Shift+left drag) pans,
// a left click (press and release without dragging) or moving with Shift held sets the 3D
// cursor, number keys 1–4 select the window presets (soft tissue, lung, bone, brain), 'r'
// resets the view and the window. Moving the mouse shows the position and value under it.
//
// Window/level and the cursor go through handlers so the application can link views; without
// a handler they apply to this style's scene only. One event asks for one render at most.

#include "twin/visualization/WindowLevel.h"

#include <vtkInteractorStyleImage.h>

#include <array>
#include <functional>

namespace twin::visualization {

class SliceViewScene;

class SliceInteractorStyle : public vtkInteractorStyleImage {
public:
    using WindowLevelHandler = std::function<void(visualization::WindowLevel)>;
    using CursorHandler = std::function<void(const std::array<double, 3> &)>;
    enum class StrokePhase { Begin, Move, End };
    /// Paint mode: while set, a left drag is a brush stroke (Begin at the press, Move for
    /// each mouse move, End at the release) instead of window/level; the point is on the
    /// current slice (LPS mm). An empty handler returns to the normal left button.
    using PaintHandler = std::function<void(const std::array<double, 3> &, StrokePhase)>;

    static SliceInteractorStyle *New();
    vtkTypeMacro(SliceInteractorStyle, vtkInteractorStyleImage)

    /// The scene this style scrolls; not owned, must outlive the style's use.
    void setScene(SliceViewScene *scene) { scene_ = scene; }
    /// Called with each new window (drag, preset key, reset) instead of setting the scene's.
    void setWindowLevelHandler(WindowLevelHandler handler) { windowLevelHandler_ = std::move(handler); }
    /// Called with each new cursor point (LPS mm) instead of setting the scene's.
    void setCursorHandler(CursorHandler handler) { cursorHandler_ = std::move(handler); }
    void setPaintHandler(PaintHandler handler) { paintHandler_ = std::move(handler); }
    bool isPainting() const { return static_cast<bool>(paintHandler_); }

    void OnMouseWheelForward() override;
    void OnMouseWheelBackward() override;
    void OnKeyPress() override;
    void OnChar() override;
    void OnLeftButtonDown() override;
    void OnLeftButtonUp() override;
    void OnRightButtonDown() override;
    void OnRightButtonUp() override;
    void OnMouseMove() override;
    void OnLeave() override;

protected:
    SliceInteractorStyle() = default;
    ~SliceInteractorStyle() override = default;

private:
    enum class Drag { None, LeftWindowLevel, RightWindowLevel, Paint };

    void scroll(int steps);
    void applyWindowLevel(visualization::WindowLevel windowLevel);
    void setCursorAt(int x, int y);
    void startWindowLevelDrag(Drag drag);
    void dragWindowLevel(int x, int y);

    SliceViewScene *scene_ = nullptr;
    WindowLevelHandler windowLevelHandler_;
    CursorHandler cursorHandler_;
    PaintHandler paintHandler_;
    std::array<double, 3> lastPaintPoint_{0, 0, 0};
    void paintAt(int x, int y, StrokePhase phase);
    Drag drag_ = Drag::None;
    int dragStart_[2] = {0, 0};
    bool dragMoved_ = false;
    visualization::WindowLevel dragStartWindow_ = kSoftTissueWindow;
};

}  // namespace twin::visualization
