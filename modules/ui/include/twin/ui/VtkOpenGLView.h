#pragma once
// The Qt 6 <-> VTK bridge: a QOpenGLWidget that renders a vtkGenericOpenGLRenderWindow into
// its own framebuffer. (Debian's VTK Qt module is built for Qt 5, and mixing Qt 5 and 6 in
// one process breaks, so we host VTK ourselves.)
//
// - VTK renders only inside paintGL, when Qt asks: interaction and scene changes call
//   update(), which coalesces into one frame per vsync; there is no render loop.
// - Mouse, wheel and keyboard go to a vtkGenericRenderWindowInteractor, scaled to device
//   pixels (HiDPI) with VTK's y axis flipped.
// - Picking is a software ray cast (vtkCellPicker) so it works outside paintGL.
// Several views live side by side in one window; each has its own context and render window.

#include <QOpenGLWidget>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkCellPicker;
class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkInteractorObserver;
class vtkObject;
class vtkProp;
class vtkRenderer;

namespace twin::ui {

class VtkOpenGLView : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkOpenGLView(QWidget *parent = nullptr);
    ~VtkOpenGLView() override;

    /// Makes the OpenGL 3.2 core profile VTK needs the application default. Call before the
    /// QApplication is created (Mesa llvmpipe provides it under Xvfb).
    static void installDefaultSurfaceFormat();

    vtkGenericOpenGLRenderWindow *renderWindow() const;
    vtkRenderer *renderer() const;
    vtkGenericRenderWindowInteractor *interactor() const;
    void setInteractorStyle(vtkInteractorObserver *style);

    /// The prop under `position` (widget coordinates), or nullptr.
    vtkProp *pickPropAt(const QPoint &position);
    /// Frames rendered so far (tests check there is no busy loop).
    int frameCount() const { return frameCount_; }

    /// Schedules one repaint; the same as update(), named for intent.
    void requestRender() { update(); }

signals:
    /// After each frame VTK drew (used by latency measurements and tests).
    void frameRendered();
    /// A prop was picked with the interactor's 'p' key or pickPropAt().
    void propPicked(vtkProp *prop);

protected:
    void initializeGL() override;
    void paintGL() override;
    void resizeGL(int width, int height) override;

    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void onMakeCurrent(vtkObject *, unsigned long, void *);
    void onIsCurrent(vtkObject *, unsigned long, void *callData);
    void onRenderRequested(vtkObject *, unsigned long, void *);
    void onEndPick(vtkObject *, unsigned long, void *);
    void syncSize();
    void setEventPosition(const QPointF &position, Qt::KeyboardModifiers modifiers, int repeat = 0);
    void forwardKey(QKeyEvent *event, bool press);

    vtkNew<vtkGenericOpenGLRenderWindow> renderWindow_;
    vtkNew<vtkRenderer> renderer_;
    vtkNew<vtkGenericRenderWindowInteractor> interactor_;
    vtkNew<vtkCellPicker> picker_;
    int frameCount_ = 0;
    double wheelRemainder_ = 0.0;
};

}  // namespace twin::ui

Q_DECLARE_OPAQUE_POINTER(vtkProp *)
Q_DECLARE_METATYPE(vtkProp *)
