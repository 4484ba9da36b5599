// Slice views: radiological camera frames, reset to the volume centre, slice scrolling by
// voxel spacing with clamping, the slice style's wheel/key bindings, window presets on number
// keys and window/level by left or right drag, the 3D cursor and its crosshair, orientation
// letters on the edges, and the position and value under the mouse.

#include "VtkTestMain.h"
#include "twin/visualization/GuardedTrackballCameraStyle.h"
#include "twin/visualization/SliceInteractorStyle.h"
#include "twin/visualization/SliceOrientation.h"
#include "twin/visualization/SliceViewScene.h"

#include <vtkActor.h>
#include <vtkCallbackCommand.h>
#include <vtkCornerAnnotation.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkImageData.h>
#include <vtkMath.h>
#include <vtkNew.h>
#include <vtkRenderer.h>

#include <memory>

using namespace twin;
using visualization::SliceOrientation;

namespace {

vtkSmartPointer<vtkImageData> testImage() {
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(40, 30, 20);
    image->SetSpacing(0.8, 0.8, 2.5);
    image->SetOrigin(-16.0, -12.0, -25.0);
    image->AllocateScalars(VTK_SHORT, 1);
    return image;
}

// Stored value = 10 * i + j (i along x, j along y), so a voxel names its own index.
vtkSmartPointer<vtkImageData> rampImage() {
    auto image = testImage();
    auto *voxels = static_cast<short *>(image->GetScalarPointer());
    for (int k = 0; k < 20; ++k)
        for (int j = 0; j < 30; ++j)
            for (int i = 0; i < 40; ++i) *voxels++ = static_cast<short>(10 * i + j);
    return image;
}

// A slice scene with its style on an interactor that never renders (renders are counted).
struct StyledScene {
    vtkNew<vtkGenericOpenGLRenderWindow> window;
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkGenericRenderWindowInteractor> interactor;
    vtkNew<visualization::SliceInteractorStyle> style;
    vtkNew<vtkCallbackCommand> countRenders;
    std::unique_ptr<visualization::SliceViewScene> scene;
    int renders = 0;

    explicit StyledScene(SliceOrientation orientation, vtkImageData *image) {
        window->AddRenderer(renderer);
        window->SetSize(200, 200);
        interactor->SetRenderWindow(window);
        interactor->SetEnableRender(false);
        interactor->SetSize(200, 200);
        scene = std::make_unique<visualization::SliceViewScene>(renderer, orientation);
        scene->setImage(image);
        style->setScene(scene.get());
        interactor->SetInteractorStyle(style);
        countRenders->SetClientData(&renders);
        countRenders->SetCallback([](vtkObject *, unsigned long, void *clientData, void *) { ++*static_cast<int *>(clientData); });
        interactor->AddObserver(vtkCommand::RenderEvent, countRenders);
    }
    ~StyledScene() { style->setScene(nullptr); }

    void mouse(unsigned long event, int x, int y, int shift = 0) {
        interactor->SetEventInformation(x, y, 0, shift);
        interactor->InvokeEvent(event);
    }
    void key(char code) {
        const char symbol[2] = {code, '\0'};
        interactor->SetKeyEventInformation(0, 0, code, 0, symbol);
        interactor->InvokeEvent(vtkCommand::KeyPressEvent);
        interactor->InvokeEvent(vtkCommand::CharEvent);
    }
    QString text(int position) const { return QString::fromStdString(scene->annotationText(position)); }
};

}  // namespace

class TestSliceViewScene : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void cameraFramesAreRadiological_data() {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<double>("screenRightX");  // x (patient left) component of screen-right
        QTest::addColumn<int>("normal");
        QTest::newRow("axial") << int(SliceOrientation::Axial) << 1.0 << 2;
        QTest::newRow("coronal") << int(SliceOrientation::Coronal) << 1.0 << 1;
        QTest::newRow("sagittal") << int(SliceOrientation::Sagittal) << 0.0 << 0;
    }
    void cameraFramesAreRadiological() {
        QFETCH(int, orientation);
        QFETCH(double, screenRightX);
        QFETCH(int, normal);
        const auto frame = visualization::cameraFrameFor(static_cast<SliceOrientation>(orientation));
        double right[3];
        vtkMath::Cross(frame.viewDirection.data(), frame.viewUp.data(), right);
        // Patient's left (+x in LPS) on the screen's right: the patient's right on the left.
        QCOMPARE(right[0], screenRightX);
        QCOMPARE(visualization::normalAxis(static_cast<SliceOrientation>(orientation)), normal);
        if (orientation == int(SliceOrientation::Sagittal)) QCOMPARE(right[1], 1.0);  // posterior right
    }

    void resetCentresAndScrollMovesBySpacing() {
        vtkNew<vtkRenderer> renderer;
        visualization::SliceViewScene scene(renderer, SliceOrientation::Axial);
        scene.setImage(testImage());
        // z range: -25 … -25 + 19 * 2.5 = 22.5, centre -1.25
        QCOMPARE(scene.slicePositionMm(), -1.25);
        scene.scrollSlices(2);
        QCOMPARE(scene.slicePositionMm(), 3.75);
        scene.scrollSlices(-1000);
        QCOMPARE(scene.slicePositionMm(), -25.0);
        scene.scrollSlices(1000);
        QCOMPARE(scene.slicePositionMm(), 22.5);
        double position[3], focal[3];
        renderer->GetActiveCamera()->GetPosition(position);
        renderer->GetActiveCamera()->GetFocalPoint(focal);
        QVERIFY(position[2] < focal[2]);  // the camera looks from the feet
        QVERIFY(renderer->GetActiveCamera()->GetParallelProjection());
        scene.resetView();
        QCOMPARE(scene.slicePositionMm(), -1.25);
    }

    void sliceStyleScrollsOnWheelAndArrowKeys() {
        vtkNew<vtkGenericOpenGLRenderWindow> window;
        vtkNew<vtkRenderer> renderer;
        window->AddRenderer(renderer);
        vtkNew<vtkGenericRenderWindowInteractor> interactor;
        interactor->SetRenderWindow(window);
        interactor->SetEnableRender(false);
        visualization::SliceViewScene scene(renderer, SliceOrientation::Coronal);
        scene.setImage(testImage());
        vtkNew<visualization::SliceInteractorStyle> style;
        style->setScene(&scene);
        interactor->SetInteractorStyle(style);
        int renders = 0;
        vtkNew<vtkCallbackCommand> countRenders;
        countRenders->SetClientData(&renders);
        countRenders->SetCallback([](vtkObject *, unsigned long, void *clientData, void *) { ++*static_cast<int *>(clientData); });
        interactor->AddObserver(vtkCommand::RenderEvent, countRenders);
        const double start = scene.slicePositionMm();
        interactor->SetEventInformation(10, 10);
        interactor->InvokeEvent(vtkCommand::MouseWheelForwardEvent);
        QCOMPARE(scene.slicePositionMm(), start + 0.8);  // coronal: y spacing
        interactor->SetKeyEventInformation(0, 0, 0, 0, "Next");
        interactor->InvokeEvent(vtkCommand::KeyPressEvent);
        QCOMPARE(scene.slicePositionMm(), start + 0.8 - 8.0);
        QVERIFY(renders >= 2);  // each change asked for a frame
        const double zoomBefore = renderer->GetActiveCamera()->GetParallelScale();
        interactor->SetEventInformation(10, 10, 1 /*ctrl*/, 0);
        interactor->InvokeEvent(vtkCommand::MouseWheelForwardEvent);
        QCOMPARE(scene.slicePositionMm(), start + 0.8 - 8.0);  // Ctrl+wheel zooms instead
        QVERIFY(renderer->GetActiveCamera()->GetParallelScale() < zoomBefore);
        style->setScene(nullptr);
    }

    void edgeLabelsFollowTheRadiologicalFrame_data() {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<QString>("labels");  // left right top bottom
        QTest::newRow("axial") << int(SliceOrientation::Axial) << "R L A P";
        QTest::newRow("coronal") << int(SliceOrientation::Coronal) << "R L S I";
        QTest::newRow("sagittal") << int(SliceOrientation::Sagittal) << "A P S I";
    }
    void edgeLabelsFollowTheRadiologicalFrame() {
        QFETCH(int, orientation);
        QFETCH(QString, labels);
        const auto edge = visualization::edgeLabelsFor(static_cast<SliceOrientation>(orientation));
        QCOMPARE(QStringList({edge.left, edge.right, edge.top, edge.bottom}).join(QLatin1Char(' ')), labels);
        vtkNew<vtkRenderer> renderer;
        visualization::SliceViewScene scene(renderer, static_cast<SliceOrientation>(orientation));
        const auto text = [&scene](int position) { return QString::fromStdString(scene.annotationText(position)); };
        QCOMPARE(QStringList({text(vtkCornerAnnotation::LeftEdge), text(vtkCornerAnnotation::RightEdge),
                              text(vtkCornerAnnotation::UpperEdge), text(vtkCornerAnnotation::LowerEdge)})
                     .join(QLatin1Char(' ')),
                 labels);
        QCOMPARE(text(vtkCornerAnnotation::UpperRight), visualization::displayName(static_cast<SliceOrientation>(orientation)));
    }

    void numberKeysSelectWindowPresets() {
        StyledScene s(SliceOrientation::Axial, testImage());
        QCOMPARE(s.text(vtkCornerAnnotation::LowerRight), QStringLiteral("W 400 L 40"));
        s.key('2');
        QCOMPARE(s.scene->windowLevel().width, 1500.0);
        QCOMPARE(s.scene->windowLevel().centre, -600.0);
        QCOMPARE(s.text(vtkCornerAnnotation::LowerRight), QStringLiteral("W 1500 L -600"));
        s.key('3');
        QCOMPARE(s.text(vtkCornerAnnotation::LowerRight), QStringLiteral("W 1800 L 400"));
        s.key('4');
        QCOMPARE(s.text(vtkCornerAnnotation::LowerRight), QStringLiteral("W 80 L 40"));
        QCOMPARE(s.renders, 3);
        s.key('1');
        QCOMPARE(s.text(vtkCornerAnnotation::LowerRight), QStringLiteral("W 400 L 40"));
        // With a handler (the application links the views) the style only reports.
        QList<double> widths;
        s.style->setWindowLevelHandler([&widths](visualization::WindowLevel window) { widths << window.width; });
        s.key('4');
        QCOMPARE(widths, QList<double>{80.0});
        QCOMPARE(s.scene->windowLevel().width, 400.0);
        s.key('9');  // not a preset
        QCOMPARE(widths.size(), 1);
    }

    void leftAndRightDragAdjustWindowLevel() {
        StyledScene s(SliceOrientation::Axial, testImage());
        s.mouse(vtkCommand::LeftButtonPressEvent, 100, 100);
        s.renders = 0;
        s.mouse(vtkCommand::MouseMoveEvent, 150, 100);
        QCOMPARE(s.renders, 1);  // one frame per move
        QVERIFY(s.scene->windowLevel().width > 400.0);
        QCOMPARE(s.scene->windowLevel().centre, 40.0);
        s.mouse(vtkCommand::LeftButtonReleaseEvent, 150, 100);
        QVERIFY(!s.scene->cursor());  // a drag is not a click
        const double width = s.scene->windowLevel().width;
        QCOMPARE(s.text(vtkCornerAnnotation::LowerRight), QStringLiteral("W %1 L 40").arg(width));

        s.mouse(vtkCommand::RightButtonPressEvent, 100, 100);
        s.mouse(vtkCommand::MouseMoveEvent, 100, 160);
        s.mouse(vtkCommand::RightButtonReleaseEvent, 100, 160);
        QCOMPARE(s.scene->windowLevel().width, width);
        QVERIFY(s.scene->windowLevel().centre > 40.0);
        // Right drag no longer zooms.
        const double scale = s.renderer->GetActiveCamera()->GetParallelScale();
        s.mouse(vtkCommand::RightButtonPressEvent, 100, 100);
        s.mouse(vtkCommand::MouseMoveEvent, 100, 20);
        s.mouse(vtkCommand::RightButtonReleaseEvent, 100, 20);
        QCOMPARE(s.renderer->GetActiveCamera()->GetParallelScale(), scale);
        QVERIFY(s.scene->windowLevel().centre < 40.0);
        // 'r' resets the window too.
        s.key('r');
        QCOMPARE(s.scene->windowLevel().width, 400.0);
    }

    void clickAndShiftMoveSetTheCursor() {
        StyledScene s(SliceOrientation::Axial, testImage());
        const double slice = s.scene->slicePositionMm();
        s.mouse(vtkCommand::LeftButtonPressEvent, 100, 100);
        s.mouse(vtkCommand::LeftButtonReleaseEvent, 101, 100);  // within the click tolerance
        QVERIFY(s.scene->cursor());
        const auto centre = *s.scene->cursor();
        // The view's centre is the volume's centre: x -16 … 15.2, y -12 … 11.2.
        QVERIFY2(std::abs(centre[0] + 0.4) < 1.0, qPrintable(QString::number(centre[0])));
        QVERIFY2(std::abs(centre[1] + 0.4) < 1.0, qPrintable(QString::number(centre[1])));
        QCOMPARE(centre[2], slice);
        QVERIFY(s.scene->crosshair().actor()->GetVisibility());
        const auto ends = s.scene->crosshair().endPoints();
        QCOMPARE(ends[0][0], -16.0);  // horizontal line across x
        QVERIFY(std::abs(ends[1][0] - 15.2) < 1e-4);  // vtkPoints are float
        QCOMPARE(ends[2][1], -12.0);  // vertical line across y
        QVERIFY(ends[0][2] < slice);  // in front of the slice (the camera looks from the feet)

        QList<std::array<double, 3>> points;
        s.style->setCursorHandler([&points](const std::array<double, 3> &p) { points << p; });
        s.mouse(vtkCommand::MouseMoveEvent, 150, 100);  // no Shift: only the readout
        QVERIFY(points.isEmpty());
        s.renders = 0;
        s.mouse(vtkCommand::MouseMoveEvent, 150, 100, 1);
        QCOMPARE(points.size(), 1);
        QCOMPARE(s.renders, 1);
        QVERIFY(points.first()[0] > centre[0] + 5.0);  // screen right is the patient's left (+x)
    }

    void cursorMovesTheSliceThroughIt() {
        vtkNew<vtkRenderer> renderer;
        visualization::SliceViewScene scene(renderer, SliceOrientation::Sagittal);
        scene.setImage(testImage());
        scene.setCursor({4.0, 2.0, 7.5});
        QCOMPARE(scene.slicePositionMm(), 4.0);
        const auto ends = scene.crosshair().endPoints();
        QCOMPARE(ends[0][2], 7.5);  // the line along y at the cursor's z
        QCOMPARE(ends[2][1], 2.0);  // the line along z at the cursor's y
        QVERIFY(ends[0][0] > 4.0);  // in front of the slice: the camera looks from the patient's left
        scene.setCursor({100.0, 0.0, 0.0});  // clamped to the volume
        QCOMPARE(scene.slicePositionMm(), 15.2);
        scene.setImage(testImage());  // a new image clears it
        QVERIFY(!scene.cursor());
    }

    void probeShowsPositionAndMappedValue() {
        StyledScene s(SliceOrientation::Axial, rampImage());
        QCOMPARE(s.scene->valueAt({-16.0 + 3 * 0.8, -12.0 + 2 * 0.8, 0.0}), std::optional<double>(32.0));
        QVERIFY(!s.scene->valueAt({100.0, 0.0, 0.0}));
        s.scene->setValueMapping({2.0, -1000.0, QStringLiteral("HU")});
        QCOMPARE(s.scene->valueAt({-16.0 + 3 * 0.8, -12.0 + 2 * 0.8, 0.0}), std::optional<double>(-936.0));
        s.renders = 0;
        s.mouse(vtkCommand::MouseMoveEvent, 100, 100);
        QCOMPARE(s.renders, 1);
        const QString text = s.text(vtkCornerAnnotation::LowerLeft);
        const auto point = s.scene->pointAtDisplay(100, 100);
        QVERIFY(point);
        const double value = *s.scene->valueAt(*point);
        QVERIFY2(text.endsWith(QStringLiteral(" mm · %1 HU").arg(value)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("%1, ").arg((*point)[0], 0, 'f', 1)), qPrintable(text));
        QVERIFY(text.startsWith(QStringLiteral("Slice ")));
        s.interactor->InvokeEvent(vtkCommand::LeaveEvent);
        QVERIFY(!s.text(vtkCornerAnnotation::LowerLeft).contains(QStringLiteral("HU")));
        s.scene->setPatientText(QStringLiteral("DOE, JANE"));
        QCOMPARE(s.text(vtkCornerAnnotation::UpperLeft), QStringLiteral("DOE, JANE"));
    }

    void trackballStyleAllowsOnlySafeKeys() {
        for (char key : {'r', 'R', 'w', 's', 'p'}) QVERIFY(visualization::GuardedTrackballCameraStyle::isAllowedKey(key));
        for (char key : {'e', 'q', 'Q', '3', 'f', 'j', 't', 'u'}) QVERIFY(!visualization::GuardedTrackballCameraStyle::isAllowedKey(key));
    }
};

DIDYMOS_VTK_UNIT_TEST_MAIN(TestSliceViewScene)
#include "TestSliceViewScene.moc"
