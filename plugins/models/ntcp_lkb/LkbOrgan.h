#pragma once
// LkbOrgan: the Lyman–Kutcher–Burman NTCP of one organ at risk from its planned differential
// DVH, for any course delivered so far (Burman et al., IJROBP 1991;21:123–135; Kutcher & Burman,
// IJROBP 1989;16:1623–1630 for the DVH reduction).
//
// Design. The DVH is planned: bin i holds the volume fraction vᵢ at planned total dose Dᵢ, so a
// fraction of prescribed dose aₖ gives that bin dᵢₖ = sᵢ·aₖ with sᵢ = Dᵢ / (planned prescription).
// Its EQD2 after the fractions so far is
//     EQD2ᵢ = Σₖ dᵢₖ (dᵢₖ + α/β) / (2 + α/β) = (sᵢ² Σaₖ² + α/β sᵢ Σaₖ) / (2 + α/β)
//           = A · α/β / (2 + α/β) · (sᵢ + sᵢ² r / α/β),      A = Σaₖ, r = Σaₖ² / Σaₖ,
// i.e. every bin's EQD2 is fixed by two numbers of the course, not by a per-bin history. Then
//     gEUD = A · α/β / (2 + α/β) · G(r),   G(r) = (Σᵢ vᵢ (sᵢ + sᵢ² r / α/β)^(1/n))^n,
//     NTCP = Φ((gEUD − TD50) / (m · TD50)),   Φ(t) = erfc(−t / √2) / 2.
// G costs one pow per bin; it changes only when the dose-weighted fraction size r changes, so
// the last (r, G) is cached: a course of equal fractions evaluates G once (O(bins)) and every
// later fraction in O(1). G is a pure function of r, so the cache cannot make a restored state
// continue differently. sᵢ, sᵢ²/(α/β) and the normalised vᵢ are precomputed in configure();
// bins of zero dose are dropped after normalising (they add 0 to the sum).
//
// The y column is renormalised to sum to 1 (DVH exports round); a negative or non-finite bin,
// a table of zero volume or an invalid parameter make the organ Invalid (outputs NaN).

#include "LkbParameters.h"

#include "twin/sim_api/Table.h"

#include <vector>

namespace twin::models::ntcp_lkb {

class LkbOrgan {
public:
    enum class Status { NoTable, Valid, Invalid };

    /// Reads the planned DVH (x: planned dose in Gy, y: volume fraction) relative to the
    /// planned prescription; may allocate (the caller catches).
    void configure(const sim_api::Table &dvh, double plannedPrescriptionGy, const LkbParameters &parameters);

    /// For a table the host could not hand over (allocation failure): outputs NaN.
    void markInvalid() { status_ = Status::Invalid; }
    Status status() const { return status_; }
    const LkbParameters &parameters() const { return parameters_; }

    /// Physical mean dose (Gy) after a course that delivered totalGy at the prescription point.
    double meanDoseGy(double totalGy) const { return meanRelativeDose_ * totalGy; }
    /// gEUD of the bin EQD2s (Gy) after a course with Σa = totalGy and Σa²/Σa = weightedFractionGy.
    double geudGy(double totalGy, double weightedFractionGy);
    /// Φ((gEUD − TD50) / (m · TD50)).
    double ntcp(double geudGy) const;

private:
    double shapeFactor(double weightedFractionGy) const;

    Status status_ = Status::NoTable;
    LkbParameters parameters_;
    std::vector<double> relativeDose_;    // sᵢ > 0
    std::vector<double> quadraticPerGy_;  // sᵢ² / (α/β)
    std::vector<double> volume_;          // vᵢ, normalised over all bins (zero-dose ones too)
    double meanRelativeDose_ = 0.0;       // Σ vᵢ sᵢ
    double inverseN_ = 1.0;               // 1 / n
    double eqd2PerPhysical_ = 0.0;        // α/β / (2 + α/β)
    bool cacheValid_ = false;
    double cachedFractionGy_ = 0.0;
    double cachedShape_ = 0.0;
};

}  // namespace twin::models::ntcp_lkb
