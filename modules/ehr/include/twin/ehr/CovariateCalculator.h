#pragma once
// CovariateCalculator: the model inputs of a patient at a date, each with its value, UCUM unit,
// source (Provenance::describe() of every input), date (newest input) and method.
//
//   const QList<Covariate> covariates = CovariateCalculator::compute(record, asOf);
//   const Covariate bsa = covariateNamed(covariates, covariate_name::kBsa);
//   if (!bsa.known) show(bsa.note);   // "needs weight: no body weight observation (LOINC 29463-7) …"
//
// Covariates, in this order (names in covariate_name):
//   age (a, completed years at asOf) · sex ("female"/"male"/"other") · weight (kg, latest ≤ asOf)
//   height (cm, latest ≤ asOf, else the first one after: adult heights are taken as stable)
//   bsa (m2, Mosteller) · bmi (kg/m2) · crcl (mL/min, Cockcroft–Gault, actual body weight)
//   egfr (mL/min/{1.73_m2}, CKD-EPI 2021 creatinine, race-free)
//   creatinine (mg/dL, serum, LOINC 2160-0 or 38483-4: the input of crcl and egfr)
//   anc, platelets (10*9/L) · hemoglobin (g/dL) · bilirubin (mg/dL, total) · alt (U/L)
//     — each the latest value ≤ asOf
//   ecog ({score}, 0–5: latest ECOG, or Karnofsky converted; see PerformanceStatus.h)
//   current_medications, cancer_diagnoses, prior_radiotherapy, prior_chemotherapy (text; value
//     is the number of items, so 0/1 reads as no/yes for the prior_* ones)
// Missing data is never zero: the covariate is unknown (known == false) and its note says what
// is missing; a derived covariate whose input is unknown is unknown and names that input.
// Cockcroft–Gault and CKD-EPI are adult equations: unknown below 18 years or when sex is
// neither female nor male. A censored laboratory value ("<0.2") is used at its bound and the
// note says so.
//
// Population defaults: a model that cannot do without an unknown covariate calls
// withPopulationDefault(); the result keeps known == false (the patient's value is still
// unknown), carries the default in value/unit, sets usesPopulationDefault and says in the note
// which default it is and where it comes from, so the report can say so.

#include "twin/ehr/Covariate.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace twin::ehr {

class PatientRecord;

namespace covariate_name {
inline const QString kAge = QStringLiteral("age");
inline const QString kSex = QStringLiteral("sex");
inline const QString kWeight = QStringLiteral("weight");
inline const QString kHeight = QStringLiteral("height");
inline const QString kBsa = QStringLiteral("bsa");
inline const QString kBmi = QStringLiteral("bmi");
inline const QString kCrcl = QStringLiteral("crcl");
inline const QString kEgfr = QStringLiteral("egfr");
inline const QString kCreatinine = QStringLiteral("creatinine");
inline const QString kAnc = QStringLiteral("anc");
inline const QString kPlatelets = QStringLiteral("platelets");
inline const QString kHemoglobin = QStringLiteral("hemoglobin");
inline const QString kBilirubin = QStringLiteral("bilirubin");
inline const QString kAlt = QStringLiteral("alt");
inline const QString kCurrentMedications = QStringLiteral("current_medications");
inline const QString kCancerDiagnoses = QStringLiteral("cancer_diagnoses");
inline const QString kPriorRadiotherapy = QStringLiteral("prior_radiotherapy");
inline const QString kPriorChemotherapy = QStringLiteral("prior_chemotherapy");
inline const QString kEcog = QStringLiteral("ecog");
}  // namespace covariate_name

/// The methods as they appear in Covariate::method (with their references).
namespace covariate_method {
extern const QString kMosteller;
extern const QString kCockcroftGault;
extern const QString kCkdEpi2021;
}  // namespace covariate_method

class CovariateCalculator {
public:
    /// Every covariate of `record` at `asOf` (now when invalid), in the order listed above.
    static QList<Covariate> compute(const PatientRecord &record, const QDateTime &asOf);
    /// The names compute() produces, in its order.
    static QStringList names();

    // The equations alone, for models and tests. Inputs in the stated units.
    /// Mosteller (N Engl J Med 1987;317:1098): sqrt(height_cm × weight_kg / 3600), m2.
    static double mostellerBsa(double heightCm, double weightKg);
    /// weight_kg / height_m², kg/m2.
    static double bodyMassIndex(double heightCm, double weightKg);
    /// Cockcroft–Gault (Nephron 1976;16:31): (140 − age) × weight_kg × (0.85 if female) /
    /// (72 × Scr_mg/dL), mL/min.
    static double cockcroftGault(double ageYears, double weightKg, bool female, double creatinineMgPerDl);
    /// CKD-EPI 2021 creatinine, race-free (Inker et al., N Engl J Med 2021;385:1737–1749):
    /// 142 × min(Scr/κ,1)^α × max(Scr/κ,1)^−1.200 × 0.9938^age × (1.012 if female),
    /// κ = 0.7 (F) / 0.9 (M), α = −0.241 (F) / −0.302 (M); mL/min/1.73 m2.
    static double ckdEpi2021(double ageYears, bool female, double creatinineMgPerDl);
};

/// The covariate called `name` in `covariates`; unknown ("not computed") when absent.
Covariate covariateNamed(const QList<Covariate> &covariates, const QString &name);

/// `covariate` with a population default substituted for its unknown value: usesPopulationDefault,
/// value and unit set, known stays false, the note names the default and `reference` (and keeps
/// why the patient value is unknown). A known covariate is returned unchanged: a default never
/// overrides the patient's own value.
Covariate withPopulationDefault(const Covariate &covariate, double value, const QString &unit, const QString &reference);

}  // namespace twin::ehr
