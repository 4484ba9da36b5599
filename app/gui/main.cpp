// didymos: the clinical twin workstation (GUI).
#include "DisplayProbe.h"
#include "GuiOptions.h"
#include "SoftwareInventoryBuilder.h"
#include "twin/ui/MainWindow.h"
#include "twin/ui/TumourCoursePanel.h"
#include "TumourCourseAssembler.h"
#include "twin/ui/ViewGrid.h"
#include "twin/ui/VtkOpenGLView.h"
#include "twin/imaging/VtkMessageRouter.h"

#include "twin/core/Job.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>

namespace {

// Takes the screenshot once every visible view has drawn the current scene, then quits.
void screenshotWhenSettled(twin::ui::MainWindow &window, const QString &path) {
    QTimer::singleShot(800, &window, [&window, path] {
        window.viewGrid()->renderAll();
        QTimer::singleShot(400, &window, [&window, path] {
            const bool ok = window.saveScreenshot(path);
            std::fprintf(ok ? stdout : stderr, ok ? "Screenshot saved: %s\n" : "didymos: error: cannot write %s\n",
                         qPrintable(path));
            QCoreApplication::exit(ok ? 0 : 1);
        });
    });
}

}  // namespace

int main(int argc, char **argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
    if (arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"))) {
        std::fputs(qPrintable(twin::app::GuiOptions::helpText()), stdout);
        return 0;
    }
    const twin::app::GuiOptions options = twin::app::GuiOptions::parse(arguments);
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "didymos: error: %s\n", qPrintable(options.error));
        return 2;
    }
    twin::ui::VtkOpenGLView::installDefaultSurfaceFormat();
    twin::app::ensureRuntimeDirectory();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Didymos"));
    QApplication::setApplicationName(QStringLiteral("didymos"));
    QApplication::setApplicationDisplayName(QStringLiteral("Didymos"));
    QApplication::setApplicationVersion(QStringLiteral(DIDYMOS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.didymos.Didymos"));
    twin::imaging::VtkMessageRouter::install();

    twin::ui::MainWindow window(twin::app::buildSoftwareInventory());
    window.setTumourCourseProvider([](const QStringList &folders, twin::core::JobContext &context)
                                       -> twin::core::Result<twin::ui::TumourCourseOutcome> {
        auto report = twin::app::TumourCourseAssembler::assemble({folders, {}}, &context);
        if (!report.ok()) return report.error();
        return twin::ui::TumourCourseOutcome{report.value().course, report.value().patientId, report.value().warnings};
    });
    if (!options.layout.isEmpty()) window.setLayoutMode(twin::ui::layoutModeFromKey(options.layout));
    if (!options.theme.isEmpty()) window.setTheme(twin::ui::ThemeManager::fromKey(options.theme));
    window.show();

    if (!options.screenshotPath.isEmpty()) {
        if (options.demo) {
            QObject::connect(&window, &twin::ui::MainWindow::surfacesReady, &window,
                             [&window, path = options.screenshotPath] { screenshotWhenSettled(window, path); });
            QObject::connect(&window, &twin::ui::MainWindow::openFailed, &window, [](const QString &message) {
                std::fprintf(stderr, "didymos: error: %s\n", qPrintable(message));
                QCoreApplication::exit(1);
            });
        } else if (!options.dicomPath.isEmpty()) {
            // After the scan, the single study's series opens; screenshot then (or after the
            // scan when there is no series to open).
            // The series' structures (RTSTRUCT) are meshed next when there are any: wait for them.
            QObject::connect(&window, &twin::ui::MainWindow::seriesOpened, &window, [&window, path = options.screenshotPath] {
                QTimer::singleShot(0, &window, [&window, path] {
                    if (!window.currentJob() || !window.currentJob()->isRunning()) screenshotWhenSettled(window, path);
                });
            });
            QObject::connect(&window, &twin::ui::MainWindow::surfacesReady, &window,
                             [&window, path = options.screenshotPath] { screenshotWhenSettled(window, path); });
            QObject::connect(&window, &twin::ui::MainWindow::dicomFolderOpened, &window, [&window, path = options.screenshotPath] {
                if (!window.currentJob() || !window.currentJob()->isRunning()) screenshotWhenSettled(window, path);  // nothing to open
            });
        } else if (!options.recordPath.isEmpty()) {
            QObject::connect(&window, &twin::ui::MainWindow::healthRecordOpened, &window,
                             [&window, path = options.screenshotPath] { screenshotWhenSettled(window, path); });
        } else {
            screenshotWhenSettled(window, options.screenshotPath);
        }
        if (!options.demo) {
            QObject::connect(&window, &twin::ui::MainWindow::openFailed, &window, [](const QString &message) {
                std::fprintf(stderr, "didymos: error: %s\n", qPrintable(message));
                QCoreApplication::exit(1);
            });
        }
    }
    if (options.demo) window.openDemoPatient();
    else if (!options.dicomPath.isEmpty()) window.openDicomFolder(options.dicomPath);
    else if (!options.recordPath.isEmpty()) window.openHealthRecord(options.recordPath);
    return QApplication::exec();
}
