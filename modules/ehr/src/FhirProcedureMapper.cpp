#include "twin/ehr/FhirProcedureMapper.h"

#include "twin/ehr/FhirOncologyClassifier.h"
#include "twin/ehr/FhirValueParser.h"

namespace twin::ehr {

using namespace Qt::StringLiterals;

core::Result<ProcedureRecord> FhirProcedureMapper::map(const QJsonObject &resource, const FhirEntryContext &context) {
    const FhirFieldReader r(resource);
    ProcedureRecord procedure;
    procedure.id = r.string("id"_L1);
    procedure.code = FhirValueParser::codeableConcept(r, "code"_L1);
    std::tie(procedure.start, procedure.end) = FhirValueParser::timeChoice(r, "performed"_L1);
    procedure.category = FhirOncologyClassifier::procedureCategory(procedure.code);
    r.string("status"_L1);
    if (r.failed()) return r.error();
    procedure.provenance = context.provenance();
    return procedure;
}

}  // namespace twin::ehr
