#pragma once
// One entry point for "open this health record": a FHIR file (Bundle, single resource or
// NDJSON), a folder of such files, or a Synthea CSV export folder (recognised by
// patients.csv). Files of one folder are merged into one record; resources that belong to
// another patient are skipped with a warning naming the file.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/ehr/PatientRecord.h"

#include <QString>

namespace twin::ehr {

struct EhrImportOptions {
    QString patientId;  // Synthea CSV (many patients): which one; empty: the first
};

class EhrImporter {
public:
    static core::Result<PatientRecord> import(const QString &fileOrDirectory, const EhrImportOptions &options = {},
                                              core::JobContext *context = nullptr);
    /// Appends `other` to `into` when it is the same patient (same Patient.id, or `into` has
    /// none yet); otherwise warns and leaves `into` unchanged. Returns whether it merged.
    static bool merge(PatientRecord &into, PatientRecord other);
};

}  // namespace twin::ehr
