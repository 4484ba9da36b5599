#pragma once
// Writes the demo patient's EHR as a FHIR R4 "collection" Bundle (JSON): the Patient (same id,
// name, birth date and sex as the DICOM), body weight and height, two rounds of labs (at
// diagnosis and before treatment: creatinine, neutrophils, haemoglobin, platelets, ALT,
// bilirubin), the lung cancer Condition with its stage, the cisplatin MedicationRequest and
// the ImagingStudy of the planning CT (its DICOM Study and Series Instance UIDs).
// Entries have urn:uuid fullUrls and reference each other by them. LOINC, SNOMED CT, RxNorm
// and UCUM codes. Deterministic: ids from PhantomUids, no clock.

#include "PhantomRecord.h"
#include "PhantomUids.h"

#include "twin/core/Result.h"

#include <QJsonArray>
#include <QJsonObject>

namespace twin::phantom {

class FhirBundleWriter {
public:
    FhirBundleWriter(const PhantomRecord &record, const PhantomUids &uids);

    QJsonObject bundle() const;
    core::Status write(const QString &path) const;

private:
    struct Lab {
        const char *loinc;
        const char *display;
        const char *unit;  // UCUM
        double low;
        double high;
        double atDiagnosis;
        double beforeTreatment;
    };

    QString fullUrl(const QString &role) const;
    QJsonObject entry(const QString &role, QJsonObject resource) const;
    QJsonObject patient() const;
    QJsonObject observation(const QString &category, const char *loinc, const char *display, double value,
                            const char *unit, const QDate &date) const;
    QJsonObject condition() const;
    /// ECOG performance status 1 (LOINC 89247-1, answer LA9623-5) at the planning visit.
    QJsonObject performanceStatus() const;
    QJsonObject medicationRequest() const;
    QJsonObject imagingStudy() const;

    const PhantomRecord &record_;
    const PhantomUids &uids_;
};

}  // namespace twin::phantom
