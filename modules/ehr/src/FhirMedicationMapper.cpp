#include "twin/ehr/FhirMedicationMapper.h"

#include "twin/ehr/FhirOncologyClassifier.h"
#include "twin/ehr/FhirValueParser.h"

namespace twin::ehr {

using namespace Qt::StringLiterals;

namespace {

QString number(double value) { return QString::number(value, 'g', 6); }

/// medication[x]: the coded, from the code or from the referenced (or contained) Medication.
CodedConcept medication(const FhirFieldReader &r, const FhirEntryContext &context) {
    if (r.has("medicationCodeableConcept"_L1)) return FhirValueParser::codeableConcept(r, "medicationCodeableConcept"_L1);
    if (!r.has("medicationReference"_L1)) {
        r.fail("medication[x]"_L1, QStringLiteral("missing (required)"));
        return {};
    }
    const FhirFieldReader reference = r.object("medicationReference"_L1);
    const QString target = reference.string("reference"_L1);
    CodedConcept coded;
    coded.text = reference.string("display"_L1);
    const FhirResolvedReference resolved = context.resolve(target);
    if (resolved.found()) {
        if (resolved.type != QLatin1String("Medication")) {
            r.fail("medicationReference"_L1, QStringLiteral("refers to a %1, not a Medication").arg(resolved.type));
            return {};
        }
        // The Medication's own problems are not this resource's: read it with its own reader.
        const FhirFieldReader medicationResource(resolved.resource);
        CodedConcept code = FhirValueParser::codeableConcept(medicationResource, "code"_L1);
        if (!medicationResource.failed() && !code.isEmpty()) {
            if (code.text.isEmpty()) code.text = coded.text;
            return code;
        }
    }
    if (!target.isEmpty() && !resolved.found()) {
        context.note(QStringLiteral("medicationReference"),
                     QStringLiteral("%1 not found; the drug is known only by its display text%2")
                         .arg(target, coded.text.isEmpty() ? QStringLiteral(" (none)") : QString()));
    }
    return coded;
}

MedicationRecord common(const FhirFieldReader &r, const FhirEntryContext &context, MedicationRecord::Kind kind) {
    MedicationRecord record;
    record.kind = kind;
    record.id = r.string("id"_L1);
    record.status = r.string("status"_L1);
    record.medication = medication(r, context);
    record.isChemotherapy = FhirOncologyClassifier::isChemotherapy(record.medication);
    record.provenance = context.provenance();
    return record;
}

void applyDosage(const FhirDosage &dosage, MedicationRecord &record) {
    record.doseValue = dosage.doseValue;
    record.doseUnit = dosage.doseUnit;
    record.route = dosage.route;
    record.timing = dosage.timing;
    if (!record.start.isValid()) record.start = dosage.boundsStart;
    if (!record.end.isValid()) record.end = dosage.boundsEnd;
}

}  // namespace

QString FhirMedicationMapper::timingText(const FhirFieldReader &timing) {
    const FhirFieldReader repeat = timing.object("repeat"_L1);
    const std::optional<double> period = repeat.number("period"_L1);
    const QString unit = repeat.string("periodUnit"_L1);
    if (period) {
        const std::optional<double> periodMax = repeat.number("periodMax"_L1);
        const std::optional<qint64> frequency = repeat.integer("frequency"_L1);
        const std::optional<qint64> frequencyMax = repeat.integer("frequencyMax"_L1);
        QString every = QStringLiteral("every %1").arg(number(*period));
        if (periodMax) every += QStringLiteral("–%1").arg(number(*periodMax));
        if (!unit.isEmpty()) every += QLatin1Char(' ') + unit;
        const qint64 times = frequency.value_or(1);
        if (times == 1 && !frequencyMax) return every;
        QString count = QString::number(times);
        if (frequencyMax) count += QStringLiteral("–%1").arg(*frequencyMax);
        return QStringLiteral("%1 times %2").arg(count, every);
    }
    const CodedConcept code = FhirValueParser::codeableConcept(timing, "code"_L1);
    if (!code.isEmpty()) return code.label();
    const QStringList events = timing.strings("event"_L1);
    if (events.isEmpty()) return {};
    QStringList shown;
    for (const QString &event : events) {
        const std::optional<QDateTime> when = FhirValueParser::parseDateTime(event);
        if (!when) {
            timing.fail("event"_L1, QStringLiteral("not a valid FHIR dateTime: \"%1\"").arg(event.left(40)));
            return {};
        }
        if (shown.size() < 6) shown << (when->time() == QTime(0, 0) ? when->date().toString(Qt::ISODate) : event);
    }
    if (events.size() > shown.size()) shown << QStringLiteral("… (%1 in all)").arg(events.size());
    return QStringLiteral("on ") + shown.join(QStringLiteral(", "));
}

FhirDosage FhirMedicationMapper::dosage(const FhirFieldReader &dosage) {
    FhirDosage result;
    const FhirFieldReader doseAndRate = dosage.first("doseAndRate"_L1);
    FhirQuantity dose = FhirValueParser::quantity(doseAndRate, "doseQuantity"_L1);
    if (!dose.present && doseAndRate.has("doseRange"_L1)) {
        dose = FhirValueParser::quantity(doseAndRate.object("doseRange"_L1), "low"_L1);
    }
    result.doseValue = dose.value;
    result.doseUnit = dose.unit;
    result.route = FhirValueParser::codeableConcept(dosage, "route"_L1);
    const FhirFieldReader timing = dosage.object("timing"_L1);
    result.timing = timingText(timing);
    std::tie(result.boundsStart, result.boundsEnd) =
        FhirValueParser::period(timing.object("repeat"_L1), "boundsPeriod"_L1);
    dosage.string("text"_L1);
    return result;
}

core::Result<MedicationRecord> FhirMedicationMapper::mapRequest(const QJsonObject &resource,
                                                                const FhirEntryContext &context) {
    const FhirFieldReader r(resource);
    MedicationRecord record = common(r, context, MedicationRecord::Kind::Request);
    record.start = FhirValueParser::dateTime(r, "authoredOn"_L1);
    applyDosage(dosage(r.first("dosageInstruction"_L1)), record);
    if (r.failed()) return r.error();
    return record;
}

core::Result<MedicationRecord> FhirMedicationMapper::mapAdministration(const QJsonObject &resource,
                                                                       const FhirEntryContext &context) {
    const FhirFieldReader r(resource);
    MedicationRecord record = common(r, context, MedicationRecord::Kind::Administration);
    std::tie(record.start, record.end) = FhirValueParser::timeChoice(r, "effective"_L1);
    if (!r.has("effectiveDateTime"_L1) && !r.has("effectivePeriod"_L1)) {
        r.fail("effective[x]"_L1, QStringLiteral("missing (required)"));
    }
    const FhirFieldReader dosage = r.object("dosage"_L1);
    const FhirQuantity dose = FhirValueParser::quantity(dosage, "dose"_L1);
    record.doseValue = dose.value;
    record.doseUnit = dose.unit;
    record.route = FhirValueParser::codeableConcept(dosage, "route"_L1);
    if (r.failed()) return r.error();
    return record;
}

core::Result<MedicationRecord> FhirMedicationMapper::mapStatement(const QJsonObject &resource,
                                                                  const FhirEntryContext &context) {
    const FhirFieldReader r(resource);
    MedicationRecord record = common(r, context, MedicationRecord::Kind::Statement);
    std::tie(record.start, record.end) = FhirValueParser::timeChoice(r, "effective"_L1);
    if (!record.start.isValid()) record.start = FhirValueParser::dateTime(r, "dateAsserted"_L1);
    applyDosage(dosage(r.first("dosage"_L1)), record);
    if (r.failed()) return r.error();
    return record;
}

}  // namespace twin::ehr
