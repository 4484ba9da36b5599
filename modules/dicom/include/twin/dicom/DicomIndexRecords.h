#pragma once
// Rows of the DICOM index (DicomIndex) as the UI and the series loader see them, and the
// report of one folder scan (DicomFolderScanner). Plain values; keys are the index's row ids,
// valid for the index they came from.

#include <QList>
#include <QString>

namespace twin::dicom {

struct IndexedPatient {
    qint64 key = 0;
    QString patientId;
    QString name;       // DICOM PN, "Family^Given"
    QString birthDate;  // "YYYYMMDD" or empty
    QString sex;
    int studyCount = 0;
};

struct IndexedStudy {
    qint64 key = 0;
    qint64 patientKey = 0;
    QString studyInstanceUid;
    QString date;  // StudyDate "YYYYMMDD" or empty
    QString description;
    int seriesCount = 0;
    int instanceCount = 0;
};

struct IndexedSeries {
    qint64 key = 0;
    qint64 studyKey = 0;
    QString seriesInstanceUid;
    QString modality;
    int number = 0;  // SeriesNumber, 0 when absent
    QString description;
    QString frameOfReferenceUid;
    int instanceCount = 0;
};

struct IndexedInstance {
    QString sopInstanceUid;
    QString sopClassUid;
    int number = 0;  // InstanceNumber, 0 when absent
    QString path;
    qint64 size = 0;
    qint64 mtimeMs = 0;
    QString transferSyntaxUid;
};

/// A file that looked like DICOM but could not be indexed (or a DICOMDIR reference that is
/// missing or unsafe). `reason` is one line naming the file.
struct IndexProblem {
    QString path;
    QString reason;
};

struct DicomScanReport {
    int scanned = 0;          // files considered (found in the folder or referenced by DICOMDIRs)
    int added = 0;            // instances indexed for the first time
    int updated = 0;          // changed files (size or mtime) read again
    int unchanged = 0;        // files not reopened: same path, size and mtime as last time
    int removed = 0;          // files in the index under the scanned folder that are gone
    int skippedNonDicom = 0;  // files that are not DICOM (quietly skipped)
    int broken = 0;           // DICOM-looking files that could not be indexed (see problems)
    int dicomdirs = 0;        // DICOMDIR files read
    qint64 elapsedMs = 0;
};

}  // namespace twin::dicom
