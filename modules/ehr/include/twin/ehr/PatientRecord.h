#pragma once
// One patient's EHR as Didymos uses it: demographics and clinical records from FHIR R4 or
// Synthea CSV, with what the import counted and warned about. Values keep the units they
// came in; UnitNormalizer and CovariateCalculator convert on the way out.

#include "twin/ehr/ClinicalRecords.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace twin::ehr {

class PatientRecord {
public:
    Demographics demographics;
    QList<EncounterRecord> encounters;
    QList<ConditionRecord> conditions;
    QList<ObservationRecord> observations;
    QList<MedicationRecord> medications;
    QList<ProcedureRecord> procedures;
    QList<DiagnosticReportRecord> reports;
    QList<ImagingStudyRecord> imagingStudies;
    QList<AllergyRecord> allergies;
    QList<CarePlanRecord> carePlans;

    /// Resources imported, by FHIR resource type (CSV rows are counted as the type they map to).
    QMap<QString, int> countsByType;
    /// Problems that did not stop the import; each names the file and entry/row at fault.
    QStringList warnings;
    /// Files the record was read from.
    QStringList sources;

    /// Observations with this LOINC code (or any coding equal to `code`), oldest first.
    QList<const ObservationRecord *> history(const QString &code) const;
    /// The most recent observation with this code at or before `asOf` (any time when invalid).
    const ObservationRecord *latest(const QString &code, const QDateTime &asOf = {}) const;
    /// Distinct observation codes with their labels, for "latest value per code" views.
    QMap<QString, QString> observedCodes() const;
};

}  // namespace twin::ehr
