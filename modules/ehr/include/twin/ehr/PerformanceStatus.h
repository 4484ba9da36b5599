#pragma once
// ECOG performance status from the record: the covariate `ecog` (0–5, latest on or before a
// date), read from an ECOG observation (LOINC 89247-1) or, when only that is recorded, from a
// Karnofsky score (LOINC 89243-0) mapped to ECOG.
//
// Value forms accepted, as EHRs write them: valueInteger / valueQuantity (mCODE), a
// valueCodeableConcept with the LOINC answer codes LA9622-7 … LA9627-6 (grades 0 … 5), or a
// code/text/display starting with the grade ("1", "ECOG 2", "2 - Ambulatory …").
// Karnofsky → ECOG (Oken MM et al., Am J Clin Oncol 1982;5:649, and the conversion in common
// use, e.g. Buccheri G et al., Eur J Cancer 1996;32A:1135): 100–90 → 0, 80–70 → 1, 60–50 → 2,
// 40–30 → 3, 20–10 → 4, 0 → 5. The covariate's method says when it was converted.

#include "twin/ehr/Covariate.h"
#include "twin/ehr/ObservationValue.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace twin::ehr {

class PatientRecord;

namespace loinc {
inline const QString kEcogPerformanceStatus = QStringLiteral("89247-1");
inline const QString kKarnofskyPerformanceStatus = QStringLiteral("89243-0");
}  // namespace loinc

class PerformanceStatus {
public:
    /// The ECOG grade an ECOG observation value states; nullopt when it states none.
    static std::optional<int> ecogGrade(const ObservationValue &value);
    /// The Karnofsky score (0–100, multiple of 10) a value states; nullopt when none.
    static std::optional<int> karnofskyScore(const ObservationValue &value);
    static int ecogFromKarnofsky(int karnofsky);
    /// Covariate "ecog": the latest ECOG (or converted Karnofsky) on or before `asOf`.
    static Covariate ecog(const PatientRecord &record, const QDateTime &asOf);
};

}  // namespace twin::ehr
