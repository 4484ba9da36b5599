// The Qt 6 <-> VTK view as a user drives it: drag, wheel, keys, pick; renders only on demand;
// several views in one window; HiDPI (this binary also runs with QT_SCALE_FACTOR=2).

#include "ViewTestScene.h"
#include "RenderTestMain.h"
#include "twin/ui/VtkOpenGLView.h"

#include <QGridLayout>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QWheelEvent>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkRenderer.h>

#include <array>
#include <cmath>
#include <memory>

using namespace twin;

namespace {

std::array<double, 3> cameraPosition(vtkRenderer *renderer) {
    std::array<double, 3> p{};
    renderer->GetActiveCamera()->GetPosition(p.data());
    return p;
}

double distanceBetween(const std::array<double, 3> &a, const std::array<double, 3> &b) {
    return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

void sendMouse(QWidget *widget, QEvent::Type type, QPoint position, Qt::MouseButton button, Qt::MouseButtons buttons) {
    QMouseEvent event(type, QPointF(position), widget->mapToGlobal(QPointF(position)), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

void sendWheel(QWidget *widget, QPoint position, int delta) {
    QWheelEvent event(QPointF(position), widget->mapToGlobal(QPointF(position)), QPoint(), QPoint(0, delta), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

}  // namespace

class TestVtkOpenGLView : public test::StrictTestCase {
    Q_OBJECT
    std::unique_ptr<ui::VtkOpenGLView> view_;
    test::ViewTestScene scene_;

protected:
    void setUp() override {
        view_ = std::make_unique<ui::VtkOpenGLView>();
        view_->resize(400, 300);
        scene_ = test::buildViewTestScene(view_->renderer());
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
        QTRY_VERIFY(view_->frameCount() > 0);
    }
    void tearDown() override { view_.reset(); }

private slots:
    void renderWindowHasDevicePixelSize() {
        const qreal ratio = view_->devicePixelRatioF();
        if (qEnvironmentVariable("QT_SCALE_FACTOR") == QStringLiteral("2")) QCOMPARE(ratio, 2.0);
        const int *size = view_->renderWindow()->GetSize();
        QCOMPARE(size[0], qRound(view_->width() * ratio));
        QCOMPARE(size[1], qRound(view_->height() * ratio));
        view_->resize(300, 200);
        QTRY_COMPARE(view_->renderWindow()->GetSize()[0], qRound(300 * ratio));
        QCOMPARE(view_->renderWindow()->GetSize()[1], qRound(200 * ratio));
    }

    void leftDragRotatesCamera() {
        const auto before = cameraPosition(view_->renderer());
        const int framesBefore = view_->frameCount();
        const QPoint start(200, 150);
        sendMouse(view_.get(), QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
        for (int step = 1; step <= 10; ++step) {
            sendMouse(view_.get(), QEvent::MouseMove, start + QPoint(8 * step, 0), Qt::NoButton, Qt::LeftButton);
        }
        sendMouse(view_.get(), QEvent::MouseButtonRelease, start + QPoint(80, 0), Qt::LeftButton, Qt::NoButton);
        const auto after = cameraPosition(view_->renderer());
        QVERIFY2(distanceBetween(before, after) > 1.0, "the camera did not orbit");
        // Rotation about the focal point keeps the distance to it.
        double focal[3];
        view_->renderer()->GetActiveCamera()->GetFocalPoint(focal);
        QVERIFY(std::abs(view_->renderer()->GetActiveCamera()->GetDistance() - 9.0) < 1e-6);
        QTRY_VERIFY(view_->frameCount() > framesBefore);  // the drag was drawn
    }

    void wheelZoomsIn() {
        const double before = view_->renderer()->GetActiveCamera()->GetDistance();
        sendWheel(view_.get(), QPoint(200, 150), 120);
        const double after = view_->renderer()->GetActiveCamera()->GetDistance();
        QVERIFY2(after < before, qPrintable(QStringLiteral("distance %1 -> %2").arg(before).arg(after)));
        // Half a notch (a touchpad) accumulates instead of zooming at once.
        sendWheel(view_.get(), QPoint(200, 150), 60);
        QCOMPARE(view_->renderer()->GetActiveCamera()->GetDistance(), after);
        sendWheel(view_.get(), QPoint(200, 150), 60);
        QVERIFY(view_->renderer()->GetActiveCamera()->GetDistance() < after);
    }

    void keyRResetsCameraAndUnsafeKeysAreIgnored() {
        vtkCamera *camera = view_->renderer()->GetActiveCamera();
        camera->Azimuth(40.0);
        camera->Dolly(4.0);  // far too close: the scene overflows the view
        const auto moved = cameraPosition(view_->renderer());
        for (char key : {'e', 'q', '3', 'f', 'j', 'u'}) QTest::keyClick(view_.get(), key);
        QVERIFY(view_->isVisible());
        QCOMPARE(view_->renderWindow()->GetStereoRender(), 0);
        QCOMPARE(distanceBetween(moved, cameraPosition(view_->renderer())), 0.0);
        QVERIFY(camera->GetDistance() < 3.0);
        QTest::keyClick(view_.get(), 'r');  // VTK's reset: the whole scene back in view
        QVERIFY2(camera->GetDistance() > 5.0, qPrintable(QString::number(camera->GetDistance())));
    }

    void pickFindsTheActorUnderTheCursor() {
        // Project the sphere's centre to widget coordinates.
        vtkRenderer *renderer = view_->renderer();
        renderer->SetWorldPoint(-1.2, 0.0, 0.0, 1.0);
        renderer->WorldToDisplay();
        double display[3];
        renderer->GetDisplayPoint(display);
        const qreal ratio = view_->devicePixelRatioF();
        const QPoint spherePoint(qRound(display[0] / ratio), qRound(view_->height() - 1 - display[1] / ratio));
        QSignalSpy picked(view_.get(), &ui::VtkOpenGLView::propPicked);
        QCOMPARE(view_->pickPropAt(spherePoint), static_cast<vtkProp *>(scene_.sphere.GetPointer()));
        QCOMPARE(view_->pickPropAt(QPoint(5, 5)), static_cast<vtkProp *>(nullptr));
        QVERIFY(picked.count() >= 1);
    }

    void rendersOnlyOnDemand() {
        QTest::qWait(200);  // let any start-up frames finish
        const int settled = view_->frameCount();
        QTest::qWait(400);
        QCOMPARE(view_->frameCount(), settled);  // idle: no render loop
        view_->requestRender();
        view_->requestRender();
        view_->requestRender();
        QTRY_VERIFY(view_->frameCount() > settled);
        QTest::qWait(100);
        QCOMPARE(view_->frameCount(), settled + 1);  // three requests, one frame
    }

    void severalViewsInOneWindow() {
        QWidget window;
        auto *grid = new QGridLayout(&window);  // owned by window
        std::array<ui::VtkOpenGLView *, 4> views{};
        const std::array<QColor, 4> colours{QColor(200, 30, 30), QColor(30, 200, 30), QColor(30, 30, 200), QColor(200, 200, 30)};
        for (int i = 0; i < 4; ++i) {
            views[i] = new ui::VtkOpenGLView(&window);  // owned by window
            views[i]->renderer()->SetBackground(colours[i].redF(), colours[i].greenF(), colours[i].blueF());
            grid->addWidget(views[i], i / 2, i % 2);
        }
        window.resize(400, 300);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (int i = 0; i < 4; ++i) {
            QTRY_VERIFY(views[i]->frameCount() > 0);
            const QImage image = views[i]->grabFramebuffer();
            const QColor centre = image.pixelColor(image.width() / 2, image.height() / 2);
            QVERIFY2(std::abs(centre.red() - colours[i].red()) <= 2 && std::abs(centre.green() - colours[i].green()) <= 2 &&
                         std::abs(centre.blue() - colours[i].blue()) <= 2,
                     qPrintable(QStringLiteral("view %1 shows %2").arg(i).arg(centre.name())));
        }
    }
};

DIDYMOS_VTK_TEST_MAIN(TestVtkOpenGLView)
#include "TestVtkOpenGLView.moc"
