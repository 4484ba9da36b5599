#pragma once
// The image series a derived object (RTSTRUCT, SEG) is drawn on: its grid (LPS) and, per slice,
// the SOP instance it came from, plus the patient/study identity the derived object copies.
// fromFiles() reads the headers of the series' files with DCMTK and places each file on a
// slice of `geometry` by its ImagePositionPatient (files off the grid are ignored).

#include "twin/core/Result.h"
#include "twin/core/VolumeGeometry.h"

#include <QString>
#include <QStringList>

namespace twin::dicom {

struct DicomSourceSeries {
    core::VolumeGeometry geometry;
    QStringList sopInstanceUids;  // one per slice, in slice order
    QStringList files;            // one per slice (the file of that slice), may be empty
    QString sopClassUid;          // of the images, e.g. CT Image Storage
    QString seriesInstanceUid;
    QString studyInstanceUid;
    QString frameOfReferenceUid;
    QString patientName, patientId, patientBirthDate, patientSex;
    QString studyDate, studyTime, studyId, accessionNumber, referringPhysicianName, studyDescription;

    /// Errors name the file at fault, or say which slice has no file.
    static core::Result<DicomSourceSeries> fromFiles(const QStringList &files, const core::VolumeGeometry &geometry);
};

}  // namespace twin::dicom
