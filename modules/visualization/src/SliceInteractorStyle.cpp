#include "twin/visualization/SliceInteractorStyle.h"

#include "twin/visualization/SliceViewScene.h"

#include <vtkObjectFactory.h>
#include <vtkRenderWindowInteractor.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

namespace twin::visualization {

vtkStandardNewMacro(SliceInteractorStyle);

namespace {
constexpr int kClickTolerancePx = 3;  // a press and release closer than this is a click
}

void SliceInteractorStyle::scroll(int steps) {
    if (!scene_ || !Interactor) return;
    scene_->scrollSlices(steps);
    Interactor->Render();
}

void SliceInteractorStyle::applyWindowLevel(visualization::WindowLevel windowLevel) {
    if (windowLevelHandler_) windowLevelHandler_(windowLevel);
    else if (scene_) scene_->setWindowLevel(windowLevel);
}

void SliceInteractorStyle::setCursorAt(int x, int y) {
    if (!scene_) return;
    const std::optional<std::array<double, 3>> point = scene_->pointAtDisplay(x, y);
    if (!point) return;
    if (cursorHandler_) cursorHandler_(*point);
    else scene_->setCursor(*point);
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
    if (!Interactor || !scene_) return;
    const char key = Interactor->GetKeyCode();
    if (key == 'r' || key == 'R') {
        scene_->resetView();
        applyWindowLevel(kSoftTissueWindow);
        Interactor->Render();
    } else if (const std::optional<visualization::WindowLevel> preset = windowLevelPreset(key);
               preset && !Interactor->GetControlKey() && !Interactor->GetAltKey()) {
        applyWindowLevel(*preset);
        Interactor->Render();
    }
    // Every other VTK shortcut is swallowed (see GuardedTrackballCameraStyle for why).
}

void SliceInteractorStyle::startWindowLevelDrag(Drag drag) {
    drag_ = drag;
    dragMoved_ = false;
    dragStart_[0] = Interactor->GetEventPosition()[0];
    dragStart_[1] = Interactor->GetEventPosition()[1];
    dragStartWindow_ = scene_ ? scene_->windowLevel() : kSoftTissueWindow;
}

void SliceInteractorStyle::dragWindowLevel(int x, int y) {
    const int dx = x - dragStart_[0];
    const int dy = y - dragStart_[1];
    if (!dragMoved_ && std::abs(dx) < kClickTolerancePx && std::abs(dy) < kClickTolerancePx) return;
    dragMoved_ = true;
    const int *size = Interactor->GetSize();
    const double width = std::max(1, size[0]);
    const double height = std::max(1, size[1]);
    // A drag across the whole view changes the window by twice its starting width (at least
    // 100 HU, so narrow windows still open up), and the centre by the same amount.
    const double scale = std::max(dragStartWindow_.width, 100.0) * 2.0;
    visualization::WindowLevel next{std::max(1.0, dragStartWindow_.width + dx / width * scale),
                     dragStartWindow_.centre + dy / height * scale};
    next.width = std::round(next.width);
    next.centre = std::round(next.centre);
    applyWindowLevel(next);
}

void SliceInteractorStyle::OnLeftButtonDown() {
    if (!Interactor || !scene_ || Interactor->GetShiftKey() || Interactor->GetControlKey()) {
        Superclass::OnLeftButtonDown();  // Shift: pan, Ctrl: spin (vtkInteractorStyleImage)
        return;
    }
    if (paintHandler_) {
        drag_ = Drag::Paint;
        paintAt(Interactor->GetEventPosition()[0], Interactor->GetEventPosition()[1], StrokePhase::Begin);
        return;
    }
    startWindowLevelDrag(Drag::LeftWindowLevel);
}

void SliceInteractorStyle::paintAt(int x, int y, StrokePhase phase) {
    if (!paintHandler_) return;
    const auto point = scene_ ? scene_->pointAtDisplay(x, y) : std::nullopt;
    if (point) lastPaintPoint_ = *point;
    if (point || phase == StrokePhase::End) paintHandler_(lastPaintPoint_, phase);  // a stroke always ends
}

void SliceInteractorStyle::OnLeftButtonUp() {
    if (drag_ == Drag::Paint) {
        drag_ = Drag::None;
        if (Interactor) paintAt(Interactor->GetEventPosition()[0], Interactor->GetEventPosition()[1], StrokePhase::End);
        return;
    }
    if (drag_ != Drag::LeftWindowLevel) {
        Superclass::OnLeftButtonUp();
        return;
    }
    drag_ = Drag::None;
    if (!dragMoved_ && Interactor) {
        const int *position = Interactor->GetEventPosition();
        setCursorAt(position[0], position[1]);
        Interactor->Render();
    }
}

void SliceInteractorStyle::OnRightButtonDown() {
    if (!Interactor || !scene_) {
        Superclass::OnRightButtonDown();
        return;
    }
    startWindowLevelDrag(Drag::RightWindowLevel);
}

void SliceInteractorStyle::OnRightButtonUp() {
    if (drag_ != Drag::RightWindowLevel) {
        Superclass::OnRightButtonUp();
        return;
    }
    drag_ = Drag::None;
}

void SliceInteractorStyle::OnMouseMove() {
    if (!Interactor || !scene_) {
        Superclass::OnMouseMove();
        return;
    }
    const int x = Interactor->GetEventPosition()[0];
    const int y = Interactor->GetEventPosition()[1];
    scene_->showProbeAtDisplay(x, y);
    if (drag_ == Drag::Paint) {
        paintAt(x, y, StrokePhase::Move);
    } else if (drag_ != Drag::None) {
        dragWindowLevel(x, y);
    } else if (State != VTKIS_NONE) {
        Superclass::OnMouseMove();  // pan, zoom, spin: renders once itself
        return;
    } else if (Interactor->GetShiftKey()) {
        setCursorAt(x, y);
    }
    Interactor->Render();
}

void SliceInteractorStyle::OnLeave() {
    if (scene_ && Interactor) {
        scene_->clearProbe();
        Interactor->Render();
    }
    Superclass::OnLeave();
}

}  // namespace twin::visualization
