#pragma once
// Shared by the FhirRecordReader tests: data paths, raw-JSON counts independent of the reader,
// a digest of a record for equality checks, and small bundles/NDJSON built from resources.

#include "twin/core/Result.h"
#include "twin/ehr/PatientRecord.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <algorithm>

namespace twin::test::fhir {

using namespace twin::ehr;


inline const QString kSynthea = QStringLiteral("fhir/synthea-fhir-r4-bundles/");
inline const QString kValid = QStringLiteral("fhir/fhir-r4-examples-and-invalid/valid-official-examples/");
inline const QString kInvalid = QStringLiteral("fhir/fhir-r4-examples-and-invalid/invalid-validator-cases/");

inline QString failureText(const twin::core::Result<PatientRecord> &result) {
    return result.ok() ? QStringLiteral("read without error") : result.error().message();
}

inline QJsonObject readJsonObject(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

/// Resources per type, counted from the raw bundle (independent of the reader).
inline QMap<QString, int> rawCounts(const QJsonObject &bundle) {
    QMap<QString, int> counts;
    for (const QJsonValue &entry : bundle.value(QLatin1String("entry")).toArray()) {
        ++counts[entry.toObject().value(QLatin1String("resource")).toObject().value(QLatin1String("resourceType")).toString()];
    }
    return counts;
}

inline const ObservationRecord *observationById(const PatientRecord &record, const QString &id) {
    for (const ObservationRecord &observation : record.observations) {
        if (observation.id == id) return &observation;
    }
    return nullptr;
}

int countIf(const auto &list, auto predicate) { return static_cast<int>(std::count_if(list.begin(), list.end(), predicate)); }

/// What a record says, without where it was read (file, entry index): to compare inputs.
inline QStringList digest(const PatientRecord &r) {
    QStringList lines;
    const Demographics &d = r.demographics;
    lines << QStringLiteral("patient %1|%2|%3|%4|%5").arg(d.id, d.familyName, d.givenName, d.sex,
                                                         d.birthDate ? d.birthDate->toString(Qt::ISODate) : QString());
    for (auto it = r.countsByType.cbegin(); it != r.countsByType.cend(); ++it) lines << QStringLiteral("count %1=%2").arg(it.key()).arg(it.value());
    for (const ObservationRecord &o : r.observations) {
        QString line = QStringLiteral("obs %1|%2|%3|%4|%5").arg(o.id, o.code.label(), o.category, o.effective.toString(Qt::ISODateWithMs), o.value.display());
        for (const ObservationComponent &c : o.components) line += QLatin1Char('|') + c.code.label() + QLatin1Char('=') + c.value.display();
        lines << line;
    }
    for (const ConditionRecord &c : r.conditions) {
        lines << QStringLiteral("cond %1|%2|%3|%4|%5|%6").arg(c.id, c.code.label(), c.clinicalStatus, c.onset.toString(Qt::ISODate), c.stage).arg(c.isCancer);
    }
    for (const MedicationRecord &m : r.medications) {
        lines << QStringLiteral("med %1|%2|%3|%4|%5|%6").arg(m.id, m.medication.label(), m.status, m.start.toString(Qt::ISODate),
                                                            m.doseValue ? QString::number(*m.doseValue) : QString(), m.timing);
    }
    for (const ProcedureRecord &p : r.procedures) lines << QStringLiteral("proc %1|%2|%3").arg(p.id, p.code.label()).arg(int(p.category));
    for (const EncounterRecord &e : r.encounters) lines << QStringLiteral("enc %1|%2|%3").arg(e.id, e.encounterClass, e.start.toString(Qt::ISODate));
    for (const DiagnosticReportRecord &x : r.reports) lines << QStringLiteral("report %1|%2").arg(x.id, x.resultIds.join(QLatin1Char(',')));
    for (const ImagingStudyRecord &s : r.imagingStudies) lines << QStringLiteral("study %1|%2").arg(s.id, s.studyInstanceUid);
    for (const AllergyRecord &a : r.allergies) lines << QStringLiteral("allergy %1|%2").arg(a.id, a.code.label());
    for (const CarePlanRecord &c : r.carePlans) lines << QStringLiteral("careplan %1|%2").arg(c.id, c.category.label());
    return lines;
}

/// Replaces every "reference" found in `urls` (fullUrl → "Type/id"), as a bulk export writes them.
inline QJsonValue rewriteReferences(const QJsonValue &value, const QHash<QString, QString> &urls) {
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &element : value.toArray()) array.append(rewriteReferences(element, urls));
        return array;
    }
    if (!value.isObject()) return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("reference") && urls.contains(it.value().toString())) {
            it.value() = urls.value(it.value().toString());
        } else {
            it.value() = rewriteReferences(it.value(), urls);
        }
    }
    return object;
}

/// The bundle's resources as NDJSON lines with relative references, grouped by type.
inline QMap<QString, QByteArray> asNdjsonByType(const QJsonObject &bundle) {
    QHash<QString, QString> urls;
    const QJsonArray entries = bundle.value(QLatin1String("entry")).toArray();
    for (const QJsonValue &entry : entries) {
        const QJsonObject resource = entry.toObject().value(QLatin1String("resource")).toObject();
        urls.insert(entry.toObject().value(QLatin1String("fullUrl")).toString(),
                    resource.value(QLatin1String("resourceType")).toString() + QLatin1Char('/') + resource.value(QLatin1String("id")).toString());
    }
    QMap<QString, QByteArray> files;
    for (const QJsonValue &entry : entries) {
        const QJsonObject resource = rewriteReferences(entry.toObject().value(QLatin1String("resource")), urls).toObject();
        files[resource.value(QLatin1String("resourceType")).toString()] += QJsonDocument(resource).toJson(QJsonDocument::Compact) + '\n';
    }
    return files;
}

inline constexpr char kPatient[] = R"({"resourceType":"Patient","id":"p1","name":[{"family":"Test","given":["Ann","B."]}],"gender":"female","birthDate":"1960-02"})";

inline QByteArray bundleOf(const QList<QByteArray> &resources, const char *type = "collection") {
    QByteArray text = QByteArray(R"({"resourceType":"Bundle","type":")") + type + R"(","entry":[)";
    for (qsizetype i = 0; i < resources.size(); ++i) {
        if (i) text += ',';
        text += R"({"fullUrl":"urn:uuid:00000000-0000-0000-0000-00000000000)" + QByteArray::number(i) + R"(","resource":)" + resources.at(i) + '}';
    }
    return text + "]}";
}

}  // namespace twin::test::fhir
