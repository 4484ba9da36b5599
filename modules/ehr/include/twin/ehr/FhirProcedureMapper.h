#pragma once
// Procedure → ProcedureRecord: code, performed[x] (dateTime or Period) and the category
// (surgery, radiotherapy, chemotherapy, imaging, biopsy) from FhirOncologyClassifier.

#include "twin/core/Result.h"
#include "twin/ehr/ClinicalRecords.h"
#include "twin/ehr/FhirEntryContext.h"

#include <QJsonObject>

namespace twin::ehr {

class FhirProcedureMapper {
public:
    static core::Result<ProcedureRecord> map(const QJsonObject &resource, const FhirEntryContext &context);
};

}  // namespace twin::ehr
