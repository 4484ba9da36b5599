#include "FhirBundleWriter.h"

#include <QJsonDocument>
#include <QSaveFile>

#include <array>

namespace twin::phantom {

namespace {

const QString kLoinc = QStringLiteral("http://loinc.org");
const QString kSnomed = QStringLiteral("http://snomed.info/sct");
const QString kUcum = QStringLiteral("http://unitsofmeasure.org");
const QString kRxNorm = QStringLiteral("http://www.nlm.nih.gov/research/umls/rxnorm");

QJsonObject coding(const QString &system, const QString &code, const QString &display) {
    return QJsonObject{
        {QStringLiteral("system"), system}, {QStringLiteral("code"), code}, {QStringLiteral("display"), display}};
}

QJsonObject codeable(const QJsonObject &first, const QString &text = {}) {
    QJsonObject result{{QStringLiteral("coding"), QJsonArray{first}}};
    if (!text.isEmpty()) result.insert(QStringLiteral("text"), text);
    return result;
}

QJsonObject quantity(double value, const QString &ucum) {
    return QJsonObject{{QStringLiteral("value"), value},
                       {QStringLiteral("unit"), ucum},
                       {QStringLiteral("system"), kUcum},
                       {QStringLiteral("code"), ucum}};
}

QString dateTime(const QDate &date, int hour) {
    return QStringLiteral("%1T%2:00:00Z").arg(date.toString(Qt::ISODate)).arg(hour, 2, 10, QLatin1Char('0'));
}

}  // namespace

FhirBundleWriter::FhirBundleWriter(const PhantomRecord &record, const PhantomUids &uids)
    : record_(record), uids_(uids) {}

QString FhirBundleWriter::fullUrl(const QString &role) const {
    return QStringLiteral("urn:uuid:") + uids_.uuid(QStringLiteral("fhir/") + role);
}

QJsonObject FhirBundleWriter::entry(const QString &role, QJsonObject resource) const {
    resource.insert(QStringLiteral("id"), uids_.uuid(QStringLiteral("fhir/") + role));
    return QJsonObject{{QStringLiteral("fullUrl"), fullUrl(role)}, {QStringLiteral("resource"), resource}};
}

QJsonObject FhirBundleWriter::patient() const {
    const DemoPatientIdentity &id = record_.identity;
    const QJsonObject synthetic = coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/v3-ActReason"),
                                         QStringLiteral("HTEST"), QStringLiteral("test health data"));
    const QJsonObject mrType = codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203"),
                                               QStringLiteral("MR"), QStringLiteral("Medical record number")));
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Patient")},
        {QStringLiteral("meta"), QJsonObject{{QStringLiteral("tag"), QJsonArray{synthetic}}}},
        {QStringLiteral("identifier"),
         QJsonArray{QJsonObject{{QStringLiteral("use"), QStringLiteral("usual")},
                                {QStringLiteral("type"), mrType},
                                {QStringLiteral("system"), QStringLiteral("http://example.org/didymos/patient-id")},
                                {QStringLiteral("value"), id.patientId}}}},
        {QStringLiteral("active"), true},
        {QStringLiteral("name"), QJsonArray{QJsonObject{{QStringLiteral("use"), QStringLiteral("official")},
                                                        {QStringLiteral("family"), id.familyName},
                                                        {QStringLiteral("given"), QJsonArray{id.givenName}}}}},
        {QStringLiteral("gender"), id.sex},
        {QStringLiteral("birthDate"), id.birthDate},
    };
}

QJsonObject FhirBundleWriter::observation(const QString &category, const char *loinc, const char *display, double value,
                                          const char *unit, const QDate &date) const {
    const QJsonObject categoryCoding =
        coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/observation-category"), category,
               category == QLatin1String("vital-signs") ? QStringLiteral("Vital Signs") : QStringLiteral("Laboratory"));
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Observation")},
        {QStringLiteral("status"), QStringLiteral("final")},
        {QStringLiteral("category"), QJsonArray{codeable(categoryCoding)}},
        {QStringLiteral("code"), codeable(coding(kLoinc, QString::fromLatin1(loinc), QString::fromLatin1(display)))},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), fullUrl(QStringLiteral("patient"))}}},
        {QStringLiteral("effectiveDateTime"), dateTime(date, 8)},
        {QStringLiteral("valueQuantity"), quantity(value, QString::fromLatin1(unit))},
    };
}

QJsonObject FhirBundleWriter::performanceStatus() const {
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Observation")},
        {QStringLiteral("status"), QStringLiteral("final")},
        {QStringLiteral("category"),
         QJsonArray{codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/observation-category"),
                                    QStringLiteral("survey"), QStringLiteral("Survey")))}},
        {QStringLiteral("code"),
         codeable(coding(kLoinc, QStringLiteral("89247-1"), QStringLiteral("ECOG Performance Status score")))},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), fullUrl(QStringLiteral("patient"))}}},
        {QStringLiteral("effectiveDateTime"), dateTime(record_.studyDate, 9)},
        {QStringLiteral("valueCodeableConcept"),
         codeable(coding(kLoinc, QStringLiteral("LA9623-5"),
                         QStringLiteral("Restricted in physically strenuous activity but ambulatory and able to carry "
                                        "out work of a light or sedentary nature")),
                  QStringLiteral("ECOG 1"))},
    };
}

QJsonObject FhirBundleWriter::condition() const {
    const QJsonObject stage{
        {QStringLiteral("summary"), codeable(coding(QStringLiteral("http://cancerstaging.org"), QStringLiteral("3A"),
                                                    QStringLiteral("Stage IIIA")),
                                             QStringLiteral("cT2a cN2 cM0, stage IIIA (AJCC 8th edition)"))},
        {QStringLiteral("type"),
         codeable(coding(kLoinc, QStringLiteral("21908-9"), QStringLiteral("Stage group.clinical Cancer")))},
    };
    QJsonObject code =
        codeable(coding(kSnomed, QStringLiteral("254637007"), QStringLiteral("Non-small cell lung cancer")),
                 QStringLiteral("Non-small cell lung cancer, right upper lobe"));
    QJsonArray codings = code.value(QStringLiteral("coding")).toArray();
    codings.append(coding(QStringLiteral("http://hl7.org/fhir/sid/icd-10"), QStringLiteral("C34.1"),
                          QStringLiteral("Malignant neoplasm of upper lobe, bronchus or lung")));
    code.insert(QStringLiteral("coding"), codings);
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Condition")},
        {QStringLiteral("clinicalStatus"),
         codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/condition-clinical"),
                         QStringLiteral("active"), QStringLiteral("Active")))},
        {QStringLiteral("verificationStatus"),
         codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/condition-ver-status"),
                         QStringLiteral("confirmed"), QStringLiteral("Confirmed")))},
        {QStringLiteral("category"),
         QJsonArray{codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/condition-category"),
                                    QStringLiteral("problem-list-item"), QStringLiteral("Problem List Item")))}},
        {QStringLiteral("code"), code},
        {QStringLiteral("bodySite"),
         QJsonArray{codeable(coding(kSnomed, QStringLiteral("3341006"), QStringLiteral("Right lung structure")),
                             QStringLiteral("Right upper lobe"))}},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), fullUrl(QStringLiteral("patient"))}}},
        {QStringLiteral("onsetDateTime"), record_.diagnosisDate.toString(Qt::ISODate)},
        {QStringLiteral("recordedDate"), record_.diagnosisDate.toString(Qt::ISODate)},
        {QStringLiteral("stage"), QJsonArray{stage}},
    };
}

QJsonObject FhirBundleWriter::medicationRequest() const {
    const QJsonObject dose{{QStringLiteral("doseQuantity"), quantity(50.0, QStringLiteral("mg/m2"))}};
    const QJsonObject timing{
        {QStringLiteral("event"), QJsonArray{record_.chemotherapyStart.toString(Qt::ISODate),
                                             record_.chemotherapyStart.addDays(7).toString(Qt::ISODate),
                                             record_.chemotherapyStart.addDays(28).toString(Qt::ISODate),
                                             record_.chemotherapyStart.addDays(35).toString(Qt::ISODate)}}};
    const QJsonObject dosage{
        {QStringLiteral("text"), QStringLiteral("Cisplatin 50 mg/m2 IV on days 1, 8, 29 and 36, concurrent with "
                                                "thoracic radiotherapy 60 Gy in 30 fractions")},
        {QStringLiteral("timing"), timing},
        {QStringLiteral("route"),
         codeable(coding(kSnomed, QStringLiteral("47625008"), QStringLiteral("Intravenous route")))},
        {QStringLiteral("doseAndRate"), QJsonArray{dose}},
    };
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
        {QStringLiteral("status"), QStringLiteral("active")},
        {QStringLiteral("intent"), QStringLiteral("order")},
        {QStringLiteral("medicationCodeableConcept"),
         codeable(coding(kRxNorm, QStringLiteral("2555"), QStringLiteral("cisplatin")))},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), fullUrl(QStringLiteral("patient"))}}},
        {QStringLiteral("authoredOn"), record_.planDate.toString(Qt::ISODate)},
        {QStringLiteral("reasonReference"),
         QJsonArray{QJsonObject{{QStringLiteral("reference"), fullUrl(QStringLiteral("condition/nsclc"))}}}},
        {QStringLiteral("dosageInstruction"), QJsonArray{dosage}},
    };
}

QJsonObject FhirBundleWriter::imagingStudy() const {
    const DemoPatientIdentity &id = record_.identity;
    const QJsonObject ct = coding(QStringLiteral("http://dicom.nema.org/resources/ontology/DCM"), QStringLiteral("CT"),
                                  QStringLiteral("Computed Tomography"));
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("ImagingStudy")},
        {QStringLiteral("identifier"),
         QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("urn:dicom:uid")},
                                {QStringLiteral("value"), QStringLiteral("urn:oid:") + id.studyInstanceUid}}}},
        {QStringLiteral("status"), QStringLiteral("available")},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), fullUrl(QStringLiteral("patient"))}}},
        {QStringLiteral("started"), dateTime(record_.studyDate, 9)},
        {QStringLiteral("modality"), QJsonArray{ct}},
        {QStringLiteral("description"), QStringLiteral("Planning CT thorax")},
        {QStringLiteral("numberOfSeries"), 1},
        {QStringLiteral("series"),
         QJsonArray{QJsonObject{{QStringLiteral("uid"), id.ctSeriesInstanceUid},
                                {QStringLiteral("modality"), ct},
                                {QStringLiteral("description"), QStringLiteral("Planning CT")}}}},
    };
}

QJsonObject FhirBundleWriter::bundle() const {
    static const std::array<Lab, 6> labs{{
        {"2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.5, 1.1, 0.82, 0.9},
        {"751-8", "Neutrophils [#/volume] in Blood by Automated count", "10*9/L", 1.8, 7.5, 4.6, 4.1},
        {"718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 12.0, 16.0, 13.1, 12.6},
        {"777-3", "Platelets [#/volume] in Blood by Automated count", "10*9/L", 150.0, 400.0, 265.0, 248.0},
        {"1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "U/L", 7.0, 35.0, 22.0,
         25.0},
        {"1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma", "mg/dL", 0.1, 1.2, 0.6, 0.7},
    }};
    QJsonArray entries;
    entries.append(entry(QStringLiteral("patient"), patient()));
    entries.append(
        entry(QStringLiteral("observation/weight"), observation(QStringLiteral("vital-signs"), "29463-7", "Body weight",
                                                                record_.weightKg, "kg", record_.studyDate)));
    entries.append(
        entry(QStringLiteral("observation/height"), observation(QStringLiteral("vital-signs"), "8302-2", "Body height",
                                                                record_.heightCm, "cm", record_.studyDate)));
    for (const Lab &lab : labs) {
        const std::array<std::pair<QDate, double>, 2> rounds{
            {{record_.diagnosisDate, lab.atDiagnosis}, {record_.studyDate, lab.beforeTreatment}}};
        for (const auto &[date, value] : rounds) {
            QJsonObject resource =
                observation(QStringLiteral("laboratory"), lab.loinc, lab.display, value, lab.unit, date);
            resource.insert(
                QStringLiteral("referenceRange"),
                QJsonArray{QJsonObject{{QStringLiteral("low"), quantity(lab.low, QString::fromLatin1(lab.unit))},
                                       {QStringLiteral("high"), quantity(lab.high, QString::fromLatin1(lab.unit))}}});
            entries.append(entry(
                QStringLiteral("observation/%1/%2").arg(QString::fromLatin1(lab.loinc), date.toString(Qt::ISODate)),
                resource));
        }
    }
    entries.append(entry(QStringLiteral("observation/ecog"), performanceStatus()));
    entries.append(entry(QStringLiteral("condition/nsclc"), condition()));
    entries.append(entry(QStringLiteral("medication-request/cisplatin"), medicationRequest()));
    entries.append(entry(QStringLiteral("imaging-study/planning-ct"), imagingStudy()));
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Bundle")},
        {QStringLiteral("id"), uids_.uuid(QStringLiteral("fhir/bundle"))},
        {QStringLiteral("type"), QStringLiteral("collection")},
        {QStringLiteral("timestamp"), dateTime(record_.planDate, 14)},
        {QStringLiteral("entry"), entries},
    };
}

core::Status FhirBundleWriter::write(const QString &path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return core::Error::io(QStringLiteral("cannot open for writing: %1").arg(file.errorString())).inFile(path);
    }
    file.write(QJsonDocument(bundle()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        return core::Error::io(QStringLiteral("cannot write: %1").arg(file.errorString())).inFile(path);
    }
    return {};
}

}  // namespace twin::phantom
