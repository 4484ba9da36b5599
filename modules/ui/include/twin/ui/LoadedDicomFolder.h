#pragma once
// A scanned DICOM folder as the patient browser shows it: patients → studies → series under
// the folder, and the files that could not be indexed. Built on a worker thread by load():
// scan into the index (incremental: a re-open only reads new or changed files), then query,
// then an overview of every image series (size, slices, warnings, thumbnail).

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/dicom/DicomIndexRecords.h"
#include "twin/ui/SeriesOverview.h"

#include <QHash>
#include <QList>
#include <QString>

namespace twin::ui {

struct LoadedDicomFolder {
    struct Study {
        dicom::IndexedStudy study;
        QList<dicom::IndexedSeries> series;
    };
    struct Patient {
        dicom::IndexedPatient patient;
        QList<Study> studies;
    };

    QString root;
    QString indexPath;
    dicom::DicomScanReport report;
    QList<Patient> patients;
    QList<dicom::IndexProblem> problems;
    QHash<QString, SeriesOverview> overviews;  ///< by SeriesInstanceUID, image series only

    static core::Result<LoadedDicomFolder> load(const QString &indexPath, const QString &root, core::JobContext *context);
    /// The series to show for a study: its first CT, else its first image series; "" if none.
    QString defaultSeriesOfStudy(const QString &studyInstanceUid) const;
    /// The series record with this UID, nullptr when not in the folder.
    const dicom::IndexedSeries *findSeries(const QString &seriesInstanceUid) const;
    /// The patient a series belongs to, nullptr when not in the folder.
    const dicom::IndexedPatient *patientOfSeries(const QString &seriesInstanceUid) const;
};

}  // namespace twin::ui
