// Slice views: radiological camera frames, reset to the volume centre, slice scrolling by
// voxel spacing with clamping, and the slice style's wheel/key bindings.

#include "VtkTestMain.h"
#include "twin/visualization/GuardedTrackballCameraStyle.h"
#include "twin/visualization/SliceInteractorStyle.h"
#include "twin/visualization/SliceOrientation.h"
#include "twin/visualization/SliceViewScene.h"

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkImageData.h>
#include <vtkMath.h>
#include <vtkNew.h>
#include <vtkRenderer.h>

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

    void trackballStyleAllowsOnlySafeKeys() {
        for (char key : {'r', 'R', 'w', 's', 'p'}) QVERIFY(visualization::GuardedTrackballCameraStyle::isAllowedKey(key));
        for (char key : {'e', 'q', 'Q', '3', 'f', 'j', 't', 'u'}) QVERIFY(!visualization::GuardedTrackballCameraStyle::isAllowedKey(key));
    }
};

DIDYMOS_VTK_UNIT_TEST_MAIN(TestSliceViewScene)
#include "TestSliceViewScene.moc"
