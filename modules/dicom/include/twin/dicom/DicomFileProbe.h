#pragma once
// Reads the header of one DICOM file, safely: parsed from the file (never an in-memory
// buffer, see RELIABILITY.md), stopping before the pixel data, with DCMTK's strict parsing.
// Used to check files we write and, later, by the indexer.

#include "twin/core/Result.h"

#include <QString>

namespace twin::dicom {

struct DicomHeader {
    QString sopClassUid;
    QString sopInstanceUid;
    QString modality;
    QString patientId;
    QString patientName;       // DICOM PN, "Family^Given"
    QString patientBirthDate;  // DA, "YYYYMMDD" (empty when absent)
    QString patientSex;        // CS: M, F, O
    QString studyInstanceUid;
    QString studyDate;  // DA, "YYYYMMDD" (empty when absent)
    QString seriesInstanceUid;
    QString frameOfReferenceUid;
    QString transferSyntaxUid;
    int rows = 0;
    int columns = 0;
    int numberOfFrames = 1;
};

class DicomFileProbe {
public:
    /// Errors name the file and, where one is at fault, the tag.
    static core::Result<DicomHeader> read(const QString &path);
};

}  // namespace twin::dicom
