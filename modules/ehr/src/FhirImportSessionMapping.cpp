// FhirImportSession, second half: choosing the Patient, mapping entries, reference notes.

#include "FhirImportSession.h"

#include "twin/ehr/FhirConditionMapper.h"
#include "twin/ehr/FhirMedicationMapper.h"
#include "twin/ehr/FhirObservationMapper.h"
#include "twin/ehr/FhirOtherMappers.h"
#include "twin/ehr/FhirPatientMapper.h"
#include "twin/ehr/FhirProcedureMapper.h"

#include <QJsonArray>

namespace twin::ehr {

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxReferenceDepth = 64;

/// The error of a resource as a whole-input error: "<file>: <location>: field <f>: <what>".
core::Error resourceError(const FhirEntryContext &context, const core::Error &error) {
    const QString where = error.field().isEmpty() ? context.location()
                                                  : QStringLiteral("%1: field %2").arg(context.location(), error.field());
    return core::Error::invalidInput(error.what()).inFile(context.file).atField(where);
}

}  // namespace

QString FhirImportSession::inputName() const {
    return inputName_.isEmpty() ? sources_.join(QStringLiteral(", ")) : inputName_;
}

core::Result<int> FhirImportSession::choosePatient() {
    int chosen = -1;
    QStringList seen;
    for (qsizetype i = 0; i < entries_.size() && chosen < 0; ++i) {
        const Entry &entry = entries_.at(i);
        if (entry.type != QLatin1String("Patient")) continue;
        seen << entry.id;
        if (options_.patientId.isEmpty() || entry.id == options_.patientId) {
            chosen = static_cast<int>(i);
            break;
        }
        const QJsonArray identifiers = resolver_.resource(entry.resolverEntry).value("identifier"_L1).toArray();
        for (const QJsonValue &identifier : identifiers) {
            if (identifier.toObject().value("value"_L1).toString() == options_.patientId) chosen = static_cast<int>(i);
        }
    }
    if (chosen < 0 && !options_.patientId.isEmpty()) {
        return core::Error::notFound(QStringLiteral("no Patient with id or identifier \"%1\" (Patients read: %2)")
                                         .arg(options_.patientId, seen.isEmpty() ? QStringLiteral("none")
                                                                                 : seen.join(QStringLiteral(", "))))
            .inFile(inputName());
    }
    if (chosen < 0) {
        if (!options_.requirePatient) return -1;
        QMap<QString, int> read;
        for (const Entry &entry : entries_) ++read[entry.type];
        QStringList parts;
        for (auto it = read.cbegin(); it != read.cend(); ++it) parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
        return core::Error::invalidInput(QStringLiteral("no Patient resource (read: %1)")
                                             .arg(parts.isEmpty() ? QStringLiteral("no resources") : parts.join(QStringLiteral(", "))))
            .inFile(inputName());
    }
    const Entry &entry = entries_.at(chosen);
    const FhirEntryContext context = contextFor(entry);
    core::Result<Demographics> demographics = FhirPatientMapper::map(context.resource, context);
    if (!demographics.ok()) {
        if (options_.requirePatient) return resourceError(context, demographics.error());
        record_.warnings << context.message(demographics.error().field(), demographics.error().what() +
                                                                               QStringLiteral("; resource skipped"));
        return -1;
    }
    record_.demographics = std::move(demographics).value();
    ++record_.countsByType[entry.type];
    noteReferences(entry);
    return chosen;
}

QString FhirImportSession::otherPatientOf(const Entry &entry, int patientResolverEntry) const {
    const QJsonObject &resource = resolver_.resource(entry.resolverEntry);
    for (const QLatin1StringView key : {"subject"_L1, "patient"_L1}) {
        const QString reference = resource.value(key).toObject().value("reference"_L1).toString();
        if (reference.isEmpty()) continue;
        const FhirResolvedReference resolved = resolver_.resolve(reference, resource);
        if (resolved.kind == FhirResolvedReference::Kind::Entry && resolved.type == QLatin1String("Patient") &&
            resolved.entry != patientResolverEntry) {
            return QStringLiteral("Patient/") + resolved.id;
        }
    }
    return {};
}

void FhirImportSession::mapEntry(const Entry &entry) {
    const FhirEntryContext context = contextFor(entry);
    const QJsonObject &resource = context.resource;
    const QString &type = entry.type;
    std::optional<core::Error> failure;
    auto keep = [&failure](auto result, auto &list) {
        if (result.ok()) {
            list.append(std::move(result).value());
        } else {
            failure = result.error();
        }
    };
    if (type == QLatin1String("Observation")) {
        keep(FhirObservationMapper::map(resource, context), record_.observations);
    } else if (type == QLatin1String("Condition")) {
        keep(FhirConditionMapper::map(resource, context), record_.conditions);
    } else if (type == QLatin1String("MedicationRequest")) {
        keep(FhirMedicationMapper::mapRequest(resource, context), record_.medications);
    } else if (type == QLatin1String("MedicationAdministration")) {
        keep(FhirMedicationMapper::mapAdministration(resource, context), record_.medications);
    } else if (type == QLatin1String("MedicationStatement")) {
        keep(FhirMedicationMapper::mapStatement(resource, context), record_.medications);
    } else if (type == QLatin1String("Procedure")) {
        keep(FhirProcedureMapper::map(resource, context), record_.procedures);
    } else if (type == QLatin1String("Encounter")) {
        keep(FhirOtherMappers::mapEncounter(resource, context), record_.encounters);
    } else if (type == QLatin1String("DiagnosticReport")) {
        keep(FhirOtherMappers::mapDiagnosticReport(resource, context), record_.reports);
    } else if (type == QLatin1String("ImagingStudy")) {
        keep(FhirOtherMappers::mapImagingStudy(resource, context), record_.imagingStudies);
    } else if (type == QLatin1String("AllergyIntolerance")) {
        keep(FhirOtherMappers::mapAllergy(resource, context), record_.allergies);
    } else if (type == QLatin1String("CarePlan")) {
        keep(FhirOtherMappers::mapCarePlan(resource, context), record_.carePlans);
    }
    if (failure) {
        record_.warnings << context.message(failure->field(), failure->what() + QStringLiteral("; resource skipped"));
        if (!firstFailure_) firstFailure_ = resourceError(context, *failure);
        return;
    }
    ++record_.countsByType[type];
    noteReferences(entry);
}

core::Result<PatientRecord> FhirImportSession::finish() {
    if (cancelled()) return core::Error::cancelled();
    if (context_) context_->setProgress(0.5, QStringLiteral("Mapping FHIR resources"));
    const core::Result<int> patient = choosePatient();
    if (!patient.ok()) return patient.error();
    const int patientEntry = patient.value();
    const int patientResolverEntry = patientEntry >= 0 ? entries_.at(patientEntry).resolverEntry : -1;
    const qsizetype total = entries_.size();
    for (qsizetype i = 0; i < total; ++i) {
        if ((i & 255) == 0) {
            if (cancelled()) return core::Error::cancelled();
            if (context_) context_->setProgress(0.5 + 0.5 * double(i) / double(total));
        }
        const Entry &entry = entries_.at(i);
        if (i == patientEntry) continue;
        if (entry.type == QLatin1String("Patient")) {  // one Patient per record
            if (patientEntry >= 0) {
                contextFor(entry).note({}, QStringLiteral("another Patient; only %1 is imported")
                                               .arg(QStringLiteral("Patient/") + entries_.at(patientEntry).id));
            }
            continue;
        }
        if (patientResolverEntry >= 0) {
            const QString other = otherPatientOf(entry, patientResolverEntry);
            if (!other.isEmpty()) {
                ++skippedForOtherPatient_[other];
                continue;
            }
        }
        mapEntry(entry);
    }
    addSummaryWarnings(patientEntry);
    if (record_.countsByType.isEmpty() && firstFailure_) return *firstFailure_;  // nothing usable at all
    if (context_) context_->setProgress(1.0);
    return std::move(record_);
}

void FhirImportSession::noteReferences(const Entry &entry) {
    const QJsonObject &resource = resolver_.resource(entry.resolverEntry);
    for (auto it = resource.constBegin(); it != resource.constEnd(); ++it) {
        const QJsonValue value = it.value();
        if (value.isObject() || value.isArray()) noteReferencesIn(value, it.key(), entry, 0);
    }
}

void FhirImportSession::noteReferencesIn(const QJsonValue &value, const QString &field, const Entry &entry, int depth) {
    if (depth > kMaxReferenceDepth) return;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array) {
            if (element.isObject() || element.isArray()) noteReferencesIn(element, field, entry, depth + 1);
        }
        return;
    }
    const QJsonObject object = value.toObject();
    const QJsonValue reference = object.value("reference"_L1);
    if (reference.isString()) {
        const QString target = reference.toString();
        const FhirResolvedReference resolved = resolver_.resolve(target, resolver_.resource(entry.resolverEntry));
        if (resolved.kind == FhirResolvedReference::Kind::Conditional) {
            ReferenceNote &note = conditional_[target];
            if (note.count++ == 0) note.first = contextFor(entry).message(field, QString());
        } else if (resolved.kind == FhirResolvedReference::Kind::Unresolved) {
            ReferenceNote &note = unresolvedPerSource_[entry.source];
            if (note.count++ == 0) note.first = QStringLiteral("%1 field %2 → %3").arg(contextFor(entry).location(), field, target.left(200));
        }
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QJsonValue child = it.value();
        if (child.isObject() || child.isArray()) noteReferencesIn(child, field, entry, depth + 1);
    }
}

void FhirImportSession::addSummaryWarnings(int patientEntry) {
    for (auto it = conditional_.cbegin(); it != conditional_.cend(); ++it) {
        // note.first is "<file>: <location>: field <f>: " — the message continues after it.
        record_.warnings << it.value().first +
                                QStringLiteral("conditional reference %1 kept unresolved (%2 reference(s) to it)")
                                    .arg(it.key().left(200))
                                    .arg(it.value().count);
    }
    for (auto it = unresolvedPerSource_.cbegin(); it != unresolvedPerSource_.cend(); ++it) {
        record_.warnings << QStringLiteral("%1: %2 reference(s) to resources not in the input kept unresolved (first: %3)")
                                .arg(sources_.at(it.key()))
                                .arg(it.value().count)
                                .arg(it.value().first);
    }
    for (qsizetype source = 0; source < sources_.size(); ++source) {
        if (duplicatesPerSource_.at(source) == 0) continue;
        record_.warnings << QStringLiteral("%1: %2 resource(s) repeat a fullUrl or type/id read before and were skipped "
                                           "(first: %3)")
                                .arg(sources_.at(source))
                                .arg(duplicatesPerSource_.at(source))
                                .arg(firstDuplicatePerSource_.at(source));
    }
    for (auto it = skippedForOtherPatient_.cbegin(); it != skippedForOtherPatient_.cend(); ++it) {
        record_.warnings << QStringLiteral("%1: %2 resource(s) of %3 skipped (only Patient/%4 is imported)")
                                .arg(inputName())
                                .arg(it.value())
                                .arg(it.key(), entries_.at(patientEntry).id);
    }
}

}  // namespace twin::ehr
