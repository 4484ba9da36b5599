// The 3D organ scene of the phantom (surface nets of its labelmap, phantom colours, the
// default camera) rendered through the real Qt 6 <-> VTK view at a fixed size and compared
// with a committed baseline; the clip box cuts the organs away on one side; CT volume
// rendering presets draw. Regenerate after an intended change:
// DIDYMOS_UPDATE_BASELINES=1 ctest -R TestOrganSceneRendering, then look at the PNG.

#include "ImageComparison.h"
#include "RenderTestMain.h"
#include "TestData.h"
#include "twin/imaging/LabelSurfaceExtractor.h"
#include "twin/imaging/ScalarVolumeToVtk.h"
#include "twin/phantom/DemoPatientGenerator.h"
#include "twin/ui/VtkOpenGLView.h"
#include "twin/visualization/VolumeOverviewScene.h"

#include <vtkActor.h>
#include <vtkImageData.h>
#include <vtkPlane.h>
#include <vtkPlaneCollection.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>

using namespace twin;

class TestOrganSceneRendering : public test::StrictTestCase {
    Q_OBJECT
    phantom::DemoPatient patient_;
    std::unique_ptr<ui::VtkOpenGLView> view_;
    std::unique_ptr<visualization::VolumeOverviewScene> scene_;
    const QColor background_ = QColor::fromRgbF(0.1f, 0.1f, 0.15f);

    QImage render() {
        view_->requestRender();
        const int before = view_->frameCount();
        for (int waited = 0; view_->frameCount() <= before && waited < 20000; waited += 20) QTest::qWait(20);
        return view_->grabFramebuffer();  // renders the current scene itself if no frame came
    }

private slots:
    void initTestCase() {
        phantom::PhantomOptions options;
        options.columns = options.rows = 256;
        options.pixelSpacingMm = 460.0 / 256;
        auto built = phantom::DemoPatientGenerator::build(options);
        QVERIFY(built.ok());
        patient_ = std::move(built).value();
        view_ = std::make_unique<ui::VtkOpenGLView>();
        view_->setFixedSize(400, 300);
        view_->renderer()->SetBackground(0.1, 0.1, 0.15);
        scene_ = std::make_unique<visualization::VolumeOverviewScene>(view_->renderer());
        scene_->setImage(imaging::toVtkImage(patient_.ct));
        std::vector<int> organs;
        for (const auto &s : patient_.structures)
            if (s.rtRoiInterpretedType != QStringLiteral("EXTERNAL")) organs.push_back(s.label);
        auto surfaces = imaging::LabelSurfaceExtractor::extract(imaging::toVtkImage(patient_.labels), organs);
        QVERIFY(surfaces.ok());
        for (const auto &surface : surfaces.value()) {
            for (const auto &s : patient_.structures)
                if (s.label == surface.label)
                    scene_->setKeyedSurface(s.label, surface.mesh, {s.rgb[0] / 255.0, s.rgb[1] / 255.0, s.rgb[2] / 255.0}, 1.0, s.name);
        }
        scene_->setPlanesVisible(false);
        scene_->resetView();
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    }

    void cleanupTestCase() {
        scene_.reset();
        view_.reset();
    }

    void organSceneMatchesBaseline() {
        const QImage actual = render();
        QVERIFY(test::fractionNotColour(actual, background_) > 0.05);
        bool rewritten = false;
        const QString problem = test::checkAgainstBaseline(actual, QStringLiteral(DIDYMOS_BASELINE_DIR "/phantom_organs_400x300.png"),
                                                           test::scratchDir(QStringLiteral("rendering")) + QStringLiteral("/phantom_organs_actual.png"), rewritten);
        if (rewritten) QSKIP("baseline rewritten; look at it before committing");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void clipPlanesCutTheOrgansAway() {
        const double covered = test::fractionNotColour(render(), background_);
        // Keep only the patient's left (x > centre): the right lung and liver go.
        vtkNew<vtkPlane> plane;
        plane->SetOrigin(patient_.ct.geometry().indexToPatient(patient_.ct.dimension(0) / 2.0, 0, 0).data());
        plane->SetNormal(1.0, 0.0, 0.0);
        vtkNew<vtkPlaneCollection> planes;
        planes->AddItem(plane);
        scene_->setClippingPlanes(planes);
        const QImage clipped = render();
        clipped.save(test::scratchDir(QStringLiteral("rendering")) + QStringLiteral("/phantom_organs_clipped.png"));
        const double remaining = test::fractionNotColour(clipped, background_);
        QVERIFY2(remaining < 0.8 * covered, qPrintable(QStringLiteral("%1 of %2 still covered").arg(remaining).arg(covered)));
        scene_->setClippingPlanes(nullptr);
        QVERIFY(test::fractionNotColour(render(), background_) > 0.95 * covered);
    }

    void volumeRenderingPresetsDraw() {
        for (const auto &s : patient_.structures) scene_->setKeyedSurfaceVisible(s.label, false);
        QVERIFY(test::fractionNotColour(render(), background_) < 0.02);  // nothing but the outline
        scene_->setVolumePreset(visualization::VolumePreset::Bone);
        const QImage bone = render();
        bone.save(test::scratchDir(QStringLiteral("rendering")) + QStringLiteral("/phantom_volume_bone.png"));
        QVERIFY2(test::fractionNotColour(bone, background_) > 0.01, "bone preset drew nothing");
        scene_->setVolumePreset(visualization::VolumePreset::SoftTissue);
        const QImage soft = render();
        soft.save(test::scratchDir(QStringLiteral("rendering")) + QStringLiteral("/phantom_volume_soft.png"));
        QVERIFY(test::fractionNotColour(soft, background_) > test::fractionNotColour(bone, background_));
        scene_->setVolumePreset(visualization::VolumePreset::Off);
        for (const auto &s : patient_.structures) scene_->setKeyedSurfaceVisible(s.label, true);
    }
};

DIDYMOS_VTK_TEST_MAIN(TestOrganSceneRendering)
#include "TestOrganSceneRendering.moc"
