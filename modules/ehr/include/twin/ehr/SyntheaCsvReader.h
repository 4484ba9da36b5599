#pragma once
// SyntheaCsvReader: one patient of a Synthea CSV directory export (patients.csv, encounters.csv,
// conditions.csv, medications.csv, observations.csv, procedures.csv, imaging_studies.csv,
// allergies.csv, careplans.csv) as a PatientRecord.
//
//   Result<QStringList> ids = SyntheaCsvReader::listPatients(dir);   // "<Id> (<given> <family>)"
//   Result<PatientRecord> r = SyntheaCsvReader::read(dir, patientId, &jobContext);
//
// Columns are found by header name (case-insensitive), never by position, so Synthea generations
// that differ read alike: older procedures and encounters with DATE instead of START/STOP,
// observations without CATEGORY or TYPE (then a value that parses is a number), conditions and
// procedures with or without SYSTEM (3.x), patients with or without MIDDLE, FIPS, INCOME and
// HEALTHCARE_*, "ID" or "Id", cost and payer columns renamed or absent.
//
// - A table without a required column is an error: "<dir>/patients.csv: column BIRTHDATE
//   missing". patients.csv must exist; a missing clinical table is a warning.
// - Columns that no Synthea generation writes are ignored with one warning per file.
// - A row that cannot be read (a date or number that does not parse, a field count that does
//   not match the header) is skipped with a warning "observations.csv row 123: column VALUE:
//   not a number 'abc'"; the rest of the file is read.
// - Only rows of the chosen patient (PATIENT column) are kept. countsByType counts them as the
//   FHIR resource they map to (Patient, Encounter, Condition, MedicationRequest, Observation,
//   Procedure, ImagingStudy, AllergyIntolerance, CarePlan); imaging_studies.csv has one row per
//   instance, grouped by its Id into one ImagingStudy (counted once). Provenance names the file
//   and the 1-based data row (the first row of a study).
// - Rows without an Id column get a synthetic id "<table>-<row>" (e.g. "observations-17").
// - Dates: "2023-10-10T04:17:47Z" (any ISO 8601 date-time) or a bare "2014-10-06" (read as
//   midnight UTC). Codes: encounters, conditions, procedures, allergies and care plans are
//   SNOMED CT, medications RxNorm, observations LOINC (Synthea's QALY/DALY/QOLS scores have no
//   system), unless a SYSTEM column says otherwise.
// Files are streamed row by row; progress and cancellation go through the JobContext.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/ehr/PatientRecord.h"

#include <QString>
#include <QStringList>

namespace twin::ehr {

class SyntheaCsvReader {
public:
    /// The patients of patients.csv, in file order, each as "<Id> (<FIRST> <LAST>)".
    static core::Result<QStringList> listPatients(const QString &dir);
    /// The Id part of a listPatients() entry.
    static QString patientIdOf(const QString &listEntry);

    /// One patient's record; an empty `patientId` takes the first patient of patients.csv, with
    /// a warning naming how many there are and which was taken. Errors: NotFound (no
    /// patients.csv, unknown patient), InvalidInput (required column missing, unterminated
    /// quote), Io, Cancelled.
    static core::Result<PatientRecord> read(const QString &dir, const QString &patientId = {},
                                            core::JobContext *context = nullptr);

    /// FHIR code-system URI for a Synthea SYSTEM value ("SNOMED-CT", "RxNorm", "LOINC",
    /// "ICD-10-CM", "ICD10" …); URIs pass through; anything else is returned as given.
    static QString codeSystemUri(const QString &syntheaSystem);
    /// Cancer by SNOMED code (Synthea's oncology modules) or by words in the text (carcinoma,
    /// cancer, malignant, neoplasm, lymphoma, leukemia, sarcoma, melanoma …), except text that
    /// says benign, suspected, screening or family history.
    static bool isCancer(const CodedConcept &code);
    /// Cytotoxic chemotherapy by the drug names in the text (cisplatin, paclitaxel …).
    static bool isChemotherapy(const QString &medicationText);
    /// Procedure category by words in the text: radiotherapy, chemotherapy, biopsy, imaging,
    /// surgery (checked in that order), else Other.
    static ProcedureRecord::Category procedureCategory(const QString &text);
};

}  // namespace twin::ehr
