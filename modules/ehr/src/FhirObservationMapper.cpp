#include "twin/ehr/FhirObservationMapper.h"

#include "twin/ehr/FhirValueParser.h"

namespace twin::ehr {

using namespace Qt::StringLiterals;

core::Result<ObservationRecord> FhirObservationMapper::map(const QJsonObject &resource,
                                                           const FhirEntryContext &context) {
    const FhirFieldReader r(resource);
    ObservationRecord observation;
    observation.id = r.string("id"_L1);
    if (!r.has("code"_L1)) r.fail("code"_L1, QStringLiteral("missing (required)"));
    observation.code = FhirValueParser::codeableConcept(r, "code"_L1);
    r.string("status"_L1);

    const QList<FhirFieldReader> categories = r.objects("category"_L1);
    if (!categories.isEmpty()) {
        const CodedConcept category = FhirValueParser::conceptOf(categories.first());
        observation.category = category.codings.isEmpty() ? category.text : category.codings.first().code;
    }

    observation.effective = FhirValueParser::timeChoice(r, "effective"_L1).first;
    if (!observation.effective.isValid()) observation.effective = FhirValueParser::dateTime(r, "issued"_L1);

    observation.value = FhirValueParser::observationValue(r);
    for (const FhirFieldReader &component : r.objects("component"_L1)) {
        ObservationComponent part;
        part.code = FhirValueParser::codeableConcept(component, "code"_L1);
        part.value = FhirValueParser::observationValue(component);
        observation.components.append(part);
    }
    if (r.failed()) return r.error();
    observation.provenance = context.provenance();
    return observation;
}

}  // namespace twin::ehr
