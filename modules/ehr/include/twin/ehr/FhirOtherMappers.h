#pragma once
// The resource kinds with a small mapping each:
//   Encounter          → EncounterRecord (type[0], class as a word — ambulatory, inpatient … —, period;
//                        reasonCode is type-checked only)
//   DiagnosticReport   → DiagnosticReportRecord (code, effective[x] else issued, conclusion, the ids
//                        of the result Observations, resolved through the references)
//   ImagingStudy       → ImagingStudyRecord (Study Instance UID from an identifier "urn:oid:…" or
//                        system urn:dicom:uid, started, modalities of study and series, series UIDs)
//   AllergyIntolerance → AllergyRecord (code, criticality, recordedDate else onset)
//   CarePlan           → CarePlanRecord (status, category[0], period, title else description)

#include "twin/core/Result.h"
#include "twin/ehr/ClinicalRecords.h"
#include "twin/ehr/FhirEntryContext.h"

#include <QJsonObject>

namespace twin::ehr {

class FhirOtherMappers {
public:
    static core::Result<EncounterRecord> mapEncounter(const QJsonObject &resource, const FhirEntryContext &context);
    static core::Result<DiagnosticReportRecord> mapDiagnosticReport(const QJsonObject &resource,
                                                                    const FhirEntryContext &context);
    static core::Result<ImagingStudyRecord> mapImagingStudy(const QJsonObject &resource, const FhirEntryContext &context);
    static core::Result<AllergyRecord> mapAllergy(const QJsonObject &resource, const FhirEntryContext &context);
    static core::Result<CarePlanRecord> mapCarePlan(const QJsonObject &resource, const FhirEntryContext &context);

    /// HL7 v3 ActCode encounter classes as words: AMB → "ambulatory", IMP → "inpatient" …
    static QString encounterClassName(const QString &actCode);
};

}  // namespace twin::ehr
