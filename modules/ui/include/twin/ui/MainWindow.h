#pragma once
// The workstation window: four linked views in the centre, docks for the patient browser,
// the twin panel and the timeline, menus with shortcuts, recent files, a status bar with
// job progress. Layout, geometry, dock state and theme persist in QSettings.

#include "twin/reporting/SoftwareInventory.h"
#include "twin/ui/Theme.h"
#include "twin/ui/ViewLayoutMode.h"

#include <QMainWindow>

#include "twin/core/Result.h"

#include <functional>
#include <memory>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;

namespace twin::core {
class Error;
class Job;
class JobContext;
}  // namespace twin::core
namespace twin::phantom {
struct DemoPatient;
}

namespace twin::ui {

class DicomFolderController;
class HealthRecordController;
struct LoadedHealthRecord;
class JobStatusWidget;
class PatientBrowserPanel;
class PatientSceneController;
class DosePanel;
class SegmentEditorPanel;
class SegmentationController;
class TumourCoursePanel;
struct TumourCourseOutcome;
class ViewGrid;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(reporting::SoftwareInventory inventory, QWidget *parent = nullptr);
    ~MainWindow() override;

    ViewGrid *viewGrid() const { return grid_; }
    PatientSceneController *scenes() const { return scenes_.get(); }
    PatientBrowserPanel *patientBrowser() const { return browser_; }
    QDockWidget *patientDock() const { return patientDock_; }
    QDockWidget *twinDock() const { return twinDock_; }
    QDockWidget *timelineDock() const { return timelineDock_; }
    QDockWidget *summaryDock() const { return summaryDock_; }
    QDockWidget *tumourCourseDock() const { return courseDock_; }
    TumourCoursePanel *tumourCourse() const { return coursePanel_; }
    HealthRecordController *healthRecords() const { return records_.get(); }
    DicomFolderController *dicomFolders() const { return dicom_.get(); }
    QMenu *recentMenu() const { return recentMenu_; }
    JobStatusWidget *jobStatus() const { return jobStatus_; }
    /// The running or last job (null before the first).
    core::Job *currentJob() const { return job_.get(); }
    const phantom::DemoPatient *demoPatient() const { return patient_.get(); }

    void setLayoutMode(ViewLayoutMode mode);
    void setTheme(Theme theme);
    /// Generates (first time) and opens the demo patient in a Job; returns immediately. The
    /// demo holds the planning study and a follow-up study 90 days later (Tumour Course dock).
    void openDemoPatient();
    /// How the Tumour Course dock reads DICOM folders (set by the application: the builder
    /// lives above the modules). Without one the dock says so.
    void setTumourCourseProvider(std::function<core::Result<TumourCourseOutcome>(const QStringList &, core::JobContext &)> provider);
    /// Opens a path from the recent list.
    void openRecent(const QString &path);
    /// Reads a health record (FHIR file, FHIR folder or Synthea CSV folder) in a Job.
    void openHealthRecord(const QString &path);
    /// Scans a DICOM folder or DICOMDIR into the index (a Job) and shows it in the browser.
    /// `indexPath` empty: the index in the user data directory.
    void openDicomFolder(const QString &path, const QString &indexPath = {});
    /// Loads a series of the shown DICOM folder into the views (a Job).
    void openSeries(const QString &seriesInstanceUid);
    /// Loads another loadable (part) of the series last examined.
    void openSeriesLoadable(const QString &seriesInstanceUid, int loadableIndex);
    /// Shows the study with this DICOM Study Instance UID when it is loaded; an error otherwise.
    void openImagingStudy(const QString &studyInstanceUid);
    /// Opens a dropped (or otherwise given) path: a folder of images or a DICOMDIR as DICOM,
    /// a FHIR file (.json/.ndjson) or a FHIR / Synthea CSV folder as a health record.
    /// False (nothing started) for anything else.
    bool openDroppedPath(const QString &path);
    /// Whether openDroppedPath() would take `path`.
    static bool canOpenDroppedPath(const QString &path);
    /// Hide PHI (View menu, Ctrl+Shift+H): no patient name, ID or date in the views.
    void setPhiHidden(bool hidden);
    bool phiHidden() const;
    /// Writes a PNG of the whole window (views included); false with a status message on error.
    bool saveScreenshot(const QString &path);
    void showAbout();
    void saveSettings() const;
    SegmentEditorPanel *segmentEditor() const { return segmentEditor_; }
    DosePanel *dosePanel() const { return dosePanel_; }
    SegmentationController *segmentationController() const { return segmentation_.get(); }

signals:
    void patientOpened();
    /// The organ surfaces of the open patient are in the 3D view.
    void surfacesReady(int count);
    void openFailed(const QString &message);
    void healthRecordOpened();
    void imagingStudyOpened(const QString &studyInstanceUid);
    void dicomFolderOpened();
    void seriesOpened(const QString &seriesInstanceUid);
    /// The Tumour Course dock finished building a course.
    void tumourCourseReady();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildDocks();
    void buildMenus();
    void restoreSettings();
    void rebuildRecentMenu();
    void onDemoReady(std::shared_ptr<phantom::DemoPatient> patient, std::shared_ptr<LoadedHealthRecord> record);
    /// Makes `job` the current one (the previous is deleted later: we may be inside its signal).
    /// `background`: work a new request may cancel (latest wins) instead of waiting for it.
    void startJob(std::unique_ptr<core::Job> job, bool background = false);
    /// True when no job runs, or the running one is background work (then cancelled).
    bool readyForNewJob();
    void showDicomStructures();
    void reportError(const core::Error &error);

    reporting::SoftwareInventory inventory_;
    ViewGrid *grid_ = nullptr;
    std::unique_ptr<PatientSceneController> scenes_;
    PatientBrowserPanel *browser_ = nullptr;
    QDockWidget *patientDock_ = nullptr;
    QDockWidget *twinDock_ = nullptr;
    QDockWidget *timelineDock_ = nullptr;
    QDockWidget *summaryDock_ = nullptr;
    QDockWidget *courseDock_ = nullptr;
    TumourCoursePanel *coursePanel_ = nullptr;
    std::unique_ptr<HealthRecordController> records_;
    std::unique_ptr<DicomFolderController> dicom_;
    std::unique_ptr<SegmentationController> segmentation_;
    SegmentEditorPanel *segmentEditor_ = nullptr;
    QDockWidget *segmentDock_ = nullptr;
    DosePanel *dosePanel_ = nullptr;
    QDockWidget *doseDock_ = nullptr;
    QMenu *recentMenu_ = nullptr;
    QActionGroup *layoutActions_ = nullptr;
    QAction *darkThemeAction_ = nullptr;
    QAction *hidePhiAction_ = nullptr;
    JobStatusWidget *jobStatus_ = nullptr;
    QLabel *patientLabel_ = nullptr;
    std::unique_ptr<core::Job> job_;
    bool backgroundJob_ = false;
    std::shared_ptr<phantom::DemoPatient> patient_;
};

}  // namespace twin::ui
