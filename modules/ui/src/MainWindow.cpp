#include "twin/ui/MainWindow.h"

#include "twin/core/AppPaths.h"
#include "twin/core/Job.h"
#include "twin/phantom/DemoPatientGenerator.h"
#include "twin/session/RecentFiles.h"
#include "twin/ui/AboutDialog.h"
#include "twin/ui/EmptyStatePanel.h"
#include "twin/dicom/DicomIndex.h"
#include "twin/dicom/SeriesFinding.h"
#include "twin/ui/DicomFolderController.h"
#include "twin/ui/HealthRecordController.h"
#include "twin/ui/LoadedDicomFolder.h"
#include "twin/ui/TumourCoursePanel.h"
#include "twin/ui/TwinModelsPanel.h"
#include "twin/simulation/PluginLoader.h"
#include "twin/ui/JobStatusWidget.h"
#include "twin/imaging/Segmentation.h"
#include "twin/ui/DosePanel.h"
#include "twin/visualization/CtVolumeRendering.h"
#include "twin/visualization/VolumeOverviewScene.h"
#include "twin/ui/SegmentEditorPanel.h"
#include "twin/ui/SegmentationController.h"
#include "twin/ui/PatientBrowserPanel.h"
#include "twin/ui/PatientSceneController.h"
#include "twin/ui/ViewGrid.h"
#include "twin/ui/VtkOpenGLView.h"

#include <algorithm>

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>
#include <QMenu>
#include <QMenuBar>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTreeWidget>

#include <vtkImageData.h>
#include <vtkPolyData.h>

namespace twin::ui {

namespace {
constexpr int kStatusMessageMs = 6000;
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kLayoutKey = QStringLiteral("view/layout");
const QString kThemeKey = QStringLiteral("ui/theme");

// A FHIR file, a FHIR/NDJSON folder or a Synthea CSV folder is a health record.
bool isHealthRecordPath(const QString &path) {
    const QFileInfo info(path);
    const QStringList recordFiles{QStringLiteral("*.json"), QStringLiteral("*.ndjson"), QStringLiteral("patients.csv")};
    const QString suffix = info.suffix().toLower();
    return info.isDir() ? !QDir(path).entryList(recordFiles, QDir::Files).isEmpty()
                        : (suffix == QStringLiteral("json") || suffix == QStringLiteral("ndjson"));
}

// "Family^Given" (DICOM PN) as "Family, Given".
QString displayPersonName(QString name) {
    name.replace(QLatin1Char('^'), QStringLiteral(", "));
    while (name.endsWith(QStringLiteral(", "))) name.chop(2);
    return name;
}

// YYYYMMDD (DICOM DA) as YYYY-MM-DD; anything else unchanged.
QString displayDate(const QString &date) {
    if (date.size() == 8 && date.toInt() > 0) return date.left(4) + QLatin1Char('-') + date.mid(4, 2) + QLatin1Char('-') + date.mid(6, 2);
    return date;
}

QString patientAnnotation(const QString &name, const QString &patientId, const QString &studyDate) {
    QStringList lines;
    if (!name.isEmpty()) lines << name;
    if (!patientId.isEmpty()) lines << QStringLiteral("ID %1").arg(patientId);
    if (!studyDate.isEmpty()) lines << QStringLiteral("Study %1").arg(displayDate(studyDate));
    return lines.join(QLatin1Char('\n'));
}
}  // namespace

MainWindow::MainWindow(reporting::SoftwareInventory inventory, QWidget *parent)
    : QMainWindow(parent), inventory_(std::move(inventory)) {
    setObjectName(QStringLiteral("didymosMainWindow"));
    setWindowTitle(tr("Didymos"));
    grid_ = new ViewGrid(this);  // owned by the window
    setCentralWidget(grid_);
    scenes_ = std::make_unique<PatientSceneController>(grid_);
    setAcceptDrops(true);
    buildDocks();
    buildMenus();
    jobStatus_ = new JobStatusWidget(this);
    patientLabel_ = new QLabel(tr("No patient"), this);
    statusBar()->addPermanentWidget(jobStatus_);
    statusBar()->addPermanentWidget(patientLabel_);
    statusBar()->showMessage(tr("Ready"), kStatusMessageMs);
    connect(grid_, &ViewGrid::layoutModeChanged, this, [this](ViewLayoutMode mode) {
        for (QAction *action : layoutActions_->actions()) {
            action->setChecked(action->data().toString() == layoutModeKey(mode));
        }
    });
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks() {
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    browser_ = new PatientBrowserPanel(this);
    patientDock_ = new QDockWidget(tr("Patient Browser"), this);
    patientDock_->setObjectName(QStringLiteral("patientBrowserDock"));
    patientDock_->setWidget(browser_);
    addDockWidget(Qt::LeftDockWidgetArea, patientDock_);

    twinDock_ = new QDockWidget(tr("Twin"), this);
    twinDock_->setObjectName(QStringLiteral("twinDock"));
    // The model catalogue: plugins are checked from their metadata before any of their code
    // runs (PluginLoader); each accepted model's parameter panel comes from its model.json.
    twinDock_->setWidget(new TwinModelsPanel(simulation::PluginLoader::load(), twinDock_));
    addDockWidget(Qt::RightDockWidgetArea, twinDock_);

    summaryDock_ = new QDockWidget(tr("Patient Summary"), this);
    summaryDock_->setObjectName(QStringLiteral("patientSummaryDock"));
    addDockWidget(Qt::RightDockWidgetArea, summaryDock_);
    tabifyDockWidget(twinDock_, summaryDock_);
    summaryDock_->raise();

    segmentation_ = std::make_unique<SegmentationController>(scenes_.get());
    segmentEditor_ = new SegmentEditorPanel(segmentation_.get(), this);
    segmentEditor_->setCursorProvider([this] { return scenes_->cursor(); });
    segmentDock_ = new QDockWidget(tr("Segment Editor"), this);
    segmentDock_->setObjectName(QStringLiteral("segmentEditorDock"));
    segmentDock_->setWidget(segmentEditor_);
    addDockWidget(Qt::RightDockWidgetArea, segmentDock_);
    tabifyDockWidget(twinDock_, segmentDock_);
    dosePanel_ = new DosePanel(scenes_.get(), segmentation_.get(), this);
    doseDock_ = new QDockWidget(tr("Dose"), this);
    doseDock_->setObjectName(QStringLiteral("doseDock"));
    doseDock_->setWidget(dosePanel_);
    addDockWidget(Qt::RightDockWidgetArea, doseDock_);
    tabifyDockWidget(twinDock_, doseDock_);
    coursePanel_ = new TumourCoursePanel(this);
    courseDock_ = new QDockWidget(tr("Tumour Course"), this);
    courseDock_->setObjectName(QStringLiteral("tumourCourseDock"));
    courseDock_->setWidget(coursePanel_);
    addDockWidget(Qt::RightDockWidgetArea, courseDock_);
    tabifyDockWidget(twinDock_, courseDock_);
    connect(coursePanel_, &TumourCoursePanel::courseReady, this, [this] {
        const auto &points = coursePanel_->outcome().course.points();
        if (points.size() >= 2)
            statusBar()->showMessage(tr("Tumour course: %1").arg(coursePanel_->summaryLabel()->text()), kStatusMessageMs);
        emit tumourCourseReady();
    });
    summaryDock_->raise();

    timelineDock_ = new QDockWidget(tr("Timeline"), this);
    timelineDock_->setObjectName(QStringLiteral("timelineDock"));
    addDockWidget(Qt::BottomDockWidgetArea, timelineDock_);
    records_ = std::make_unique<HealthRecordController>(summaryDock_, timelineDock_);
    connect(records_.get(), &HealthRecordController::imagingStudyRequested, this, &MainWindow::openImagingStudy);
    dicom_ = std::make_unique<DicomFolderController>(browser_);
    connect(browser_, &PatientBrowserPanel::seriesActivated, this, &MainWindow::openSeries);
    connect(browser_, &PatientBrowserPanel::loadableActivated, this, &MainWindow::openSeriesLoadable);
    resizeDocks({patientDock_, twinDock_}, {320, 330}, Qt::Horizontal);
    resizeDocks({timelineDock_}, {130}, Qt::Vertical);
}

void MainWindow::buildMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *demo = file->addAction(tr("Open &Demo Patient"), this, &MainWindow::openDemoPatient);
    demo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    QAction *dicomFolder = file->addAction(tr("Open DICOM &Folder…"), this, [this] {
        const QString path = QFileDialog::getExistingDirectory(this, tr("Open DICOM Folder"));
        if (!path.isEmpty()) openDicomFolder(path);
    });
    dicomFolder->setShortcut(QKeySequence::Open);
    QAction *record = file->addAction(tr("Open &Health Record…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Health Record"), QString(),
                                                          tr("FHIR R4 (*.json *.ndjson);;All files (*)"));
        if (!path.isEmpty()) openHealthRecord(path);
    });
    record->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *recordFolder = file->addAction(tr("Open Health Record &Folder…"), this, [this] {
        const QString path = QFileDialog::getExistingDirectory(this, tr("Open FHIR or Synthea CSV Folder"));
        if (!path.isEmpty()) openHealthRecord(path);
    });
    recordFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction *shot = file->addAction(tr("Save &Screenshot…"), this, [this] {
        const QString path = QDir::home().filePath(QStringLiteral("didymos-screenshot.png"));
        if (saveScreenshot(path)) statusBar()->showMessage(tr("Screenshot saved to %1").arg(path), kStatusMessageMs);
    });
    shot->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QMenu *layout = view->addMenu(tr("&Layout"));
    layoutActions_ = new QActionGroup(this);
    const struct {
        ViewLayoutMode mode;
        QString label;
        Qt::Key key;
    } layouts[] = {{ViewLayoutMode::TwoByTwo, tr("2 × 2"), Qt::Key_1},
                   {ViewLayoutMode::OneByOne, tr("1 × 1 (active view)"), Qt::Key_2},
                   {ViewLayoutMode::OneByThree, tr("1 × 3 (slices)"), Qt::Key_3}};
    for (const auto &entry : layouts) {
        QAction *action = layout->addAction(entry.label, this, [this, mode = entry.mode] { setLayoutMode(mode); });
        action->setCheckable(true);
        action->setData(layoutModeKey(entry.mode));
        action->setShortcut(QKeySequence(Qt::CTRL | entry.key));
        action->setChecked(entry.mode == grid_->layoutMode());
        layoutActions_->addAction(action);
    }
    QMenu *panels = view->addMenu(tr("&Panels"));
    for (QDockWidget *dock : {patientDock_, summaryDock_, twinDock_, segmentDock_, doseDock_, courseDock_, timelineDock_})
        panels->addAction(dock->toggleViewAction());
    courseDock_->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    segmentDock_->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E));
    doseDock_->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_D));
    summaryDock_->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    patientDock_->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
    twinDock_->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_T));
    timelineDock_->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L));
    QMenu *threeD = view->addMenu(tr("&3D View"));
    auto *presets = new QActionGroup(this);  // owned by the window
    const visualization::VolumePreset volumePresets[] = {visualization::VolumePreset::Off, visualization::VolumePreset::Bone,
                                                         visualization::VolumePreset::SoftTissue, visualization::VolumePreset::Lung};
    for (const visualization::VolumePreset preset : volumePresets) {
        const QString label = preset == visualization::VolumePreset::Off ? tr("No Volume Rendering")
                                                                         : tr("Volume Rendering: %1").arg(visualization::CtVolumeRendering::name(preset));
        QAction *action = threeD->addAction(label, this, [this, preset] {
            scenes_->overviewScene()->setVolumePreset(preset);
            if (preset != visualization::VolumePreset::Off) scenes_->overviewScene()->setPlanesVisible(false);
            scenes_->requestRender();
        });
        action->setCheckable(true);
        action->setChecked(preset == visualization::VolumePreset::Off);
        presets->addAction(action);
    }
    threeD->addSeparator();
    QAction *planes = threeD->addAction(tr("Slice &Planes"), this, [this](bool on) {
        scenes_->overviewScene()->setPlanesVisible(on);
        scenes_->requestRender();
    });
    planes->setCheckable(true);
    planes->setChecked(true);
    connect(threeD, &QMenu::aboutToShow, this, [this, planes] { planes->setChecked(scenes_->overviewScene()->planesVisible()); });
    QAction *clip = threeD->addAction(tr("&Clip Box"), this, [this](bool on) { scenes_->setClipBoxEnabled(on); });
    clip->setCheckable(true);
    clip->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_B));
    view->addSeparator();
    darkThemeAction_ = view->addAction(tr("&Dark Theme"));
    darkThemeAction_->setCheckable(true);
    darkThemeAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    connect(darkThemeAction_, &QAction::toggled, this, [this](bool dark) { setTheme(dark ? Theme::Dark : Theme::Light); });
    hidePhiAction_ = view->addAction(tr("&Hide PHI"));
    hidePhiAction_->setCheckable(true);
    hidePhiAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    hidePhiAction_->setToolTip(tr("Hide the patient's name, ID and study date in the views"));
    connect(hidePhiAction_, &QAction::toggled, this, [this](bool hidden) { scenes_->setPatientAnnotationVisible(!hidden); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Didymos"), this, &MainWindow::showAbout);
    about->setShortcut(QKeySequence(Qt::Key_F1));
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::setLayoutMode(ViewLayoutMode mode) { grid_->setLayoutMode(mode); }

void MainWindow::setTheme(Theme theme) {
    ThemeManager::apply(theme);
    if (darkThemeAction_->isChecked() != (theme == Theme::Dark)) darkThemeAction_->setChecked(theme == Theme::Dark);
}

void MainWindow::showAbout() {
    AboutDialog dialog(inventory_, this);
    dialog.exec();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList paths = session::RecentFiles().paths();
    for (int i = 0; i < paths.size(); ++i) {
        QAction *action = recentMenu_->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(paths[i]), this,
                                                 [this, path = paths[i]] { openRecent(path); });
        action->setData(paths[i]);
    }
    if (!paths.isEmpty()) recentMenu_->addSeparator();
    QAction *clear = recentMenu_->addAction(tr("Clear List"), this, [this] {
        session::RecentFiles().clear();
        rebuildRecentMenu();
    });
    clear->setEnabled(!paths.isEmpty());
}

void MainWindow::openRecent(const QString &path) {
    if (!QFileInfo::exists(path)) {
        session::RecentFiles().remove(path);
        rebuildRecentMenu();
        reportError(core::Error::notFound(tr("no longer exists; removed from the recent list")).inFile(path));
        return;
    }
    if (QDir(path).absolutePath() == QDir(core::AppPaths::demoPatientDir()).absolutePath()) {
        openDemoPatient();
        return;
    }
    // A health record (see isHealthRecordPath); anything else (a folder of images, a
    // DICOMDIR) is scanned as DICOM.
    if (isHealthRecordPath(path)) openHealthRecord(path);
    else openDicomFolder(path);
}

bool MainWindow::canOpenDroppedPath(const QString &path) {
    const QFileInfo info(path);
    if (!info.exists()) return false;
    if (info.isDir()) return true;
    return info.fileName().compare(QStringLiteral("DICOMDIR"), Qt::CaseInsensitive) == 0 || isHealthRecordPath(path);
}

bool MainWindow::openDroppedPath(const QString &path) {
    if (!canOpenDroppedPath(path)) {
        statusBar()->showMessage(tr("Cannot open %1: drop a DICOM folder, a DICOMDIR or a FHIR file or folder").arg(path),
                                 kStatusMessageMs);
        return false;
    }
    if (isHealthRecordPath(path)) openHealthRecord(path);
    else openDicomFolder(path);
    return true;
}

namespace {
// The first local path among a drag's URLs that the window can open; "" when none.
QString droppablePath(const QMimeData *mime) {
    if (!mime || !mime->hasUrls()) return {};
    for (const QUrl &url : mime->urls()) {
        if (!url.isLocalFile()) continue;
        const QString path = url.toLocalFile();
        if (MainWindow::canOpenDroppedPath(path)) return path;
    }
    return {};
}
}  // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent *event) {
    if (!droppablePath(event->mimeData()).isEmpty()) event->acceptProposedAction();
    else event->ignore();
}

void MainWindow::dropEvent(QDropEvent *event) {
    const QString path = droppablePath(event->mimeData());
    if (path.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    openDroppedPath(path);
}

void MainWindow::setPhiHidden(bool hidden) { hidePhiAction_->setChecked(hidden); }

bool MainWindow::phiHidden() const { return hidePhiAction_->isChecked(); }

void MainWindow::openDemoPatient() {
    if (!readyForNewJob()) return;
    auto patient = std::make_shared<phantom::DemoPatient>();
    auto record = std::make_shared<LoadedHealthRecord>();
    const QString directory = core::AppPaths::demoPatientDir();
    auto job = std::make_unique<core::Job>(tr("Preparing demo patient"), [patient, record, directory](core::JobContext &context) -> core::Status {
        auto result = phantom::DemoPatientGenerator::generate(directory, {}, &context);
        if (!result.ok()) return result.error();
        // A second study of the same patient, so the demo shows the tumour's course.
        const phantom::FollowUpOptions followUp;
        const QString followUpDir = directory + QStringLiteral("/follow-up-%1d").arg(followUp.daysAfterPlanningCt);
        if (auto later = phantom::DemoPatientGenerator::generateFollowUp(followUpDir, followUp, {}, nullptr); !later.ok())
            return later.error();
        *patient = std::move(result).value();
        auto loaded = LoadedHealthRecord::load(patient->files.fhirBundlePath,
                                               {patient->files.ctFiles.value(0), patient->files.rtStructPath}, nullptr);
        if (!loaded.ok()) return loaded.error();
        *record = std::move(loaded).value();
        return {};
    });
    connect(job.get(), &core::Job::finished, this, [this, patient, record] { onDemoReady(patient, record); });
    connect(job.get(), &core::Job::failed, this, &MainWindow::reportError);
    connect(job.get(), &core::Job::cancelled, this, [this] { statusBar()->showMessage(tr("Cancelled"), kStatusMessageMs); });
    startJob(std::move(job));
}

bool MainWindow::readyForNewJob() {
    if (!job_ || !job_->isRunning()) return true;
    if (backgroundJob_) {  // e.g. meshing the structures of a series being replaced: latest wins
        job_->cancel();
        return true;
    }
    statusBar()->showMessage(tr("Busy: %1").arg(job_->title()), kStatusMessageMs);
    return false;
}

void MainWindow::startJob(std::unique_ptr<core::Job> job, bool background) {
    backgroundJob_ = background;
    if (job_) job_.release()->deleteLater();
    job_ = std::move(job);
    jobStatus_->track(job_.get());
    job_->start();
}

void MainWindow::openHealthRecord(const QString &path) {
    if (!readyForNewJob()) return;
    QStringList dicomFiles;
    if (patient_) dicomFiles << patient_->files.ctFiles.value(0);
    std::unique_ptr<core::Job> job = records_->makeImportJob(path, dicomFiles);
    connect(job.get(), &core::Job::finished, this, [this, path] {
        session::RecentFiles().add(path);
        rebuildRecentMenu();
        statusBar()->showMessage(tr("Health record open: %1").arg(path), kStatusMessageMs);
        if (!patient_ && records_->loaded()) {  // no images: the record names the patient
            const ehr::PatientSummary &summary = records_->loaded()->summary;
            const QString details = QStringLiteral("%1 · %2 · born %3")
                                        .arg(summary.patientId, summary.sex,
                                             summary.birthDate ? summary.birthDate->toString(Qt::ISODate) : tr("unknown"));
            browser_->showRecordPatient(summary.displayName, details, path, records_->loaded()->record.countsByType);
            patientLabel_->setText(QStringLiteral("%1 (%2)").arg(summary.displayName, summary.patientId));
            setWindowTitle(tr("Didymos — %1").arg(summary.patientId));
        }
        emit healthRecordOpened();
    });
    connect(job.get(), &core::Job::failed, this, &MainWindow::reportError);
    startJob(std::move(job));
}

void MainWindow::openDicomFolder(const QString &path, const QString &indexPath) {
    if (!readyForNewJob()) return;
    std::unique_ptr<core::Job> job = dicom_->makeScanJob(path, indexPath.isEmpty() ? dicom::DicomIndex::defaultPath() : indexPath);
    connect(job.get(), &core::Job::finished, this, [this, path] {
        session::RecentFiles().add(path);
        rebuildRecentMenu();
        const dicom::DicomScanReport &report = dicom_->folder()->report;
        statusBar()->showMessage(tr("%1: %2 new, %3 unchanged, %4 unreadable file(s) in %5 ms")
                                     .arg(path)
                                     .arg(report.added + report.updated)
                                     .arg(report.unchanged)
                                     .arg(report.broken)
                                     .arg(report.elapsedMs),
                                 kStatusMessageMs);
        emit dicomFolderOpened();
        // One patient: open the image series of their earliest study, as a viewer would (with
        // several studies that is the baseline the tumour course compares the others with).
        const LoadedDicomFolder *folder = dicom_->folder();
        if (folder->patients.size() == 1 && !folder->patients.first().studies.isEmpty()) {
            const auto &studies = folder->patients.first().studies;
            const auto earliest = std::min_element(studies.begin(), studies.end(), [](const auto &a, const auto &b) {
                return !a.study.date.isEmpty() && (b.study.date.isEmpty() || a.study.date < b.study.date);
            });
            const QString series = folder->defaultSeriesOfStudy(earliest->study.studyInstanceUid);
            if (!series.isEmpty()) openSeries(series);
        }
        // Several studies of a patient: follow the tumour over them (in the background).
        for (const LoadedDicomFolder::Patient &patient : folder->patients) {
            if (patient.studies.size() >= 2) {
                coursePanel_->compute({path});
                break;
            }
        }
    });
    connect(job.get(), &core::Job::failed, this, &MainWindow::reportError);
    startJob(std::move(job));
}

void MainWindow::openSeries(const QString &seriesInstanceUid) { openSeriesLoadable(seriesInstanceUid, -1); }

void MainWindow::openSeriesLoadable(const QString &seriesInstanceUid, int loadableIndex) {
    if (!readyForNewJob()) return;
    std::unique_ptr<core::Job> job = dicom_->makeSeriesJob(seriesInstanceUid, loadableIndex);
    if (!job) {
        reportError(core::Error::notFound(tr("series %1 is not in the open DICOM folder").arg(seriesInstanceUid)));
        return;
    }
    connect(job.get(), &core::Job::finished, this, [this, seriesInstanceUid] {
        const dicom::LoadedSeriesVolume *series = dicom_->series();
        // Another study replaces the demo patient; the demo's own CT keeps it (its record and twin).
        if (patient_ && series->studyInstanceUid != patient_->identity.studyInstanceUid) patient_.reset();
        scenes_->setValueUnit(series->modality == QStringLiteral("CT") ? QStringLiteral("HU") : QString());
        scenes_->showVolume(series->volume(), PatientSceneController::windowFor(series->volume(), series->modality));
        segmentation_->reset(series->volume().geometry());
        dosePanel_->setDose(nullptr, std::nullopt);
        segmentEditor_->setImage(std::shared_ptr<const core::ScalarVolume>(dicom_->seriesHandle(), &series->volume()));
        if (QTreeWidgetItem *item = browser_->seriesItem(seriesInstanceUid)) browser_->tree()->setCurrentItem(item);
        QStringList warnings;
        for (const dicom::SeriesFinding &finding : series->findings) {
            if (finding.severity != dicom::SeriesFinding::Severity::Info) warnings << finding.message();
        }
        const core::VolumeGeometry &g = series->volume().geometry();
        QString text = tr("Opened %1 (%2, %3×%4×%5 voxels of %6×%7×%8 mm)")
                           .arg(series->name.isEmpty() ? series->modality : series->name, series->modality)
                           .arg(g.dimensions[0]).arg(g.dimensions[1]).arg(g.dimensions[2])
                           .arg(g.spacingMm[0], 0, 'g', 3).arg(g.spacingMm[1], 0, 'g', 3).arg(g.spacingMm[2], 0, 'g', 3);
        if (const dicom::IndexedPatient *patient = dicom_->folder()->patientOfSeries(seriesInstanceUid)) {
            const QString name = displayPersonName(patient->name);
            patientLabel_->setText(QStringLiteral("%1 (%2)").arg(name, patient->patientId));
            setWindowTitle(tr("Didymos — %1").arg(patient->patientId));
            QString studyDate;
            for (const LoadedDicomFolder::Patient &entry : dicom_->folder()->patients) {
                for (const LoadedDicomFolder::Study &study : entry.studies) {
                    if (study.study.studyInstanceUid == series->studyInstanceUid) studyDate = study.study.date;
                }
            }
            scenes_->setPatientAnnotation(patientAnnotation(name, patient->patientId, studyDate));
        } else {
            scenes_->setPatientAnnotation({});
        }
        if (!warnings.isEmpty()) text += tr(" — %n finding(s): %1", nullptr, static_cast<int>(warnings.size())).arg(warnings.first());
        statusBar()->showMessage(text, 3 * kStatusMessageMs);
        statusBar()->setToolTip(warnings.join(QLatin1Char('\n')));
        emit seriesOpened(seriesInstanceUid);
        if (std::unique_ptr<core::Job> structures = dicom_->makeStructuresJob()) {
            connect(structures.get(), &core::Job::finished, this, &MainWindow::showDicomStructures);
            connect(structures.get(), &core::Job::failed, this, &MainWindow::reportError);
            startJob(std::move(structures), true);
        }
    });
    connect(job.get(), &core::Job::failed, this, &MainWindow::reportError);
    startJob(std::move(job));
}

void MainWindow::showDicomStructures() {
    // The structures become segments of the image's segmentation: editable, with volumes and
    // DVHs, and meshed (in parallel) by the segmentation controller for the 3D view.
    QList<core::LabelMap> masks;
    for (const DicomFolderController::Structure &structure : dicom_->structures()) {
        core::LabelMap mask = structure.mask;
        core::LabelInfo info;
        info.name = structure.name;
        info.rgb = {int(structure.rgb[0] * 255 + 0.5), int(structure.rgb[1] * 255 + 0.5), int(structure.rgb[2] * 255 + 0.5)};
        info.hasColour = true;
        mask.labels = {info};
        masks << std::move(mask);
    }
    imaging::Segmentation *segmentation = segmentation_->segmentation();
    QStringList warnings = dicom_->structureWarnings();
    if (const core::Status imported = segmentation->importStructures(masks); !imported.ok()) warnings.prepend(imported.error().message());
    for (const imaging::Segment &segment : segmentation->segments()) {
        // The body outline faint, the lungs and target volumes see-through: the tumour inside stays visible.
        bool external = false;
        for (const DicomFolderController::Structure &structure : dicom_->structures())
            if (structure.name == segment.name) external = structure.external;
        const bool enveloping = segment.name.startsWith(QStringLiteral("Lung"), Qt::CaseInsensitive) ||
                                segment.name.startsWith(QStringLiteral("PTV"), Qt::CaseInsensitive) ||
                                segment.name.startsWith(QStringLiteral("CTV"), Qt::CaseInsensitive);
        segmentation->setOpacity(segment.value, external ? 0.15 : (enveloping ? 0.3 : 1.0));
    }
    segmentEditor_->refresh();
    if (const auto &dose = dicom_->dose(); dose.grid) {
        dosePanel_->setDose(std::shared_ptr<const core::FloatVolume>(dose.grid, &dose.grid->doseGy), dose.prescriptionGy);
    }
    const int shown = static_cast<int>(segmentation->segments().size());
    QString text = tr("%n structure(s) shown", nullptr, shown);
    if (!warnings.isEmpty()) text += tr(" — %n warning(s): %1", nullptr, static_cast<int>(warnings.size())).arg(warnings.first());
    statusBar()->showMessage(text, 3 * kStatusMessageMs);
    statusBar()->setToolTip(warnings.join(QLatin1Char('\n')));
    connect(segmentation_.get(), &SegmentationController::meshesUpdated, this, [this, shown] { emit surfacesReady(shown); },
            Qt::SingleShotConnection);
    segmentation_->meshNow();
}

void MainWindow::openImagingStudy(const QString &studyInstanceUid) {
    if (dicom_->series() && dicom_->series()->studyInstanceUid == studyInstanceUid) {  // already shown
        if (grid_->layoutMode() == ViewLayoutMode::OneByOne) grid_->setActiveView(ViewGrid::Axial);
        grid_->view(ViewGrid::Axial)->setFocus();
        statusBar()->showMessage(tr("Study %1 is shown").arg(studyInstanceUid), kStatusMessageMs);
        emit imagingStudyOpened(studyInstanceUid);
        return;
    }
    if (dicom_->folder()) {
        const QString series = dicom_->folder()->defaultSeriesOfStudy(studyInstanceUid);
        if (!series.isEmpty()) {
            connect(this, &MainWindow::seriesOpened, this, [this, studyInstanceUid] { emit imagingStudyOpened(studyInstanceUid); },
                    Qt::SingleShotConnection);
            openSeries(series);
            return;
        }
    }
    if (patient_ && patient_->identity.studyInstanceUid == studyInstanceUid) {
        if (grid_->layoutMode() == ViewLayoutMode::OneByOne) grid_->setActiveView(ViewGrid::Axial);
        grid_->view(ViewGrid::Axial)->setFocus();
        grid_->renderAll();
        statusBar()->showMessage(tr("Planning CT shown (study %1)").arg(studyInstanceUid), kStatusMessageMs);
        emit imagingStudyOpened(studyInstanceUid);
        return;
    }
    reportError(core::Error::notFound(tr("study %1 is not among the loaded images").arg(studyInstanceUid)));
}

void MainWindow::onDemoReady(std::shared_ptr<phantom::DemoPatient> patient, std::shared_ptr<LoadedHealthRecord> record) {
    patient_ = std::move(patient);
    records_->show(std::move(record));
    const phantom::DemoPatientIdentity &id = patient_->identity;
    patientLabel_->setText(QStringLiteral("%1, %2 (%3)").arg(id.familyName, id.givenName, id.patientId));
    setWindowTitle(tr("Didymos — %1").arg(id.patientId));
    session::RecentFiles().add(patient_->files.rootDir);
    rebuildRecentMenu();
    statusBar()->showMessage(tr("Demo patient written to %1; opening it").arg(patient_->files.rootDir), kStatusMessageMs);
    emit patientOpened();
    // The demo's files open as any study does: scanned into the index, listed in the DICOM
    // browser, the CT decoded from its files, the RTSTRUCT's ROIs rasterised and meshed.
    openDicomFolder(patient_->files.rootDir);
}

void MainWindow::setTumourCourseProvider(
    std::function<core::Result<TumourCourseOutcome>(const QStringList &, core::JobContext &)> provider) {
    coursePanel_->setProvider(std::move(provider));
}

void MainWindow::reportError(const core::Error &error) {
    statusBar()->showMessage(error.message(), 3 * kStatusMessageMs);
    emit openFailed(error.message());
}

bool MainWindow::saveScreenshot(const QString &path) {
    const QPixmap pixmap = grab();
    if (pixmap.isNull() || !pixmap.save(path, "PNG")) {
        reportError(core::Error::io(tr("cannot write screenshot")).inFile(path));
        return false;
    }
    return true;
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kLayoutKey, layoutModeKey(grid_->layoutMode()));
    settings.setValue(kThemeKey, ThemeManager::key(ThemeManager::current()));
}

void MainWindow::restoreSettings() {
    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) resize(1400, 900);
    restoreState(settings.value(kStateKey).toByteArray());
    setLayoutMode(layoutModeFromKey(settings.value(kLayoutKey).toString()));
    setTheme(ThemeManager::fromKey(settings.value(kThemeKey).toString(), Theme::Dark));
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (job_ && job_->isRunning()) job_->cancel();
    saveSettings();
    QMainWindow::closeEvent(event);
}

}  // namespace twin::ui
