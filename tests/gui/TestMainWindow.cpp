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
#include "twin/ui/HealthRecordController.h"
#include "twin/ui/PatientSummaryPanel.h"
#include "twin/ui/TimelineView.h"
#include "twin/ui/JobStatusWidget.h"
#include "twin/ui/MainWindow.h"
#include "twin/ui/PatientBrowserPanel.h"
#include "twin/ui/PatientSceneController.h"
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
        window_->openDemoPatient();
        QVERIFY(window_->currentJob() && window_->currentJob()->isRunning());
        QVERIFY(window_->jobStatus()->isVisible());
        QVERIFY(opened.wait(120000));
        QVERIFY2(ticks >= 5, qPrintable(QStringLiteral("event loop starved: %1 ticks").arg(ticks)));

        const phantom::DemoPatient *patient = window_->demoPatient();
        QVERIFY(patient);
        QVERIFY(patient->ct.dimension(2) >= 100);
        QVERIFY(window_->patientBrowser()->tree()->topLevelItemCount() == 1);
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

        // Then the organs are meshed in a second job and appear in the 3D view.
        QSignalSpy surfaces(window_.get(), &ui::MainWindow::surfacesReady);
        QVERIFY(surfaces.wait(120000));
        const int count = surfaces.at(0).at(0).toInt();
        QCOMPARE(count, static_cast<int>(patient->structures.size()) - 1);  // all but the body outline
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

    void screenshotIsWritten() {
        const QString path = test::scratchDir(QStringLiteral("mainwindow")) + QStringLiteral("/window.png");
        QVERIFY(window_->saveScreenshot(path));
        const QImage image(path);
        QCOMPARE(image.size(), window_->size() * window_->devicePixelRatioF());
    }
};

DIDYMOS_VTK_TEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
