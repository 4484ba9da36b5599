#pragma once
// Where a fact in the patient record came from, precisely enough to find it again:
// a FHIR resource (type/id, and the bundle entry and file) or a CSV file and row.

#include <QString>

namespace twin::ehr {

struct Provenance {
    QString file;          // the file read (bundle, NDJSON or CSV)
    QString resourceType;  // FHIR: "Observation" …
    QString resourceId;    // FHIR: Resource.id (or fullUrl when there is no id)
    int entryIndex = -1;   // FHIR: Bundle.entry[i] or NDJSON line (0-based), -1 otherwise
    int csvRow = -1;       // CSV: 1-based data row (header is row 0), -1 otherwise

    /// "Observation/abc (bundle.json, Bundle.entry[12])" or "observations.csv row 12".
    QString describe() const;
    bool isEmpty() const { return file.isEmpty() && resourceId.isEmpty(); }
};

}  // namespace twin::ehr
