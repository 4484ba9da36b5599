#include "twin/ehr/FhirConditionMapper.h"

#include "twin/ehr/FhirOncologyClassifier.h"
#include "twin/ehr/FhirValueParser.h"

namespace twin::ehr {

using namespace Qt::StringLiterals;

namespace {

/// The stage group in the coded's displays or text, else its label.
QString stageOf(const CodedConcept &summary) {
    for (const Coding &coding : summary.codings) {
        const QString group = FhirOncologyClassifier::stageGroup(coding.display);
        if (!group.isEmpty()) return group;
    }
    const QString group = FhirOncologyClassifier::stageGroup(summary.text);
    return group.isEmpty() ? summary.label() : group;
}

QString histologyOf(const FhirFieldReader &r, const CodedConcept &code) {
    for (const FhirFieldReader &extension : r.objects("extension"_L1)) {
        if (extension.string("url"_L1) == FhirConditionMapper::kHistologyExtension) {
            return FhirValueParser::codeableConcept(extension, "valueCodeableConcept"_L1).label();
        }
    }
    for (const Coding &coding : code.codings) {
        if (coding.display.contains(QLatin1StringView("(morphologic abnormality)"))) return coding.display;
    }
    return {};
}

}  // namespace

core::Result<ConditionRecord> FhirConditionMapper::map(const QJsonObject &resource, const FhirEntryContext &context) {
    const FhirFieldReader r(resource);
    ConditionRecord condition;
    condition.id = r.string("id"_L1);
    condition.code = FhirValueParser::codeableConcept(r, "code"_L1);
    const CodedConcept status = FhirValueParser::codeableConcept(r, "clinicalStatus"_L1);
    condition.clinicalStatus = status.codings.isEmpty() ? status.text : status.codings.first().code;
    condition.onset = FhirValueParser::timeChoice(r, "onset"_L1).first;
    if (!condition.onset.isValid()) condition.onset = FhirValueParser::dateTime(r, "recordedDate"_L1);
    condition.abatement = FhirValueParser::timeChoice(r, "abatement"_L1).first;

    const FhirFieldReader stage = r.first("stage"_L1);
    const CodedConcept summary = FhirValueParser::codeableConcept(stage, "summary"_L1);
    if (!summary.isEmpty()) {
        condition.stage = stageOf(summary);
        condition.stageType = FhirValueParser::codeableConcept(stage, "type"_L1).label();
    } else {
        condition.stage = FhirOncologyClassifier::stageGroup(condition.code.label());
        if (!condition.stage.isEmpty()) condition.stageType = QStringLiteral("diagnosis code");
    }
    condition.histology = histologyOf(r, condition.code);
    condition.isCancer = FhirOncologyClassifier::isCancer(condition.code);
    if (r.failed()) return r.error();
    condition.provenance = context.provenance();
    return condition;
}

}  // namespace twin::ehr
