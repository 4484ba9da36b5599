#include "twin/ui/VtkOpenGLView.h"

#include "twin/visualization/GuardedTrackballCameraStyle.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QSurfaceFormat>
#include <QWheelEvent>

#include <vtkCellPicker.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkRenderer.h>

#include <cmath>

namespace twin::ui {

namespace {

// VTK's names for the non-character keys its interactor styles look at.
const char *keySymFor(int key) {
    switch (key) {
    case Qt::Key_Left: return "Left";
    case Qt::Key_Right: return "Right";
    case Qt::Key_Up: return "Up";
    case Qt::Key_Down: return "Down";
    case Qt::Key_PageUp: return "Prior";
    case Qt::Key_PageDown: return "Next";
    case Qt::Key_Home: return "Home";
    case Qt::Key_End: return "End";
    case Qt::Key_Escape: return "Escape";
    case Qt::Key_Return: return "Return";
    case Qt::Key_Shift: return "Shift_L";
    case Qt::Key_Control: return "Control_L";
    case Qt::Key_Alt: return "Alt_L";
    case Qt::Key_Space: return "space";
    default: return nullptr;
    }
}

}  // namespace

void VtkOpenGLView::installDefaultSurfaceFormat() {
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    QSurfaceFormat::setDefaultFormat(format);
}

VtkOpenGLView::VtkOpenGLView(QWidget *parent) : QOpenGLWidget(parent) {
    qRegisterMetaType<vtkProp *>();
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(64, 64);

    renderWindow_->SetOwnContext(false);
    renderWindow_->SetFrameBlitModeToBlitToCurrent();
    renderWindow_->SetReadyForRendering(false);  // only inside paintGL
    renderWindow_->SetMultiSamples(0);           // Qt owns the framebuffer format
    renderWindow_->AddRenderer(renderer_);
    renderWindow_->AddObserver(vtkCommand::WindowMakeCurrentEvent, this, &VtkOpenGLView::onMakeCurrent);
    renderWindow_->AddObserver(vtkCommand::WindowIsCurrentEvent, this, &VtkOpenGLView::onIsCurrent);

    interactor_->SetRenderWindow(renderWindow_);
    interactor_->SetEnableRender(false);  // VTK asks, Qt schedules
    interactor_->AddObserver(vtkCommand::RenderEvent, this, &VtkOpenGLView::onRenderRequested);
    interactor_->SetPicker(picker_);
    picker_->SetTolerance(0.002);
    picker_->AddObserver(vtkCommand::EndPickEvent, this, &VtkOpenGLView::onEndPick);
    vtkNew<visualization::GuardedTrackballCameraStyle> style;
    interactor_->SetInteractorStyle(style);
    interactor_->Initialize();
    renderer_->SetBackground(0.08, 0.09, 0.11);
    renderer_->SetBackgroundAlpha(1.0);  // opaque: Qt composes the framebuffer with alpha
}

VtkOpenGLView::~VtkOpenGLView() {
    makeCurrent();
    renderWindow_->Finalize();
    renderWindow_->RemoveAllObservers();
    interactor_->RemoveAllObservers();
    doneCurrent();
}

vtkGenericOpenGLRenderWindow *VtkOpenGLView::renderWindow() const { return renderWindow_; }
vtkRenderer *VtkOpenGLView::renderer() const { return renderer_; }
vtkGenericRenderWindowInteractor *VtkOpenGLView::interactor() const { return interactor_; }

void VtkOpenGLView::setInteractorStyle(vtkInteractorObserver *style) { interactor_->SetInteractorStyle(style); }

void VtkOpenGLView::initializeGL() {
    renderWindow_->SetReadyForRendering(true);
    renderWindow_->InitializeFromCurrentContext();
    renderWindow_->SetReadyForRendering(false);
    syncSize();
}

void VtkOpenGLView::resizeGL(int, int) {
    syncSize();
}

void VtkOpenGLView::syncSize() {
    const qreal ratio = devicePixelRatioF();
    const int w = std::max(1, static_cast<int>(std::lround(width() * ratio)));
    const int h = std::max(1, static_cast<int>(std::lround(height() * ratio)));
    renderWindow_->SetDPI(static_cast<int>(std::lround(72 * ratio)));
    interactor_->UpdateSize(w, h);  // also sizes the render window
}

void VtkOpenGLView::paintGL() {
    syncSize();
    renderWindow_->SetReadyForRendering(true);
    renderWindow_->Render();
    renderWindow_->SetReadyForRendering(false);
    ++frameCount_;
    emit frameRendered();
}

void VtkOpenGLView::onMakeCurrent(vtkObject *, unsigned long, void *) {
    if (QOpenGLContext::currentContext() != context()) makeCurrent();
}

void VtkOpenGLView::onIsCurrent(vtkObject *, unsigned long, void *callData) {
    *static_cast<bool *>(callData) = context() && QOpenGLContext::currentContext() == context();
}

void VtkOpenGLView::onRenderRequested(vtkObject *, unsigned long, void *) { update(); }

void VtkOpenGLView::onEndPick(vtkObject *, unsigned long, void *) {
    if (vtkProp *prop = picker_->GetViewProp()) emit propPicked(prop);
}

vtkProp *VtkOpenGLView::pickPropAt(const QPoint &position) {
    syncSize();
    const qreal ratio = devicePixelRatioF();
    const double x = position.x() * ratio;
    const double y = (height() - 1 - position.y()) * ratio;
    if (!picker_->Pick(x, y, 0.0, renderer_)) return nullptr;
    return picker_->GetViewProp();
}

void VtkOpenGLView::setEventPosition(const QPointF &position, Qt::KeyboardModifiers modifiers, int repeat) {
    const qreal ratio = devicePixelRatioF();
    interactor_->SetEventInformationFlipY(static_cast<int>(std::lround(position.x() * ratio)),
                                          static_cast<int>(std::lround(position.y() * ratio)),
                                          (modifiers & Qt::ControlModifier) ? 1 : 0,
                                          (modifiers & Qt::ShiftModifier) ? 1 : 0, 0, repeat);
    interactor_->SetAltKey((modifiers & Qt::AltModifier) ? 1 : 0);
}

void VtkOpenGLView::mousePressEvent(QMouseEvent *event) {
    setEventPosition(event->position(), event->modifiers());
    switch (event->button()) {
    case Qt::LeftButton: interactor_->InvokeEvent(vtkCommand::LeftButtonPressEvent); break;
    case Qt::MiddleButton: interactor_->InvokeEvent(vtkCommand::MiddleButtonPressEvent); break;
    case Qt::RightButton: interactor_->InvokeEvent(vtkCommand::RightButtonPressEvent); break;
    default: QOpenGLWidget::mousePressEvent(event); return;
    }
    event->accept();
}

void VtkOpenGLView::mouseDoubleClickEvent(QMouseEvent *event) {
    setEventPosition(event->position(), event->modifiers(), 1);
    if (event->button() == Qt::LeftButton) interactor_->InvokeEvent(vtkCommand::LeftButtonPressEvent);
    event->accept();
}

void VtkOpenGLView::mouseReleaseEvent(QMouseEvent *event) {
    setEventPosition(event->position(), event->modifiers());
    switch (event->button()) {
    case Qt::LeftButton: interactor_->InvokeEvent(vtkCommand::LeftButtonReleaseEvent); break;
    case Qt::MiddleButton: interactor_->InvokeEvent(vtkCommand::MiddleButtonReleaseEvent); break;
    case Qt::RightButton: interactor_->InvokeEvent(vtkCommand::RightButtonReleaseEvent); break;
    default: QOpenGLWidget::mouseReleaseEvent(event); return;
    }
    event->accept();
}

void VtkOpenGLView::mouseMoveEvent(QMouseEvent *event) {
    setEventPosition(event->position(), event->modifiers());
    interactor_->InvokeEvent(vtkCommand::MouseMoveEvent);
    event->accept();
}

void VtkOpenGLView::wheelEvent(QWheelEvent *event) {
    setEventPosition(event->position(), event->modifiers());
    // One VTK wheel event per 120 eighths of a degree (one notch); touchpads send fractions.
    wheelRemainder_ += event->angleDelta().y();
    while (std::abs(wheelRemainder_) >= 120.0) {
        const bool forward = wheelRemainder_ > 0;
        interactor_->InvokeEvent(forward ? vtkCommand::MouseWheelForwardEvent : vtkCommand::MouseWheelBackwardEvent);
        wheelRemainder_ += forward ? -120.0 : 120.0;
    }
    event->accept();
}

void VtkOpenGLView::forwardKey(QKeyEvent *event, bool press) {
    const QByteArray text = event->text().toLatin1();
    const char keyCode = text.size() == 1 ? text.at(0) : '\0';
    const char *symbol = keySymFor(event->key());
    const QByteArray symbolStorage = symbol ? QByteArray(symbol) : text;
    interactor_->SetKeyEventInformation((event->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                        (event->modifiers() & Qt::ShiftModifier) ? 1 : 0, keyCode,
                                        event->isAutoRepeat() ? 1 : 0, symbolStorage.constData());
    interactor_->SetAltKey((event->modifiers() & Qt::AltModifier) ? 1 : 0);
    if (press) {
        interactor_->InvokeEvent(vtkCommand::KeyPressEvent);
        if (keyCode != '\0') interactor_->InvokeEvent(vtkCommand::CharEvent);
    } else {
        interactor_->InvokeEvent(vtkCommand::KeyReleaseEvent);
    }
}

void VtkOpenGLView::keyPressEvent(QKeyEvent *event) {
    forwardKey(event, true);
    event->accept();
}

void VtkOpenGLView::keyReleaseEvent(QKeyEvent *event) {
    forwardKey(event, false);
    event->accept();
}

void VtkOpenGLView::enterEvent(QEnterEvent *event) {
    setEventPosition(event->position(), event->modifiers());
    interactor_->InvokeEvent(vtkCommand::EnterEvent);
    QOpenGLWidget::enterEvent(event);
}

void VtkOpenGLView::leaveEvent(QEvent *event) {
    interactor_->InvokeEvent(vtkCommand::LeaveEvent);
    QOpenGLWidget::leaveEvent(event);
}

}  // namespace twin::ui
