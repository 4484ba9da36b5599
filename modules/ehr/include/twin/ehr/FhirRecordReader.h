#pragma once
// FHIR R4 JSON → PatientRecord. Reads Bundles (collection, transaction, searchset, document,
// batch, history, …), single resources and NDJSON bulk-export files (one resource per line),
// telling them apart by content, and maps Patient, Encounter, Condition, Observation,
// MedicationRequest/Administration/Statement (with referenced or contained Medication),
// Procedure, DiagnosticReport, ImagingStudy, AllergyIntolerance and CarePlan. Every other
// resource is counted in countsByType and otherwise left alone.
//
//   Result<PatientRecord> r = FhirRecordReader::readFile("bundle.json", context);
//
// Bad input, as RELIABILITY.md asks:
//   - one bad resource skips only itself: a warning "<file>: Bundle.entry[7] Observation/abc:
//     field valueQuantity.value: not a number" (NDJSON: "line 8 Observation/abc"; a
//     single-resource file: "Observation/abc"); the other entries are imported;
//   - whole-file failures are errors naming the file: not JSON ("invalid JSON at line 3,
//     column 17: unterminated string"), not FHIR (no resourceType), no Patient;
//   - conditional references (Synthea's "Organization?identifier=…") and references to
//     resources that are not in the input stay unresolved with one note each (per target,
//     resp. per file), never an error;
//   - several Patients: the first (or options.patientId) is the record; resources whose
//     subject/patient is another Patient of the input are skipped, with a warning.
// Cost: one JSON parse per file (per line for NDJSON), then linear passes with hashed
// reference lookups. Progress via context->setProgress; cancellation is checked between
// entries (Error::Code::Cancelled).

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/ehr/PatientRecord.h"

#include <QByteArray>
#include <QString>

namespace twin::ehr {

struct FhirReadOptions {
    /// The Patient to import when the input holds several: matched against Patient.id and
    /// identifier values. Empty: the first Patient.
    QString patientId;
    /// False: input without a Patient still reads (e.g. a lab's DiagnosticReport bundle to merge
    /// later); the record then has empty demographics.
    bool requirePatient = true;
};

class FhirRecordReader {
public:
    static core::Result<PatientRecord> readFile(const QString &path, core::JobContext *context = nullptr);
    static core::Result<PatientRecord> readFile(const QString &path, const FhirReadOptions &options,
                                                core::JobContext *context = nullptr);
    /// Every *.json and *.ndjson file directly in `directory` (sorted by name) as one input, so
    /// references between files (bulk export: Observation.ndjson → Patient.ndjson) resolve. A
    /// file that cannot be read is skipped with a warning; no readable file is an error.
    static core::Result<PatientRecord> readDirectory(const QString &directory, const FhirReadOptions &options = {},
                                                     core::JobContext *context = nullptr);
    /// `sourceName` names the input in messages and Provenance::file.
    static core::Result<PatientRecord> fromJson(const QByteArray &json, const QString &sourceName);
    static core::Result<PatientRecord> fromJson(const QByteArray &json, const QString &sourceName,
                                                const FhirReadOptions &options, core::JobContext *context = nullptr);
};

}  // namespace twin::ehr
