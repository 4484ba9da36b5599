#pragma once
// Patient → Demographics: id, identifiers, the official (else usual, else first) name, gender,
// birthDate (partial dates allowed), deceasedDateTime. A malformed birthDate or a wrongly typed
// name is an error; an unknown gender is kept out with a note.

#include "twin/core/Result.h"
#include "twin/ehr/ClinicalRecords.h"
#include "twin/ehr/FhirEntryContext.h"

#include <QJsonObject>

namespace twin::ehr {

class FhirPatientMapper {
public:
    static core::Result<Demographics> map(const QJsonObject &resource, const FhirEntryContext &context);
};

}  // namespace twin::ehr
