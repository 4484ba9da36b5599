#include "twin/ehr/PatientSummary.h"

#include "twin/ehr/CovariateCalculator.h"
#include "twin/ehr/UnitNormalizer.h"

namespace twin::ehr {

namespace {

struct KeyLab {
    QStringList codes;
    QString label;
};

const QList<KeyLab> &keyLabDefinitions() {
    static const QList<KeyLab> labs{
        {{loinc::kCreatinineSerum, loinc::kCreatinineBlood}, QStringLiteral("Creatinine")},
        {{loinc::kNeutrophilsAutomated, loinc::kNeutrophils}, QStringLiteral("Neutrophils (ANC)")},
        {{loinc::kHemoglobin}, QStringLiteral("Haemoglobin")},
        {{loinc::kPlatelets}, QStringLiteral("Platelets")},
        {{loinc::kAlt}, QStringLiteral("ALT")},
        {{loinc::kBilirubinTotal}, QStringLiteral("Bilirubin")},
        {{loinc::kBodyWeight}, QStringLiteral("Weight")},
        {{loinc::kCea}, QStringLiteral("CEA")},
        {{loinc::kPsa}, QStringLiteral("PSA")},
        {{loinc::kCa125}, QStringLiteral("CA-125")},
    };
    return labs;
}

bool activeAt(const QDateTime &start, const QDateTime &end, const QDateTime &asOf) {
    return (!start.isValid() || start <= asOf) && (!end.isValid() || end >= asOf);
}

}  // namespace

QStringList PatientSummary::keyLabCodes() {
    QStringList codes;
    for (const KeyLab &lab : keyLabDefinitions()) codes << lab.codes.first();
    return codes;
}

PatientSummary PatientSummary::build(const PatientRecord &record, const QDateTime &asOf) {
    PatientSummary summary;
    const Demographics &who = record.demographics;
    summary.patientId = who.id;
    summary.displayName = who.givenName.isEmpty() ? who.familyName : QStringLiteral("%1, %2").arg(who.familyName, who.givenName);
    summary.sex = who.sex.isEmpty() ? QStringLiteral("unknown") : who.sex;
    summary.birthDate = who.birthDate;
    summary.asOf = asOf;

    for (const ConditionRecord &condition : record.conditions) {
        if (!condition.isCancer) continue;
        QString text = condition.code.label();
        if (!condition.stage.isEmpty()) text += QStringLiteral(" — stage %1").arg(condition.stage);
        if (!condition.histology.isEmpty()) text += QStringLiteral(", %1").arg(condition.histology);
        if (condition.onset.isValid()) text += QStringLiteral(" (%1)").arg(condition.onset.date().toString(Qt::ISODate));
        summary.diagnoses << text;
    }
    for (const MedicationRecord &medication : record.medications) {
        if (!activeAt(medication.start, medication.end, asOf)) continue;
        if (medication.status == QStringLiteral("stopped") || medication.status == QStringLiteral("completed") ||
            medication.status == QStringLiteral("cancelled") || medication.status == QStringLiteral("entered-in-error")) {
            continue;
        }
        QString text = medication.medication.label();
        if (medication.doseValue) text += QStringLiteral(" %1 %2").arg(*medication.doseValue).arg(medication.doseUnit);
        if (medication.start.isValid()) text += QStringLiteral(" (since %1)").arg(medication.start.date().toString(Qt::ISODate));
        if (!summary.currentMedications.contains(text)) summary.currentMedications << text;
    }
    for (const KeyLab &lab : keyLabDefinitions()) {
        const NormalizedHistory history = UnitNormalizer::normalizedHistory(record, lab.codes);
        summary.warnings << history.skipped;
        LabSeries series;
        series.code = lab.codes.first();
        series.label = lab.label;
        for (const NormalizedValue &value : history.values) {
            if (asOf.isValid() && value.effective > asOf) continue;
            series.unit = value.unit;
            series.points << LabSeries::Point{value.effective, value.value, value.provenance.describe()};
        }
        if (!series.points.isEmpty()) summary.keyLabs << series;
    }
    summary.covariates = CovariateCalculator::compute(record, asOf);
    summary.warnings << record.warnings;
    return summary;
}

}  // namespace twin::ehr
