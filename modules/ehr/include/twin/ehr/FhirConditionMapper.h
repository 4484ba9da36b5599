#pragma once
// Condition → ConditionRecord: code, clinical status, onset[x] (else recordedDate) and
// abatement[x], the stage group of stage[0].summary ("Stage IIIA" → "IIIA"; else the summary's
// label) and stage[0].type, histology from the mCODE histology-morphology-behavior extension (or
// a morphology coding), and isCancer from FhirOncologyClassifier. Without a stage element, a
// stage written in the diagnosis itself ("…, TNM stage 1 (disorder)") is used, with the stage
// type "diagnosis code".

#include "twin/core/Result.h"
#include "twin/ehr/ClinicalRecords.h"
#include "twin/ehr/FhirEntryContext.h"

#include <QJsonObject>

namespace twin::ehr {

class FhirConditionMapper {
public:
    static inline const QString kHistologyExtension =
        QStringLiteral("http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior");

    static core::Result<ConditionRecord> map(const QJsonObject &resource, const FhirEntryContext &context);
};

}  // namespace twin::ehr
