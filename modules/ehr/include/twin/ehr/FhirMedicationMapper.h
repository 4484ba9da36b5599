#pragma once
// MedicationRequest, MedicationAdministration and MedicationStatement → MedicationRecord.
// The drug comes from medicationCodeableConcept or medicationReference (a Medication in the
// input or contained in the resource, "#id"); a reference that cannot be followed keeps its
// display text and adds a note. Dosage: the first dosageInstruction / dosage — doseQuantity
// (or the low end of doseRange) with its UCUM unit, route, and timing as text ("every 21 d",
// "2 times every 1 d", the timing code "BID", or the event dates).
// isChemotherapy comes from FhirOncologyClassifier.

#include "twin/core/Result.h"
#include "twin/ehr/ClinicalRecords.h"
#include "twin/ehr/FhirEntryContext.h"
#include "twin/ehr/FhirFieldReader.h"

#include <QJsonObject>

#include <optional>

namespace twin::ehr {

/// One FHIR Dosage, as the record keeps it.
struct FhirDosage {
    std::optional<double> doseValue;
    QString doseUnit;
    CodedConcept route;
    QString timing;
    QDateTime boundsStart;  // timing.repeat.boundsPeriod
    QDateTime boundsEnd;
};

class FhirMedicationMapper {
public:
    static core::Result<MedicationRecord> mapRequest(const QJsonObject &resource, const FhirEntryContext &context);
    static core::Result<MedicationRecord> mapAdministration(const QJsonObject &resource, const FhirEntryContext &context);
    static core::Result<MedicationRecord> mapStatement(const QJsonObject &resource, const FhirEntryContext &context);

    /// A Dosage element (R4 Dosage: MedicationRequest.dosageInstruction, MedicationStatement.dosage).
    static FhirDosage dosage(const FhirFieldReader &dosage);
    /// Timing as text: "every 21 d", "every 4–6 h", "2 times every 1 d", "BID", "on 2026-07-01, …".
    static QString timingText(const FhirFieldReader &timing);
};

}  // namespace twin::ehr
