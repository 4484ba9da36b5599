#pragma once
// What the patient summary panel and `ehr summary` show, computed once off the GUI thread:
// demographics, cancer diagnoses, current medications, key labs with their history in one
// unit, and covariates with provenance.

#include "twin/ehr/Covariate.h"
#include "twin/ehr/PatientRecord.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace twin::ehr {

struct LabSeries {
    QString code;   // LOINC
    QString label;  // "Creatinine"
    QString unit;   // canonical UCUM unit of the points
    struct Point {
        QDateTime time;
        double value = 0.0;
        QString source;  // Provenance::describe()
    };
    QList<Point> points;  // oldest first
    std::optional<double> referenceLow;
    std::optional<double> referenceHigh;
};

struct PatientSummary {
    QString patientId;
    QString displayName;  // "Family, Given"
    QString sex;
    std::optional<QDate> birthDate;
    QStringList diagnoses;           // "Non-small cell lung cancer — stage IIIA (2026-06-01)"
    QStringList currentMedications;  // "cisplatin 50 mg/m2 (since 2026-07-01)"
    QList<LabSeries> keyLabs;        // only labs with at least one value
    QList<Covariate> covariates;
    QStringList warnings;
    QDateTime asOf;

    /// Key labs: creatinine, neutrophils, haemoglobin, platelets, ALT, bilirubin, weight and the
    /// tumour markers CEA, PSA and CA-125 (each shown only when the record has values).
    static QStringList keyLabCodes();
    static PatientSummary build(const PatientRecord &record, const QDateTime &asOf);
};

}  // namespace twin::ehr
