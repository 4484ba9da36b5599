#include "twin/ui/HealthRecordController.h"

#include "twin/dicom/DicomFileProbe.h"
#include "twin/ehr/EhrImporter.h"
#include "twin/ui/EmptyStatePanel.h"
#include "twin/ui/PatientSummaryPanel.h"
#include "twin/ui/TimelineView.h"

#include <QDockWidget>
#include <QStackedWidget>

#include <algorithm>

namespace twin::ui {

namespace {

// One summary per DICOM patient ID, with the studies of the given files.
QList<ehr::DicomPatientSummary> dicomPatientsOf(const QStringList &files, QStringList &warnings) {
    QList<ehr::DicomPatientSummary> patients;
    for (const QString &file : files) {
        const auto header = dicom::DicomFileProbe::read(file);
        if (!header.ok()) {
            warnings << header.error().message();
            continue;
        }
        const dicom::DicomHeader &h = header.value();
        auto same = std::find_if(patients.begin(), patients.end(),
                                 [&h](const ehr::DicomPatientSummary &p) { return p.patientId == h.patientId; });
        if (same == patients.end()) {
            patients << ehr::DicomPatientSummary{h.patientId, h.patientName,
                                                 QDate::fromString(h.patientBirthDate, QStringLiteral("yyyyMMdd")), h.patientSex, {}};
            same = std::prev(patients.end());
        }
        if (!same->studyInstanceUids.contains(h.studyInstanceUid)) same->studyInstanceUids << h.studyInstanceUid;
    }
    return patients;
}

}  // namespace

core::Result<LoadedHealthRecord> LoadedHealthRecord::load(const QString &path, const QStringList &dicomFiles,
                                                          core::JobContext *context) {
    auto record = ehr::EhrImporter::import(path, {}, context);
    if (!record.ok()) return record.error();
    LoadedHealthRecord loaded;
    loaded.record = std::move(record).value();
    loaded.summary = ehr::PatientSummary::build(loaded.record, QDateTime::currentDateTimeUtc());
    loaded.timeline = ehr::buildTimeline(loaded.record);
    loaded.dicomPatients = dicomPatientsOf(dicomFiles, loaded.summary.warnings);
    loaded.matches = ehr::PatientMatcher::matchAll(loaded.record.demographics, loaded.dicomPatients);
    loaded.studyLinks = ehr::linkImagingStudies(loaded.record, loaded.dicomPatients);
    return loaded;
}

QString LoadedHealthRecord::imagingLinkText() const {
    if (dicomPatients.isEmpty()) return QObject::tr("No images loaded to link with.");
    const int best = ehr::PatientMatcher::best(matches);
    if (best < 0) return QObject::tr("No loaded DICOM patient matches this record.");
    const ehr::PatientMatch &match = matches[best];
    const ehr::DicomPatientSummary &patient = dicomPatients[match.candidateIndex];
    int linked = 0;
    for (const ehr::ImagingStudyLink &link : studyLinks) linked += link.isLinked() ? 1 : 0;
    return QObject::tr("Images: DICOM patient %1 (match %2: %3); %4 of %5 imaging studies in the record are loaded.")
        .arg(patient.patientId)
        .arg(match.confidence, 0, 'f', 2)
        .arg(match.reasons.join(QStringLiteral("; ")))
        .arg(linked)
        .arg(studyLinks.size());
}

QStringList LoadedHealthRecord::imagingLinkWarnings() const {
    QStringList warnings;
    for (const ehr::PatientMatch &match : matches) warnings << match.warnings;
    for (const ehr::ImagingStudyLink &link : studyLinks) warnings << link.warnings;
    warnings.removeDuplicates();
    return warnings;
}

HealthRecordController::HealthRecordController(QDockWidget *summaryDock, QDockWidget *timelineDock, QObject *parent)
    : QObject(parent) {
    summary_ = new PatientSummaryPanel(summaryDock);  // owned by the dock
    summaryDock->setWidget(summary_);
    timelineStack_ = new QStackedWidget(timelineDock);  // owned by the dock
    timelineStack_->addWidget(new EmptyStatePanel(
        tr("No timeline yet"),
        tr("Conditions, medications, procedures, labs and imaging from the patient's record appear here over time."),
        timelineStack_));
    timeline_ = new TimelineView(timelineStack_);
    timeline_->setObjectName(QStringLiteral("timelineView"));
    timelineStack_->addWidget(timeline_);
    timelineDock->setWidget(timelineStack_);
    connect(timeline_, &TimelineView::imagingStudyActivated, this, &HealthRecordController::imagingStudyRequested);
}

std::unique_ptr<core::Job> HealthRecordController::makeImportJob(const QString &path, const QStringList &dicomFiles) {
    auto result = std::make_shared<LoadedHealthRecord>();
    auto job = std::make_unique<core::Job>(tr("Reading health record"), [path, dicomFiles, result](core::JobContext &context) -> core::Status {
        auto loaded = LoadedHealthRecord::load(path, dicomFiles, &context);
        if (!loaded.ok()) return loaded.error();
        *result = std::move(loaded).value();
        return {};
    });
    connect(job.get(), &core::Job::finished, this, [this, result] { show(result); });
    return job;
}

void HealthRecordController::show(std::shared_ptr<const LoadedHealthRecord> loaded) {
    loaded_ = std::move(loaded);
    summary_->showSummary(loaded_->summary);
    summary_->showImagingLink(loaded_->imagingLinkText(), loaded_->imagingLinkWarnings());
    timeline_->setEvents(loaded_->timeline);
    timelineStack_->setCurrentWidget(timeline_);
    emit recordShown();
}

}  // namespace twin::ui
