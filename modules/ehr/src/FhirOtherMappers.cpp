#include "twin/ehr/FhirOtherMappers.h"

#include "twin/ehr/FhirValueParser.h"

#include <QHash>

namespace twin::ehr {

using namespace Qt::StringLiterals;

QString FhirOtherMappers::encounterClassName(const QString &actCode) {
    static const QHash<QString, QString> names{
        {QStringLiteral("AMB"), QStringLiteral("ambulatory")},
        {QStringLiteral("EMER"), QStringLiteral("emergency")},
        {QStringLiteral("FLD"), QStringLiteral("field")},
        {QStringLiteral("HH"), QStringLiteral("home health")},
        {QStringLiteral("IMP"), QStringLiteral("inpatient")},
        {QStringLiteral("ACUTE"), QStringLiteral("inpatient acute")},
        {QStringLiteral("NONAC"), QStringLiteral("inpatient non-acute")},
        {QStringLiteral("OBSENC"), QStringLiteral("observation")},
        {QStringLiteral("PRENC"), QStringLiteral("pre-admission")},
        {QStringLiteral("SS"), QStringLiteral("short stay")},
        {QStringLiteral("VR"), QStringLiteral("virtual")},
    };
    return names.value(actCode, actCode);
}

core::Result<EncounterRecord> FhirOtherMappers::mapEncounter(const QJsonObject &resource,
                                                             const FhirEntryContext &context) {
    const FhirFieldReader r(resource);
    EncounterRecord encounter;
    encounter.id = r.string("id"_L1);
    const QList<FhirFieldReader> types = r.objects("type"_L1);
    if (!types.isEmpty()) encounter.type = FhirValueParser::conceptOf(types.first());
    const Coding encounterClass = FhirValueParser::coding(r.object("class"_L1));
    encounter.encounterClass = encounterClass.code.isEmpty() ? encounterClass.display.toLower()
                                                             : encounterClassName(encounterClass.code);
    std::tie(encounter.start, encounter.end) = FhirValueParser::period(r, "period"_L1);
    r.string("status"_L1);
    // Checked (R4: an array of CodeableConcept; Synthea once wrote an object), not kept:
    // EncounterRecord has no reason.
    for (const FhirFieldReader &reason : r.objects("reasonCode"_L1)) FhirValueParser::conceptOf(reason);
    if (r.failed()) return r.error();
    encounter.provenance = context.provenance();
    return encounter;
}

core::Result<DiagnosticReportRecord> FhirOtherMappers::mapDiagnosticReport(const QJsonObject &resource,
                                                                           const FhirEntryContext &context) {
    const FhirFieldReader r(resource);
    DiagnosticReportRecord report;
    report.id = r.string("id"_L1);
    report.code = FhirValueParser::codeableConcept(r, "code"_L1);
    report.effective = FhirValueParser::timeChoice(r, "effective"_L1).first;
    if (!report.effective.isValid()) report.effective = FhirValueParser::dateTime(r, "issued"_L1);
    report.conclusion = r.string("conclusion"_L1);
    for (const FhirFieldReader &result : r.objects("result"_L1)) {
        const QString reference = result.string("reference"_L1);
        if (reference.isEmpty()) continue;
        const FhirResolvedReference resolved = context.resolve(reference);
        if (resolved.found() && resolved.type != QLatin1String("Observation")) {
            result.fail("reference"_L1, QStringLiteral("refers to a %1, not an Observation").arg(resolved.type));
            continue;
        }
        // The Observation's id; for an unresolved "Observation/x" the id in the reference.
        report.resultIds << (resolved.id.isEmpty() ? reference : resolved.id);
    }
    if (r.failed()) return r.error();
    report.provenance = context.provenance();
    return report;
}

core::Result<ImagingStudyRecord> FhirOtherMappers::mapImagingStudy(const QJsonObject &resource,
                                                                   const FhirEntryContext &context) {
    const FhirFieldReader r(resource);
    ImagingStudyRecord study;
    study.id = r.string("id"_L1);
    for (const FhirFieldReader &identifier : r.objects("identifier"_L1)) {
        const QString value = identifier.string("value"_L1);
        const QString system = identifier.string("system"_L1);
        if (value.startsWith(QLatin1StringView("urn:oid:"))) {
            study.studyInstanceUid = value.sliced(8);
        } else if (system == QLatin1String("urn:dicom:uid") && !value.isEmpty()) {
            study.studyInstanceUid = value;
        }
        if (!study.studyInstanceUid.isEmpty()) break;
    }
    study.started = FhirValueParser::dateTime(r, "started"_L1);
    study.description = r.string("description"_L1);
    auto addModality = [&study](const Coding &coding) {
        if (!coding.code.isEmpty() && !study.modalities.contains(coding.code)) study.modalities << coding.code;
    };
    for (const FhirFieldReader &modality : r.objects("modality"_L1)) addModality(FhirValueParser::coding(modality));
    for (const FhirFieldReader &series : r.objects("series"_L1)) {
        const QString uid = series.string("uid"_L1);
        if (!uid.isEmpty()) study.seriesInstanceUids << uid;
        addModality(FhirValueParser::coding(series.object("modality"_L1)));
    }
    if (r.failed()) return r.error();
    study.provenance = context.provenance();
    return study;
}

core::Result<AllergyRecord> FhirOtherMappers::mapAllergy(const QJsonObject &resource, const FhirEntryContext &context) {
    const FhirFieldReader r(resource);
    AllergyRecord allergy;
    allergy.id = r.string("id"_L1);
    allergy.code = FhirValueParser::codeableConcept(r, "code"_L1);
    allergy.criticality = r.string("criticality"_L1);
    allergy.recorded = FhirValueParser::dateTime(r, "recordedDate"_L1);
    const QDateTime onset = FhirValueParser::timeChoice(r, "onset"_L1).first;
    if (!allergy.recorded.isValid()) allergy.recorded = onset;
    if (r.failed()) return r.error();
    allergy.provenance = context.provenance();
    return allergy;
}

core::Result<CarePlanRecord> FhirOtherMappers::mapCarePlan(const QJsonObject &resource, const FhirEntryContext &context) {
    const FhirFieldReader r(resource);
    CarePlanRecord plan;
    plan.id = r.string("id"_L1);
    plan.status = r.string("status"_L1);
    const QList<FhirFieldReader> categories = r.objects("category"_L1);
    if (!categories.isEmpty()) plan.category = FhirValueParser::conceptOf(categories.first());
    std::tie(plan.start, plan.end) = FhirValueParser::period(r, "period"_L1);
    plan.title = r.string("title"_L1);
    const QString description = r.string("description"_L1);
    if (plan.title.isEmpty()) plan.title = description;
    if (r.failed()) return r.error();
    plan.provenance = context.provenance();
    return plan;
}

}  // namespace twin::ehr
