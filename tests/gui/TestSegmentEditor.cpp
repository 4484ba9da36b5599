// The segment editor as a user drives it, on the phantom CT in real views (Xvfb): a CT preset
// runs as a Job while the event loop keeps answering and is one undo step; Cancel changes
// nothing; a brush stroke is one undo step and re-meshes only its segment; the threshold
// preview counts voxels; region growing starts at the 3D cursor; the overlay takes the
// segment colours. Writes a screenshot of views + panel.

#include "RenderTestMain.h"
#include "TestData.h"
#include "twin/imaging/Segmentation.h"
#include "twin/phantom/DemoPatientGenerator.h"
#include "twin/ui/JobStatusWidget.h"
#include "twin/ui/PatientSceneController.h"
#include "twin/ui/SegmentEditorPanel.h"
#include "twin/ui/SegmentationController.h"
#include "twin/ui/ViewGrid.h"
#include "twin/ui/VtkOpenGLView.h"
#include "twin/visualization/SliceViewScene.h"
#include "twin/visualization/VolumeOverviewScene.h"

#include <QAction>

#include <vtkActor.h>
#include <vtkRenderer.h>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTimer>

using namespace twin;

namespace {

std::int64_t voxelsOf(const imaging::Segmentation &s, int value) {
    return std::count(s.labels().voxels().begin(), s.labels().voxels().end(), value);
}

}  // namespace

class TestSegmentEditor : public test::StrictTestCase {
    Q_OBJECT
    std::shared_ptr<phantom::DemoPatient> patient_;
    std::unique_ptr<QWidget> window_;
    ui::ViewGrid *grid_ = nullptr;
    std::unique_ptr<ui::PatientSceneController> scene_;
    std::unique_ptr<ui::SegmentationController> controller_;
    ui::SegmentEditorPanel *panel_ = nullptr;

    imaging::Segmentation &segmentation() { return *controller_->segmentation(); }

    std::array<double, 3> interiorOf(const QString &name) const {
        for (const auto &s : patient_->structures)
            if (s.name == name) return s.interiorPointMm;
        return {0, 0, 0};
    }

private slots:
    void initTestCase() {
        auto built = phantom::DemoPatientGenerator::build();  // 512×512×120: presets take long enough to cancel
        QVERIFY(built.ok());
        patient_ = std::make_shared<phantom::DemoPatient>(std::move(built).value());
    }

    void init() {
        window_ = std::make_unique<QWidget>();
        auto *layout = new QHBoxLayout(window_.get());  // owned by the window
        grid_ = new ui::ViewGrid(window_.get());
        scene_ = std::make_unique<ui::PatientSceneController>(grid_);
        controller_ = std::make_unique<ui::SegmentationController>(scene_.get());
        panel_ = new ui::SegmentEditorPanel(controller_.get(), window_.get());
        panel_->setCursorProvider([this] { return scene_->cursor(); });
        layout->addWidget(grid_, 3);
        layout->addWidget(panel_, 1);
        window_->resize(1400, 800);
        window_->show();
        scene_->showVolume(patient_->ct);
        controller_->reset(patient_->ct.geometry());
        panel_->setImage(std::shared_ptr<const core::ScalarVolume>(patient_, &patient_->ct));
        for (int v = 0; v < 4; ++v) QTRY_VERIFY(grid_->view(static_cast<ui::ViewGrid::ViewId>(v))->frameCount() > 0);
        QTest::qWait(200);  // the first frames (software GL under Xvfb) are drawn before a test starts timing
    }

    void cleanup() {
        panel_ = nullptr;
        controller_.reset();
        scene_.reset();
        window_.reset();
    }

    void presetRunsAsAJobWhileTheEventLoopAnswers() {
        // The event loop must keep answering: a 10 ms timer ticks, and the longest gap between
        // ticks while the job runs stays far below what a user notices as a hang.
        int ticks = 0;
        qint64 longestGapMs = 0;
        QElapsedTimer sinceTick, jobTime;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, this, [&] {
            if (!panel_->isRunning()) return;
            ++ticks;
            longestGapMs = std::max(longestGapMs, sinceTick.restart());
        });
        sinceTick.start();
        jobTime.start();
        ticker.start();
        QSignalSpy finished(panel_, &ui::SegmentEditorPanel::toolFinished);
        panel_->toolSelector()->setCurrentIndex(ui::SegmentEditorPanel::Presets);
        panel_->presetButton(1)->click();  // Lungs
        QVERIFY(panel_->isRunning());      // on the pool, not in the click
        QVERIFY(!panel_->applyButton()->isEnabled());
        QVERIFY(finished.wait(60000));
        const QString timing = QStringLiteral("job %1 ms, %2 ticks, longest gap %3 ms").arg(jobTime.elapsed()).arg(ticks).arg(longestGapMs);
        qInfo("%s", qPrintable(timing));
        QVERIFY2(ticks >= 3 && longestGapMs < 250, qPrintable(timing));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(segmentation().segments().size(), 1);
        const imaging::Segment lungs = segmentation().segments().front();
        QCOMPARE(lungs.name, QStringLiteral("Lungs"));
        const std::int64_t voxels = voxelsOf(segmentation(), lungs.value);
        QVERIFY(voxels > 100000);
        QTRY_VERIFY(panel_->segmentTable()->item(0, 2)->text().endsWith(QStringLiteral("mL")) &&
                    panel_->segmentTable()->item(0, 2)->text() != QStringLiteral("0.0 mL"));
        // The overlay draws it in the segment's colour.
        const auto rgba = scene_->sliceScene(0)->labelOverlay().colourOf(lungs.value);
        QCOMPARE(rgba[0], lungs.rgb[0] / 255.0);
        QCOMPARE(rgba[3], 1.0);
        // One undo step removes both the new segment and its voxels; redo brings them back.
        panel_->undoAction()->trigger();
        QCOMPARE(segmentation().segments().size(), 0);
        QCOMPARE(voxelsOf(segmentation(), lungs.value), std::int64_t(0));
        panel_->redoAction()->trigger();
        QCOMPARE(voxelsOf(segmentation(), lungs.value), voxels);
        QCOMPARE(panel_->segmentTable()->rowCount(), 1);
    }

    void cancelChangesNothing() {
        QSignalSpy finished(panel_, &ui::SegmentEditorPanel::toolFinished);
        panel_->toolSelector()->setCurrentIndex(ui::SegmentEditorPanel::Presets);
        panel_->presetButton(0)->click();  // Body
        QVERIFY(panel_->isRunning());
        panel_->jobStatus()->cancelButton()->click();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY2(panel_->message()->text().contains(QStringLiteral("cancelled")), qPrintable(panel_->message()->text()));
        QCOMPARE(segmentation().segments().size(), 0);
        QCOMPARE(segmentation().undoStack().count(), 0);
        QVERIFY(panel_->applyButton()->isEnabled() || !panel_->applyButton()->isVisible());
    }

    void brushStrokeIsOneStepAndRemeshesOnlyItsSegment() {
        const int a = panel_->addSegment(QStringLiteral("A"));
        const int b = panel_->addSegment(QStringLiteral("B"));
        QSignalSpy meshed(controller_.get(), &ui::SegmentationController::meshesUpdated);
        const std::array<double, 3> centre = interiorOf(QStringLiteral("Liver"));
        auto stroke = [&](int value, double dx) {
            panel_->selectSegment(value);
            panel_->toolSelector()->setCurrentIndex(ui::SegmentEditorPanel::Paint);
            QCOMPARE(controller_->paintSegment(), value);
            const int steps = segmentation().undoStack().count();
            controller_->paintStroke(0, {centre[0] + dx, centre[1], centre[2]}, true, false);
            controller_->paintStroke(0, {centre[0] + dx + 6, centre[1], centre[2]}, false, false);
            controller_->paintStroke(0, {centre[0] + dx + 12, centre[1], centre[2]}, false, false);
            controller_->paintStroke(0, {centre[0] + dx + 12, centre[1], centre[2]}, false, true);  // release: ends it
            QCOMPARE(segmentation().undoStack().count(), steps + 1);
        };
        stroke(a, -40);
        QVERIFY(meshed.wait(30000));
        QCOMPARE(controller_->lastMeshedLabels(), QList<int>{a});
        stroke(b, 20);
        QVERIFY(meshed.wait(30000));
        QCOMPARE(controller_->lastMeshedLabels(), QList<int>{b});
        QVERIFY(scene_->overviewScene()->keyedSurface(a) != nullptr);
        QVERIFY(scene_->overviewScene()->keyedSurface(b) != nullptr);
        // Three 5 mm discs 6 mm apart in one axial slice: 3 discs less 2 lenses = 190.9 mm².
        const double ml = voxelsOf(segmentation(), b) * patient_->ct.geometry().voxelVolumeMm3() / 1000.0;
        const double lens = 2 * 25 * std::acos(0.6) - 3 * 8;
        const double expected = (3 * 3.14159265 * 25 - 2 * lens) * patient_->ct.geometry().spacingMm[2] / 1000.0;
        QVERIFY2(std::abs(ml - expected) / expected < 0.15, qPrintable(QStringLiteral("%1 vs %2 mL").arg(ml).arg(expected)));
        // Erasing the stroke removes the segment's surface after re-meshing.
        panel_->undoAction()->trigger();
        QVERIFY(meshed.wait(30000));
        QVERIFY(scene_->overviewScene()->keyedSurface(b) == nullptr);
    }

    void thresholdPreviewCountsAndRegionGrowingStartsAtTheCursor() {
        panel_->toolSelector()->setCurrentIndex(ui::SegmentEditorPanel::Threshold);
        panel_->setThreshold(-1000, -400);
        std::int64_t expected = 0;
        for (std::int16_t v : patient_->ct.voxels()) expected += (v >= -1000 && v <= -400);
        const QString count = QLocale().toString(qlonglong(expected));
        QTRY_VERIFY_WITH_TIMEOUT(panel_->thresholdPreview()->text().startsWith(count), 20000);
        // The voxels it would take are drawn over the slice views; another tool removes them.
        QTRY_VERIFY(controller_->hasPreview());
        visualization::LabelOverlay &preview = scene_->sliceScene(0)->previewOverlay();
        QVERIFY(preview.hasLabels());
        QCOMPARE(preview.colourOf(1)[3], 1.0);
        QTest::qWait(200);
        QVERIFY(window_->grab().save(test::scratchDir(QStringLiteral("segment-editor-preview")) + QStringLiteral("/threshold-preview.png")));
        panel_->toolSelector()->setCurrentIndex(ui::SegmentEditorPanel::Islands);
        QVERIFY(!controller_->hasPreview());
        QVERIFY(!preview.hasLabels());

        const int lung = panel_->addSegment(QStringLiteral("Right lung"));
        scene_->setCursor(interiorOf(QStringLiteral("Lung_R")));
        panel_->toolSelector()->setCurrentIndex(ui::SegmentEditorPanel::RegionGrowing);
        QSignalSpy finished(panel_, &ui::SegmentEditorPanel::toolFinished);
        panel_->applyButton()->click();
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(panel_->message()->text()));
        std::int64_t grown = 0;
        for (std::size_t v = 0; v < patient_->ct.voxels().size(); ++v) {
            if (segmentation().labels().voxels()[v] != lung) continue;
            ++grown;
            QVERIFY(patient_->ct.voxels()[v] >= -1000 && patient_->ct.voxels()[v] <= -400);
        }
        QVERIFY(grown > 10000 && grown < expected);  // one lung, not all air
    }

    void clickingAnOrganIn3dSelectsItsSegment() {
        QSignalSpy finished(panel_, &ui::SegmentEditorPanel::toolFinished);
        panel_->toolSelector()->setCurrentIndex(ui::SegmentEditorPanel::Presets);
        panel_->presetButton(2)->click();  // bones: the spine, in the middle of the 3D view
        QVERIFY(finished.wait(60000));
        const int bones = segmentation().segments().front().value;
        QTRY_VERIFY_WITH_TIMEOUT(scene_->overviewScene()->keyedSurface(bones) != nullptr, 30000);
        const int other = panel_->addSegment(QStringLiteral("Other"));
        QCOMPARE(panel_->currentSegment(), other);
        ui::VtkOpenGLView *view = grid_->view(ui::ViewGrid::ThreeD);
        // Project the spine's centre to the view and click there (press and release, no drag).
        double bounds[6];
        scene_->overviewScene()->keyedSurface(bones)->GetBounds(bounds);
        vtkRenderer *renderer = view->renderer();
        renderer->SetWorldPoint((bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2, (bounds[4] + bounds[5]) / 2, 1.0);
        renderer->WorldToDisplay();
        const double *display = renderer->GetDisplayPoint();
        const qreal ratio = view->devicePixelRatioF();
        const QPoint at(int(display[0] / ratio), int(view->height() - 1 - display[1] / ratio));
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, at);
        QTRY_COMPARE(panel_->currentSegment(), bones);
    }

    void screenshotOfTheEditor() {
        QSignalSpy finished(panel_, &ui::SegmentEditorPanel::toolFinished);
        panel_->toolSelector()->setCurrentIndex(ui::SegmentEditorPanel::Presets);
        for (int preset : {1, 2}) {  // lungs, bones
            panel_->presetButton(preset)->click();
            QVERIFY(finished.wait(60000));
            finished.clear();
        }
        for (const imaging::Segment &s : segmentation().segments())
            QTRY_VERIFY_WITH_TIMEOUT(scene_->overviewScene()->keyedSurface(s.value) != nullptr, 30000);
        scene_->setCursor(interiorOf(QStringLiteral("Lung_R")));
        QTest::qWait(300);
        const QString path = test::scratchDir(QStringLiteral("segment-editor")) + QStringLiteral("/segment-editor.png");
        QVERIFY(window_->grab().save(path, "PNG"));
        qInfo("screenshot: %s", qPrintable(path));
    }
};

DIDYMOS_VTK_TEST_MAIN(TestSegmentEditor)
#include "TestSegmentEditor.moc"
