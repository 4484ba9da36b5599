#include "twin/ehr/TimelineEvent.h"

#include "twin/ehr/PatientRecord.h"
#include "twin/ehr/UnitNormalizer.h"

#include <algorithm>

namespace twin::ehr {

namespace {

QString dateTimeText(const QDateTime &when) {
    if (!when.isValid()) return {};
    return when.time() == QTime(0, 0) ? when.date().toString(Qt::ISODate) : when.toString(Qt::ISODate);
}

/// "2020-01-05 – 2020-03-01", "2020-01-05 – ongoing", "2020-01-05".
QString periodText(const QDateTime &start, const QDateTime &end, bool ongoingWhenOpen) {
    if (end.isValid()) return QStringLiteral("%1 – %2").arg(dateTimeText(start), dateTimeText(end));
    return ongoingWhenOpen ? QStringLiteral("%1 – ongoing").arg(dateTimeText(start)) : dateTimeText(start);
}

/// The code in the first of `systems` present, else the first code.
QString primaryCode(const CodedConcept &coded, std::initializer_list<QString> systems) {
    for (const QString &system : systems) {
        const QString code = coded.codeIn(system);
        if (!code.isEmpty()) return code;
    }
    return coded.codings.isEmpty() ? QString() : coded.codings.first().code;
}

/// "http://loinc.org 2160-0 (Creatinine …), …" for tooltips.
QString codingsText(const CodedConcept &coded) {
    QStringList parts;
    for (const Coding &coding : coded.codings) {
        QString system = coding.system;
        if (system == code_system::kLoinc) system = QStringLiteral("LOINC");
        else if (system == code_system::kSnomed) system = QStringLiteral("SNOMED CT");
        else if (system == code_system::kRxNorm) system = QStringLiteral("RxNorm");
        else if (system == code_system::kIcd10 || system == code_system::kIcd10Cm) system = QStringLiteral("ICD-10");
        parts << QStringLiteral("%1 %2").arg(system, coding.code).trimmed();
    }
    return parts.join(QStringLiteral(", "));
}

/// LOINC long names are long: "Creatinine [Mass/volume] in Serum or Plasma" reads "Creatinine".
QString shortObservationName(const CodedConcept &coded) {
    QString text = coded.label();
    const qsizetype bracket = text.indexOf(QStringLiteral(" ["));
    if (bracket > 0) text.truncate(bracket);
    return text.trimmed();
}

QString sourceLine(const Provenance &provenance) {
    const QString described = provenance.describe();
    return described.isEmpty() ? QString() : QStringLiteral("Source: %1").arg(described);
}

QString detailText(QStringList lines, const CodedConcept &coded, const Provenance &provenance) {
    const QString codes = codingsText(coded);
    if (!codes.isEmpty()) lines << QStringLiteral("Codes: %1").arg(codes);
    lines << sourceLine(provenance);
    lines.removeAll(QString());
    return lines.join(QLatin1Char('\n'));
}

TimelineEvent conditionEvent(const ConditionRecord &condition) {
    TimelineEvent event;
    event.lane = TimelineEvent::Lane::Condition;
    event.start = condition.onset;
    event.end = condition.abatement;
    event.label = condition.code.label();
    if (!condition.stage.isEmpty()) event.label += QStringLiteral(" (stage %1)").arg(condition.stage);
    event.code = primaryCode(condition.code, {code_system::kSnomed, code_system::kIcd10Cm, code_system::kIcd10});
    QStringList lines{condition.code.label(), periodText(condition.onset, condition.abatement, true)};
    if (!condition.clinicalStatus.isEmpty()) lines << QStringLiteral("Status: %1").arg(condition.clinicalStatus);
    if (!condition.stage.isEmpty()) {
        lines << QStringLiteral("Stage: %1%2").arg(condition.stage, condition.stageType.isEmpty()
                                                                         ? QString()
                                                                         : QStringLiteral(" (%1)").arg(condition.stageType));
    }
    if (!condition.histology.isEmpty()) lines << QStringLiteral("Histology: %1").arg(condition.histology);
    event.detail = detailText(lines, condition.code, condition.provenance);
    event.provenance = condition.provenance;
    return event;
}

TimelineEvent medicationEvent(const MedicationRecord &medication) {
    TimelineEvent event;
    event.lane = TimelineEvent::Lane::Medication;
    event.start = medication.start;
    event.end = medication.end;
    event.label = medication.medication.label();
    if (medication.doseValue) {
        event.label += QStringLiteral(" %1 %2").arg(QString::number(*medication.doseValue, 'g', 6), medication.doseUnit);
        event.label = event.label.trimmed();
    }
    event.code = primaryCode(medication.medication, {code_system::kRxNorm});
    static const char *const kinds[] = {"request", "administration", "statement"};
    QStringList lines{event.label, periodText(medication.start, medication.end, false)};
    QStringList facts;
    facts << QString::fromLatin1(kinds[static_cast<int>(medication.kind)]);
    if (!medication.status.isEmpty()) facts << medication.status;
    if (medication.isChemotherapy) facts << QStringLiteral("chemotherapy");
    lines << facts.join(QStringLiteral(", "));
    if (!medication.route.isEmpty()) lines << QStringLiteral("Route: %1").arg(medication.route.label());
    if (!medication.timing.isEmpty()) lines << QStringLiteral("Timing: %1").arg(medication.timing);
    event.detail = detailText(lines, medication.medication, medication.provenance);
    event.provenance = medication.provenance;
    return event;
}

TimelineEvent procedureEvent(const ProcedureRecord &procedure) {
    static const char *const categories[] = {"other", "surgery", "radiotherapy", "chemotherapy", "imaging", "biopsy"};
    TimelineEvent event;
    event.lane = TimelineEvent::Lane::Procedure;
    event.start = procedure.start;
    event.end = procedure.end;
    event.label = procedure.code.label();
    event.code = primaryCode(procedure.code, {code_system::kSnomed});
    const QStringList lines{procedure.code.label(), periodText(procedure.start, procedure.end, false),
                            QStringLiteral("Category: %1")
                                .arg(QString::fromLatin1(categories[static_cast<int>(procedure.category)]))};
    event.detail = detailText(lines, procedure.code, procedure.provenance);
    event.provenance = procedure.provenance;
    return event;
}

QString observationValueText(const ObservationRecord &observation) {
    QString value = observation.value.display();
    if (value.isEmpty() && !observation.components.isEmpty()) {
        QStringList parts;
        for (const ObservationComponent &component : observation.components) {
            const QString shown = component.value.display();
            if (!shown.isEmpty()) parts << shown;
        }
        value = parts.join(QStringLiteral(" / "));
    }
    return value;
}

TimelineEvent observationEvent(const ObservationRecord &observation) {
    TimelineEvent event;
    event.lane = TimelineEvent::Lane::Lab;
    event.start = observation.effective;
    event.label = QStringLiteral("%1 %2").arg(shortObservationName(observation.code), observationValueText(observation)).trimmed();
    event.code = primaryCode(observation.code, {code_system::kLoinc});
    QStringList lines{observation.code.label(), dateTimeText(observation.effective)};
    if (!observation.category.isEmpty()) lines << QStringLiteral("Category: %1").arg(observation.category);
    for (const ObservationComponent &component : observation.components) {
        lines << QStringLiteral("%1: %2").arg(component.code.label(), component.value.display());
    }
    // The canonical unit, when the value was recorded in another one.
    const core::Result<NormalizedValue> normalized = UnitNormalizer::normalize(observation);
    if (normalized.ok() && normalized.value().converted) {
        lines << QStringLiteral("= %1").arg(normalized.value().display());
    }
    event.detail = detailText(lines, observation.code, observation.provenance);
    event.provenance = observation.provenance;
    return event;
}

TimelineEvent imagingEvent(const ImagingStudyRecord &study) {
    TimelineEvent event;
    event.lane = TimelineEvent::Lane::Imaging;
    event.start = study.started;
    const QString modalities = study.modalities.join(QLatin1Char('/'));
    event.label = QStringLiteral("%1 %2").arg(modalities, study.description).trimmed();
    if (event.label.isEmpty()) event.label = QStringLiteral("Imaging study");
    event.studyInstanceUid = study.studyInstanceUid;
    event.code = modalities;
    QStringList lines{event.label, dateTimeText(study.started)};
    if (!study.studyInstanceUid.isEmpty()) lines << QStringLiteral("Study Instance UID: %1").arg(study.studyInstanceUid);
    if (!study.seriesInstanceUids.isEmpty()) lines << QStringLiteral("Series: %1").arg(study.seriesInstanceUids.size());
    event.detail = detailText(lines, {}, study.provenance);
    event.provenance = study.provenance;
    return event;
}

TimelineEvent encounterEvent(const EncounterRecord &encounter) {
    TimelineEvent event;
    event.lane = TimelineEvent::Lane::Encounter;
    event.start = encounter.start;
    event.end = encounter.end;
    event.label = encounter.type.label();
    if (event.label.isEmpty()) event.label = encounter.encounterClass;
    if (event.label.isEmpty()) event.label = QStringLiteral("Encounter");
    event.code = primaryCode(encounter.type, {code_system::kSnomed});
    QStringList lines{event.label, periodText(encounter.start, encounter.end, false)};
    if (!encounter.encounterClass.isEmpty()) lines << QStringLiteral("Class: %1").arg(encounter.encounterClass);
    event.detail = detailText(lines, encounter.type, encounter.provenance);
    event.provenance = encounter.provenance;
    return event;
}

}  // namespace

QString TimelineEvent::laneName(Lane lane) {
    switch (lane) {
    case Lane::Condition: return QStringLiteral("Conditions");
    case Lane::Medication: return QStringLiteral("Medications");
    case Lane::Procedure: return QStringLiteral("Procedures");
    case Lane::Lab: return QStringLiteral("Labs");
    case Lane::Imaging: return QStringLiteral("Imaging");
    case Lane::Encounter: return QStringLiteral("Encounters");
    }
    return {};
}

QList<TimelineEvent> buildTimeline(const PatientRecord &record) {
    // Records without a start time cannot be placed on a time axis and are left out.
    QList<TimelineEvent> events;
    for (const ConditionRecord &condition : record.conditions) {
        if (condition.onset.isValid()) events << conditionEvent(condition);
    }
    for (const MedicationRecord &medication : record.medications) {
        if (medication.start.isValid()) events << medicationEvent(medication);
    }
    for (const ProcedureRecord &procedure : record.procedures) {
        if (procedure.start.isValid()) events << procedureEvent(procedure);
    }
    for (const ObservationRecord &observation : record.observations) {
        if (observation.effective.isValid()) events << observationEvent(observation);
    }
    for (const ImagingStudyRecord &study : record.imagingStudies) {
        if (study.started.isValid()) events << imagingEvent(study);
    }
    for (const EncounterRecord &encounter : record.encounters) {
        if (encounter.start.isValid()) events << encounterEvent(encounter);
    }
    // By start; at equal starts in lane order (the order above), then in record order.
    std::stable_sort(events.begin(), events.end(), [](const TimelineEvent &a, const TimelineEvent &b) {
        if (a.start != b.start) return a.start < b.start;
        return static_cast<int>(a.lane) < static_cast<int>(b.lane);
    });
    return events;
}

}  // namespace twin::ehr
