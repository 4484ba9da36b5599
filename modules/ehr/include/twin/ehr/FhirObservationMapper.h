#pragma once
// Observation → ObservationRecord: code (required), first category code, effective[x] (else
// issued), value[x] of any R4 type and components (blood pressure, …), each with its own code
// and value[x]. Vitals, labs, tumour markers and ECOG/performance status all map the same way;
// the LOINC code says which is which.

#include "twin/core/Result.h"
#include "twin/ehr/ClinicalRecords.h"
#include "twin/ehr/FhirEntryContext.h"

#include <QJsonObject>

namespace twin::ehr {

class FhirObservationMapper {
public:
    static core::Result<ObservationRecord> map(const QJsonObject &resource, const FhirEntryContext &context);
};

}  // namespace twin::ehr
