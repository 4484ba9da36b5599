#pragma once
// UnitNormalizer: observation values in one canonical UCUM unit per LOINC code, converted with
// the core units library (UnitRegistry::ucum()), never with conversion factors of our own.
//
//   Result<NormalizedValue> v = UnitNormalizer::normalize(observation);
//   if (v.ok()) show(v.value().value, v.value().unit);          // 1.0 "mg/dL" from 88.4 "umol/L"
//   NormalizedHistory h = UnitNormalizer::normalizedHistory(record, "2160-0");   // oldest first
//
// Canonical units (the table is canonicalQuantities()):
//   29463-7 body weight kg · 8302-2 body height cm · 8277-6 BSA m2 · 39156-5 BMI kg/m2
//   8310-5 body temperature Cel (from [degF], K)
//   2160-0, 38483-4 creatinine mg/dL (umol/L through 113.12 g/mol)
//   1975-2 total bilirubin mg/dL (umol/L through 584.66 g/mol)
//   1742-6 ALT U/L · 718-7 haemoglobin g/dL
//   751-8, 26499-4 neutrophils (ANC) 10*9/L · 777-3 platelets 10*9/L
//     (10*3/uL is the same number; /uL and {cells}/uL are ×1e-3)
//
// Spellings accepted besides UCUM codes, because they are unambiguous: the micro sign (µ, U+00B5,
// and Greek mu, U+03BC) for "u"; "cells/uL" for "{cells}/uL"; for ALT only, "IU/L" and "[IU]/L"
// for U/L (the enzyme unit is the IUB international unit, 1 U = 1 umol/min). Anything else
// that is not UCUM ("lb", "in", "mcg") is an error that names the UCUM spelling where the
// registry knows it: imported data must be mapped, not guessed.
//
// Codes without a canonical unit pass through unchanged (hasCanonicalUnit false), so "latest
// value per code" views can show every numeric observation. Errors name the observation
// (Provenance::describe(), in Error::field()), its code and the unit.

#include "twin/core/Result.h"
#include "twin/ehr/ClinicalRecords.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace twin::ehr {

class PatientRecord;

namespace loinc {
inline const QString kBodyWeight = QStringLiteral("29463-7");
inline const QString kBodyHeight = QStringLiteral("8302-2");
inline const QString kBodySurfaceArea = QStringLiteral("8277-6");
inline const QString kBodyMassIndex = QStringLiteral("39156-5");
inline const QString kBodyTemperature = QStringLiteral("8310-5");
inline const QString kCreatinineSerum = QStringLiteral("2160-0");
inline const QString kCreatinineBlood = QStringLiteral("38483-4");
inline const QString kBilirubinTotal = QStringLiteral("1975-2");
inline const QString kAlt = QStringLiteral("1742-6");
inline const QString kHemoglobin = QStringLiteral("718-7");
inline const QString kNeutrophilsAutomated = QStringLiteral("751-8");
inline const QString kNeutrophils = QStringLiteral("26499-4");
inline const QString kPlatelets = QStringLiteral("777-3");
// Tumour markers
inline const QString kCea = QStringLiteral("2039-6");
inline const QString kPsa = QStringLiteral("2857-1");
inline const QString kCa125 = QStringLiteral("10334-1");
}  // namespace loinc

/// The unit we express one LOINC code in.
struct CanonicalQuantity {
    QString loinc;                  // "2160-0"
    QString name;                   // "Creatinine [Mass/volume] in Serum or Plasma"
    QString unit;                   // UCUM: "mg/dL"
    double molarMassGPerMol = 0.0;  // > 0: amount units (umol/L) accepted through it
    QString molarMassSource;        // where the molar mass comes from
};

/// One observation value in the canonical unit of its code.
struct NormalizedValue {
    double value = 0.0;
    QString unit;              // canonical UCUM unit (the original unit when there is none)
    double originalValue = 0.0;
    QString originalUnit;      // as recorded
    QString comparator;        // "<", "<=", ">=", ">" when the result was censored
    bool hasCanonicalUnit = false;
    bool converted = false;    // false when recorded in the canonical unit already
    QString code;              // the code it was normalised as (LOINC)
    QString label;             // the observation's code label
    QDateTime effective;
    QString observationId;
    Provenance provenance;     // the observation

    /// "1.0 mg/dL" (with the comparator when censored).
    QString display() const;
    /// "88.4 umol/L → 1.0 mg/dL (molar mass 113.12 g/mol)", or "as recorded".
    QString conversion() const;
};

/// A code's values, oldest first; observations that could not be normalised are listed in
/// `skipped` (one message each, naming the observation and why) and left out of `values`.
struct NormalizedHistory {
    QList<NormalizedValue> values;
    QStringList skipped;

    /// The newest value at or before `asOf` (any time when invalid); nullptr when none.
    const NormalizedValue *latest(const QDateTime &asOf = {}) const;
};

class UnitNormalizer {
public:
    /// The canonical units, in the order of the table above.
    static const QList<CanonicalQuantity> &canonicalQuantities();
    /// The canonical unit of a LOINC code, if we define one.
    static std::optional<CanonicalQuantity> canonicalFor(const QString &loincCode);

    /// The observation's value in the canonical unit of the first of its codes that has one
    /// (LOINC codings, or codings without a system); unchanged when none has.
    static core::Result<NormalizedValue> normalize(const ObservationRecord &observation);
    /// As above, normalising as `code` (the observation must carry it).
    static core::Result<NormalizedValue> normalize(const ObservationRecord &observation, const QString &code);
    /// A bare value of `unit` in the canonical unit of `loincCode` (no observation to name).
    static core::Result<double> toCanonical(double value, const QString &unit, const QString &loincCode);

    /// Every observation with `code`, normalised, oldest first.
    static NormalizedHistory normalizedHistory(const PatientRecord &record, const QString &code);
    /// Observations with any of `codes` (e.g. both creatinine codes), normalised, oldest first.
    static NormalizedHistory normalizedHistory(const PatientRecord &record, const QStringList &codes);
};

}  // namespace twin::ehr
