#pragma once
// Binds a loaded health record to the patient summary dock and the timeline dock. Importing
// (EhrImporter), summarising and building the timeline run in a Job off the GUI thread
// (LoadedHealthRecord::load); show() only fills widgets.

#include "twin/core/Job.h"
#include "twin/ehr/ImagingLink.h"
#include "twin/ehr/PatientRecord.h"
#include "twin/ehr/PatientSummary.h"
#include "twin/ehr/TimelineEvent.h"

#include <QObject>

#include <memory>

class QDockWidget;
class QStackedWidget;

namespace twin::ui {

class PatientSummaryPanel;
class TimelineView;

struct LoadedHealthRecord {
    ehr::PatientRecord record;
    ehr::PatientSummary summary;
    QList<ehr::TimelineEvent> timeline;
    QList<ehr::DicomPatientSummary> dicomPatients;  // of the loaded images
    QList<ehr::PatientMatch> matches;               // record patient vs each DICOM patient
    QList<ehr::ImagingStudyLink> studyLinks;        // ImagingStudy resources -> loaded studies

    /// Imports `path`, derives summary (as of now) and timeline, and links the record to the
    /// DICOM patients of `dicomFiles` (one file per loaded series). Runs on a worker thread.
    static core::Result<LoadedHealthRecord> load(const QString &path, const QStringList &dicomFiles,
                                                 core::JobContext *context);
    /// "Linked to DICOM patient X (confidence 1.00: …)" or why not.
    QString imagingLinkText() const;
    /// Contradictions between the record and the images (shown as warnings).
    QStringList imagingLinkWarnings() const;
};

class HealthRecordController : public QObject {
    Q_OBJECT
public:
    HealthRecordController(QDockWidget *summaryDock, QDockWidget *timelineDock, QObject *parent = nullptr);

    /// A job that loads `path`; when it finishes the docks show the record.
    std::unique_ptr<core::Job> makeImportJob(const QString &path, const QStringList &dicomFiles);
    void show(std::shared_ptr<const LoadedHealthRecord> loaded);
    const LoadedHealthRecord *loaded() const { return loaded_.get(); }
    PatientSummaryPanel *summaryPanel() const { return summary_; }
    TimelineView *timeline() const { return timeline_; }

signals:
    void recordShown();
    void imagingStudyRequested(const QString &studyInstanceUid);

private:
    PatientSummaryPanel *summary_ = nullptr;
    TimelineView *timeline_ = nullptr;
    QStackedWidget *timelineStack_ = nullptr;
    std::shared_ptr<const LoadedHealthRecord> loaded_;
};

}  // namespace twin::ui
