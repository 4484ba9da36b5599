// The main window as a clinician meets it: layouts, docks, menus and shortcuts, settings that
// survive a restart, theme, About, recent files, and the demo patient loaded by a job while
// the window keeps answering.

#include "RenderTestMain.h"
#include "twin/core/AppPaths.h"
#include "twin/core/Job.h"
#include "twin/phantom/DemoPatient.h"
#include "twin/reporting/SoftwareInventory.h"
#include "twin/session/RecentFiles.h"
#include "twin/ui/AboutDialog.h"
#include "twin/ui/DicomFolderController.h"
#include "twin/ui/HealthRecordController.h"
#include "twin/ui/PatientSummaryPanel.h"
#include "twin/ui/TimelineView.h"
#include "twin/ui/JobStatusWidget.h"
#include "twin/ui/MainWindow.h"
#include "twin/ui/PatientBrowserPanel.h"
#include "twin/ui/PatientSceneController.h"
#include "twin/visualization/SliceViewScene.h"
#include "twin/visualization/VolumeOverviewScene.h"
#include "twin/ui/ViewGrid.h"
#include "twin/ui/VtkOpenGLView.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QTableWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QPalette>
#include <QSettings>
#include <QSignalSpy>
#include <QTimer>
#include <QTreeWidget>
#include <QDropEvent>
#include <QDragEnterEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QTemporaryDir>
#include <QUrl>

#include <vtkActor.h>
#include <vtkCornerAnnotation.h>

#include <cmath>
#include <memory>

using namespace twin;

namespace {

reporting::SoftwareInventory testInventory() {
    reporting::SoftwareInventory inventory;
    inventory.add({QStringLiteral("Qt"), QString::fromLatin1(qVersion()), QStringLiteral("LGPL-3.0")});
    inventory.add({QStringLiteral("VTK"), QStringLiteral("9.1.0"), QStringLiteral("BSD-3-Clause")});
    return inventory;
}

QAction *findAction(QWidget *window, const QString &text) {
    for (QAction *action : window->findChildren<QAction *>()) {
        if (action->text().remove(QLatin1Char('&')) == text) return action;
    }
    return nullptr;
}

// A 32³ CT-like volume, 1 mm voxels from the origin; stored value = i (column index).
core::ScalarVolume rampVolume() {
    core::VolumeGeometry geometry;
    geometry.dimensions = {32, 32, 32};
    core::ScalarVolume volume(geometry);
    for (int k = 0; k < 32; ++k)
        for (int j = 0; j < 32; ++j)
            for (int i = 0; i < 32; ++i) volume.at(i, j, k) = static_cast<std::int16_t>(i);
    return volume;
}

void sendMouse(QWidget *widget, QEvent::Type type, QPoint position, Qt::MouseButton button, Qt::MouseButtons buttons,
               Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QMouseEvent event(type, QPointF(position), widget->mapToGlobal(QPointF(position)), button, buttons, modifiers);
    QApplication::sendEvent(widget, &event);
}

// Sends a drag-enter and, when accepted, a drop of `paths` onto `window`; true if dropped.
bool dropPaths(QWidget *window, const QStringList &paths) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &path : paths) urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    const QPoint centre = window->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window, &enter);
    if (!enter.isAccepted()) return false;
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window, &drop);
    return drop.isAccepted();
}

}  // namespace

class TestMainWindow : public test::StrictTestCase {
    Q_OBJECT
    std::unique_ptr<ui::MainWindow> window_;

    void openWindow() {
        window_ = std::make_unique<ui::MainWindow>(testInventory());
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }

protected:
    void setUp() override {
        QSettings().clear();
        openWindow();
    }
    void tearDown() override { window_.reset(); }

private slots:
    void startsWithTwoByTwoAndFourLiveViews() {
        ui::ViewGrid *grid = window_->viewGrid();
        QCOMPARE(grid->layoutMode(), ui::ViewLayoutMode::TwoByTwo);
        QCOMPARE(grid->visibleViewCount(), 4);
        for (int i = 0; i < ui::ViewGrid::kViewCount; ++i) {
            QTRY_VERIFY(grid->view(static_cast<ui::ViewGrid::ViewId>(i))->frameCount() > 0);
        }
    }

    void layoutShortcutsSwitchLayouts_data() {
        QTest::addColumn<QKeySequence>("shortcut");
        QTest::addColumn<int>("visibleViews");
        QTest::newRow("1x1") << QKeySequence(Qt::CTRL | Qt::Key_2) << 1;
        QTest::newRow("1x3") << QKeySequence(Qt::CTRL | Qt::Key_3) << 3;
        QTest::newRow("2x2") << QKeySequence(Qt::CTRL | Qt::Key_1) << 4;
    }
    void layoutShortcutsSwitchLayouts() {
        QFETCH(QKeySequence, shortcut);
        QFETCH(int, visibleViews);
        window_->setLayoutMode(ui::ViewLayoutMode::OneByOne);
        if (visibleViews == 1) window_->setLayoutMode(ui::ViewLayoutMode::TwoByTwo);
        window_->activateWindow();
        QTRY_VERIFY(window_->isActiveWindow());
        QTest::keySequence(window_.get(), shortcut);
        QTRY_COMPARE(window_->viewGrid()->visibleViewCount(), visibleViews);
    }

    void oneByOneShowsTheActiveView() {
        window_->viewGrid()->setActiveView(ui::ViewGrid::Coronal);
        window_->setLayoutMode(ui::ViewLayoutMode::OneByOne);
        QVERIFY(window_->viewGrid()->view(ui::ViewGrid::Coronal)->isVisible());
        QVERIFY(!window_->viewGrid()->view(ui::ViewGrid::ThreeD)->isVisible());
    }

    void docksAreRealAndHideable() {
        for (QDockWidget *dock : {window_->patientDock(), window_->twinDock(), window_->timelineDock()}) {
            QVERIFY(dock->isVisible());
            dock->toggleViewAction()->trigger();
            QVERIFY(!dock->isVisible());
            dock->toggleViewAction()->trigger();
            QVERIFY(dock->isVisible());
        }
        QCOMPARE(window_->patientDock()->toggleViewAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
    }

    void menusCarryShortcuts() {
        QVERIFY(findAction(window_.get(), QStringLiteral("Open Demo Patient")));
        QCOMPARE(findAction(window_.get(), QStringLiteral("Open Demo Patient"))->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
        QCOMPARE(findAction(window_.get(), QStringLiteral("Quit"))->shortcut(), QKeySequence(QKeySequence::Quit));
        QCOMPARE(findAction(window_.get(), QStringLiteral("About Didymos"))->shortcut(), QKeySequence(Qt::Key_F1));
        QCOMPARE(findAction(window_.get(), QStringLiteral("Dark Theme"))->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    }

    void themeToggleChangesPalette() {
        window_->setTheme(ui::Theme::Light);
        const QColor light = QApplication::palette().color(QPalette::Window);
        findAction(window_.get(), QStringLiteral("Dark Theme"))->trigger();
        QCOMPARE(ui::ThemeManager::current(), ui::Theme::Dark);
        const QColor dark = QApplication::palette().color(QPalette::Window);
        QVERIFY2(dark.lightness() < light.lightness() - 80, qPrintable(QStringLiteral("%1 vs %2").arg(dark.name(), light.name())));
    }

    void settingsSurviveARestart() {
        window_->setLayoutMode(ui::ViewLayoutMode::OneByThree);
        window_->setTheme(ui::Theme::Light);
        window_->timelineDock()->hide();
        window_->resize(1111, 777);
        window_->close();  // saves
        window_.reset();
        ui::ThemeManager::apply(ui::Theme::Dark);
        openWindow();
        QCOMPARE(window_->viewGrid()->layoutMode(), ui::ViewLayoutMode::OneByThree);
        QCOMPARE(ui::ThemeManager::current(), ui::Theme::Light);
        QVERIFY(!window_->timelineDock()->isVisible());
        QCOMPARE(window_->size(), QSize(1111, 777));
    }

    void aboutListsLibraryVersions() {
        ui::AboutDialog about(testInventory(), window_.get());
        const QString text = about.componentsText();
        QVERIFY(text.contains(QStringLiteral("VTK")));
        QVERIFY(text.contains(QStringLiteral("9.1.0")));
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
    }

    void missingRecentEntryIsRemovedWithAClearMessage() {
        const QString missing = QDir::tempPath() + QStringLiteral("/didymos-no-such-folder");
        session::RecentFiles().add(missing);
        QSignalSpy failed(window_.get(), &ui::MainWindow::openFailed);
        window_->openRecent(missing);
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(missing));
        QVERIFY(!session::RecentFiles().paths().contains(missing));
    }

    void demoPatientLoadsInAJobWhileTheWindowAnswers() {
        int ticks = 0;
        QTimer heartbeat;
        connect(&heartbeat, &QTimer::timeout, this, [&ticks] { ++ticks; });
        heartbeat.start(20);
        QSignalSpy opened(window_.get(), &ui::MainWindow::patientOpened);
        QSignalSpy ctShown(window_.get(), &ui::MainWindow::seriesOpened);
        QSignalSpy surfaces(window_.get(), &ui::MainWindow::surfacesReady);
        window_->openDemoPatient();
        QVERIFY(window_->currentJob() && window_->currentJob()->isRunning());
        QVERIFY(window_->jobStatus()->isVisible());
        QVERIFY(opened.wait(120000));
        QVERIFY(ctShown.size() > 0 || ctShown.wait(180000));
        QVERIFY2(ticks >= 5, qPrintable(QStringLiteral("event loop starved: %1 ticks").arg(ticks)));

        const phantom::DemoPatient *patient = window_->demoPatient();
        QVERIFY(patient);
        QVERIFY(patient->ct.dimension(2) >= 100);
        QVERIFY(window_->windowTitle().contains(patient->identity.patientId));
        QVERIFY(session::RecentFiles().paths().contains(QDir(core::AppPaths::demoPatientDir()).absolutePath()));

        // The axial view shows the CT: the middle of the body is not the black background.
        ui::VtkOpenGLView *axial = window_->viewGrid()->view(ui::ViewGrid::Axial);
        axial->requestRender();
        QTest::qWait(100);
        const QImage frame = axial->grabFramebuffer();
        const QColor centre = frame.pixelColor(frame.width() / 2, frame.height() / 2);
        QVERIFY2(centre.lightness() > 30, qPrintable(centre.name()));
        QTRY_VERIFY(window_->recentMenu()->actions().size() >= 3);  // entry, separator, clear

        // The demo's health record fills the summary and timeline docks and links to the CT.
        ui::HealthRecordController *records = window_->healthRecords();
        QVERIFY(records->loaded());
        QVERIFY(records->summaryPanel()->header()->text().contains(patient->identity.familyName));
        QVERIFY2(records->summaryPanel()->imagingLink()->text().contains(patient->identity.patientId),
                 qPrintable(records->summaryPanel()->imagingLink()->text()));
        QVERIFY(records->summaryPanel()->labs()->rowCount() >= 4);
        ui::TimelineView *timeline = records->timeline();
        int imaging = -1;
        for (int i = 0; i < timeline->events().size(); ++i) {
            if (timeline->events()[i].lane == ehr::TimelineEvent::Lane::Imaging) imaging = i;
        }
        QVERIFY(imaging >= 0);
        QCOMPARE(timeline->events()[imaging].studyInstanceUid, patient->identity.studyInstanceUid);
        // Clicking the imaging event opens the planning CT.
        timeline->window()->raise();
        QTRY_VERIFY(timeline->isVisible() && !timeline->eventRect(imaging).isEmpty());
        QSignalSpy studyOpened(window_.get(), &ui::MainWindow::imagingStudyOpened);
        QTest::mouseClick(timeline, Qt::LeftButton, Qt::NoModifier, timeline->eventRect(imaging).center().toPoint());
        QTRY_COMPARE(studyOpened.count(), 1);
        QCOMPARE(studyOpened.at(0).at(0).toString(), patient->identity.studyInstanceUid);

        // The demo opens as a DICOM study does: its files scanned into the browser (CT, RTSTRUCT,
        // RTPLAN, RTDOSE, with a thumbnail for the CT), the CT decoded from its files, the
        // RTSTRUCT's ROIs meshed into the 3D view.
        QVERIFY(surfaces.size() > 0 || surfaces.wait(180000));
        QTreeWidget *tree = window_->patientBrowser()->tree();
        QCOMPARE(tree->topLevelItemCount(), 1);
        QVERIFY(tree->topLevelItem(0)->text(0).contains(patient->identity.familyName));
        QTreeWidgetItem *study = tree->topLevelItem(0)->child(0);
        QVERIFY(study);
        QStringList modalities;
        for (int i = 0; i < study->childCount(); ++i) {
            modalities << study->child(i)->text(0).section(QLatin1Char(' '), 0, 0);
            if (modalities.last() == QStringLiteral("CT")) QVERIFY(!study->child(i)->icon(0).isNull());
        }
        modalities.sort();
        QCOMPARE(modalities, (QStringList{QStringLiteral("CT"), QStringLiteral("RTDOSE"), QStringLiteral("RTPLAN"), QStringLiteral("RTSTRUCT")}));
        const dicom::LoadedSeriesVolume *series = window_->dicomFolders()->series();
        QVERIFY(series);
        QCOMPARE(series->volume().voxels(), patient->ct.voxels());  // decoded from the files: the generator's CT
        QCOMPARE(window_->demoPatient(), patient);  // the demo's own study keeps its patient
        const int count = surfaces.at(0).at(0).toInt();
        QCOMPARE(count, static_cast<int>(patient->structures.size()));  // every ROI, the body outline faint
        QCOMPARE(window_->scenes()->overviewScene()->surfaceCount(), count);
        QVERIFY(!window_->jobStatus()->isVisible());  // no job left running
    }

    void cancellingTheDemoLeavesNoPatient() {
        window_->openDemoPatient();
        core::Job *job = window_->currentJob();
        QSignalSpy cancelled(job, &core::Job::cancelled);
        QTest::mouseClick(window_->jobStatus()->cancelButton(), Qt::LeftButton);
        QVERIFY(cancelled.wait(60000));
        QCOMPARE(window_->demoPatient(), nullptr);
    }

    void hidePhiRemovesThePatientAnnotation() {
        QAction *hide = findAction(window_.get(), QStringLiteral("Hide PHI"));
        QVERIFY(hide);
        QCOMPARE(hide->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
        ui::PatientSceneController *scenes = window_->scenes();
        scenes->setPatientAnnotation(QStringLiteral("DOE, JANE\nID PAT-42\nStudy 2024-03-01"));
        const auto upperLeft = [scenes](int view) {
            return QString::fromStdString(scenes->sliceScene(view)->annotationText(vtkCornerAnnotation::UpperLeft));
        };
        for (int view = 0; view < 3; ++view) QVERIFY(upperLeft(view).contains(QStringLiteral("PAT-42")));
        hide->trigger();
        QVERIFY(window_->phiHidden());
        for (int view = 0; view < 3; ++view) {
            QVERIFY(!upperLeft(view).contains(QStringLiteral("PAT-42")));
            QVERIFY(!upperLeft(view).contains(QStringLiteral("DOE")));
        }
        scenes->setPatientAnnotation(QStringLiteral("ROE, RICHARD\nID PAT-43"));  // a new patient stays hidden
        QVERIFY(!upperLeft(0).contains(QStringLiteral("PAT-43")));
        window_->setPhiHidden(false);
        QVERIFY(upperLeft(0).contains(QStringLiteral("PAT-43")));
    }

    void sliceViewsShareCursorAndWindow() {
        ui::PatientSceneController *scenes = window_->scenes();
        core::ScalarVolume volume = rampVolume();
        volume.setValueMapping(2.0, -100.0);
        scenes->showVolume(volume);
        ui::VtkOpenGLView *axial = window_->viewGrid()->view(ui::ViewGrid::Axial);
        QTRY_VERIFY(axial->frameCount() > 0);
        // A click in the axial view: the coronal and sagittal views go through that point.
        const QPoint click(axial->width() / 2 + 20, axial->height() / 2 - 10);
        sendMouse(axial, QEvent::MouseButtonPress, click, Qt::LeftButton, Qt::LeftButton);
        sendMouse(axial, QEvent::MouseButtonRelease, click, Qt::LeftButton, Qt::NoButton);
        QVERIFY(scenes->cursor());
        const auto point = *scenes->cursor();
        QVERIFY(point[0] > 15.5);  // right of centre: the patient's left
        QVERIFY(point[1] < 15.5);  // above centre: anterior
        QCOMPARE(scenes->sliceScene(ui::ViewGrid::Axial)->slicePositionMm(), 15.5);  // unchanged
        QCOMPARE(scenes->sliceScene(ui::ViewGrid::Coronal)->slicePositionMm(), point[1]);
        QCOMPARE(scenes->sliceScene(ui::ViewGrid::Sagittal)->slicePositionMm(), point[0]);
        for (int view = 0; view < 3; ++view) QVERIFY(scenes->sliceScene(view)->crosshair().actor()->GetVisibility());
        // The crosshair is drawn: bluish pixels on the vertical line through the click.
        const QImage frame = axial->grabFramebuffer();
        const qreal ratio = axial->devicePixelRatioF();
        bool bluish = false;
        for (int dx = -2; dx <= 2; ++dx) {
            const QColor colour = frame.pixelColor(qRound((click.x() + dx) * ratio), qRound((click.y() + 20) * ratio));
            bluish = bluish || colour.blue() - colour.red() > 60;
        }
        QVERIFY(bluish);
        // Shift+move in the sagittal view moves the cursor too.
        ui::VtkOpenGLView *sagittal = window_->viewGrid()->view(ui::ViewGrid::Sagittal);
        sendMouse(sagittal, QEvent::MouseMove, QPoint(sagittal->width() / 2, sagittal->height() / 2 - 30), Qt::NoButton,
                  Qt::NoButton, Qt::ShiftModifier);
        QVERIFY(scenes->cursor()->at(2) > 16.0);  // up: superior
        QCOMPARE(scenes->sliceScene(ui::ViewGrid::Axial)->slicePositionMm(), std::min(31.0, scenes->cursor()->at(2)));

        // The value under the mouse uses the volume's value mapping.
        sendMouse(axial, QEvent::MouseMove, click, Qt::NoButton, Qt::NoButton);
        const QString readout = QString::fromStdString(scenes->sliceScene(ui::ViewGrid::Axial)->annotationText(vtkCornerAnnotation::LowerLeft));
        const double column = std::round(point[0]);
        QVERIFY2(readout.endsWith(QStringLiteral(" mm · %1 HU").arg(column * 2.0 - 100.0)), qPrintable(readout));

        // A preset key in one view sets the window of all three.
        axial->setFocus();
        QTest::keyClick(axial, Qt::Key_2);
        for (int view = 0; view < 3; ++view) {
            QCOMPARE(scenes->sliceScene(view)->windowLevel().width, 1500.0);
            QCOMPARE(QString::fromStdString(scenes->sliceScene(view)->annotationText(vtkCornerAnnotation::LowerRight)),
                     QStringLiteral("W 1500 L -600"));
        }
        // A right drag in the coronal view, too.
        ui::VtkOpenGLView *coronal = window_->viewGrid()->view(ui::ViewGrid::Coronal);
        const QPoint start = coronal->rect().center();
        sendMouse(coronal, QEvent::MouseButtonPress, start, Qt::RightButton, Qt::RightButton);
        sendMouse(coronal, QEvent::MouseMove, start + QPoint(30, 0), Qt::NoButton, Qt::RightButton);
        sendMouse(coronal, QEvent::MouseButtonRelease, start + QPoint(30, 0), Qt::RightButton, Qt::NoButton);
        QVERIFY(scenes->windowLevel().width > 1500.0);
        QCOMPARE(scenes->sliceScene(ui::ViewGrid::Axial)->windowLevel().width, scenes->windowLevel().width);
    }

    void droppedFoldersAndFilesOpen() {
        QTemporaryDir dicomFolder;
        QVERIFY(dicomFolder.isValid());
        QVERIFY(dropPaths(window_.get(), {dicomFolder.path()}));
        QVERIFY(window_->currentJob());
        QCOMPARE(window_->currentJob()->title(), QStringLiteral("Scanning DICOM folder"));
        QTRY_VERIFY_WITH_TIMEOUT(!window_->currentJob()->isRunning(), 30000);

        QTemporaryDir recordFolder;
        const QString bundle = recordFolder.filePath(QStringLiteral("bundle.json"));
        QFile file(bundle);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"resourceType":"Bundle","type":"collection","entry":[]})");
        file.close();
        QVERIFY(dropPaths(window_.get(), {bundle}));
        QCOMPARE(window_->currentJob()->title(), QStringLiteral("Reading health record"));
        QTRY_VERIFY_WITH_TIMEOUT(!window_->currentJob()->isRunning(), 30000);

        // Anything else is refused at drag-enter: nothing starts.
        const QString text = recordFolder.filePath(QStringLiteral("notes.txt"));
        QFile other(text);
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.close();
        core::Job *before = window_->currentJob();
        QVERIFY(!dropPaths(window_.get(), {text}));
        QVERIFY(!dropPaths(window_.get(), {recordFolder.filePath(QStringLiteral("missing"))}));
        QCOMPARE(window_->currentJob(), before);
        QVERIFY(ui::MainWindow::canOpenDroppedPath(recordFolder.filePath(QStringLiteral("DICOMDIR"))) == false);  // absent
    }

    void screenshotIsWritten() {
        const QString path = test::scratchDir(QStringLiteral("mainwindow")) + QStringLiteral("/window.png");
        QVERIFY(window_->saveScreenshot(path));
        const QImage image(path);
        QCOMPARE(image.size(), window_->size() * window_->devicePixelRatioF());
    }
};

DIDYMOS_VTK_TEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
