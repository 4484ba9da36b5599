// Renders a fixed scene through the real Qt 6 <-> VTK path (VtkOpenGLView in a
// QOpenGLWidget) at a fixed size and compares it with a committed baseline.
// Regenerate after an intended change: DIDYMOS_UPDATE_BASELINES=1 ctest -R TestViewRendering,
// then look at the new PNG before committing it.

#include "ImageComparison.h"
#include "ViewTestScene.h"
#include "RenderTestMain.h"
#include "twin/ui/VtkOpenGLView.h"

#include <QDir>

#include <vtkActor.h>

using namespace twin;

class TestViewRendering : public test::StrictTestCase {
    Q_OBJECT
private:
    static QImage renderFixedScene() {
        ui::VtkOpenGLView view;
        view.setFixedSize(320, 240);
        test::buildViewTestScene(view.renderer());
        view.show();
        if (!QTest::qWaitForWindowExposed(&view)) return {};
        return view.grabFramebuffer();
    }

private slots:
    void fixedSceneMatchesBaseline() {
        const QImage actual = renderFixedScene();
        QVERIFY2(!actual.isNull(), "the view did not render");
        const qreal ratio = actual.devicePixelRatio();
        QCOMPARE(actual.size(), QSize(qRound(320 * ratio), qRound(240 * ratio)));
        // Not blank: the two objects cover a real part of the frame.
        QVERIFY(test::fractionNotColour(actual, QColor::fromRgbF(0.1f, 0.1f, 0.15f)) > 0.10);

        bool rewritten = false;
        const QString problem = test::checkAgainstBaseline(actual, QStringLiteral(DIDYMOS_BASELINE_DIR "/sphere_cone_320x240.png"),
                                                           test::scratchDir(QStringLiteral("rendering")) + QStringLiteral("/sphere_cone_actual.png"), rewritten);
        if (rewritten) QSKIP("baseline rewritten; look at it before committing");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void comparisonDetectsAChangedScene() {
        // The metric is not so loose that a moved object passes.
        const QImage expected(QStringLiteral(DIDYMOS_BASELINE_DIR "/sphere_cone_320x240.png"));
        QVERIFY2(!expected.isNull(), "missing baseline");
        ui::VtkOpenGLView view;
        view.setFixedSize(320, 240);
        test::ViewTestScene scene = test::buildViewTestScene(view.renderer());
        scene.sphere->SetPosition(0.0, 0.6, 0.0);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const test::ImageDifference difference = test::compareImages(view.grabFramebuffer(), expected);
        QVERIFY2(!test::withinTolerance(difference), qPrintable(difference.describe()));
    }
};

DIDYMOS_VTK_TEST_MAIN(TestViewRendering)
#include "TestViewRendering.moc"
