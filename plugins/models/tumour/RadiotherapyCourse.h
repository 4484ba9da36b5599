#pragma once
// RadiotherapyCourse: the linear-quadratic bookkeeping of one course of fractions — surviving
// fraction, BED and EQD2 with repopulation, and the Poisson tumour control probability.
//
//   SF_i = exp(−α·d_i − β·d_i²), β = α/(α/β)
//   BED  = Σ d_i·(1 + d_i/(α/β)) − ln2·max(0, T − Tk)/(α·Tpot),  T = t_last − t_first
//   EQD2 = BED / (1 + 2/(α/β))
//   TCP  = exp(−N0 · Π SF_i · exp(ln2·max(0, T − Tk)/Tpot) · F),  N0 = ρ · V_viable(t_first)
//
// which is TCP = exp(−N0·e^{−α·BED}·F). F is the product of the other factors that reduced the
// clonogens after the first fraction (surgery, chemotherapy), 1 without them.
//
// Design decisions:
// - Times are the actions' scenario times (Action::timeDays), the engine's authoritative clock,
//   so T is exact rather than a sum of steps. T counts from the first fraction, as in the BED
//   formula; every fraction of a run belongs to one course (re-irradiation is not modelled).
// - Repopulation acts on the surviving clonogens: at each fraction the factor
//   exp(ln2·Δ/Tpot) for the part Δ of the time since the previous fraction that lies after
//   t_first + Tk. The Δ sum to max(0, T − Tk), which is the BED term; the volume model applies
//   the same factor to its viable compartment.
// - Before the first fraction TCP = exp(−ρ·V_viable): no treatment, control only of an absent
//   tumour.
// - Everything is kept in logarithms (log N0, log F) so that 10⁹ clonogens times 10⁻¹² survival
//   neither overflows nor loses digits; F = 0 (complete resection) is log F = −inf, TCP = 1.

#include <cstddef>
#include <span>

namespace twin::models::tumour {

class RadiotherapyCourse {
public:
    /// What one fraction does to the viable clonogens: multiply by `repopulation`, then by
    /// `survivingFraction` (its complement is lethally hit).
    struct FractionEffect {
        double repopulation = 1.0;
        double logSurvivingFraction = 0.0;  // −α·d − β·d²
    };

    void configure(double alphaPerGy, double alphaBetaGy, double kickoffDays, double tpotDays,
                   double clonogenDensityPerMl);
    /// A fresh course (no fractions).
    void reset();

    /// Books a fraction of doseGy at timeDays given the viable volume just before it.
    FractionEffect deliver(double doseGy, double timeDays, double viableMl);
    /// Books a reduction of the clonogens by factor (0..1) from surgery or chemotherapy; before
    /// the first fraction the viable volume itself carries it into N0, so nothing is booked.
    void reduceClonogens(double logFactor);

    int fractions() const { return fractions_; }
    double survivingFraction() const { return survivingFraction_; }
    double bedGy() const { return bed_; }
    double eqd2Gy() const { return eqd2_; }
    double tcp(double viableMlNow) const;

    /// The state that determines the future, and its inverse (kStateSize values).
    static constexpr std::size_t kStateSize = 7;
    void save(std::span<double> out) const;
    void restore(std::span<const double> in);

private:
    double overallTimeDays() const { return fractions_ > 0 ? lastDays_ - firstDays_ : 0.0; }
    double repopulationLog() const;  // ln2·max(0, T − Tk)/Tpot
    /// Recomputes SF, BED and EQD2, which change only with a fraction (outputs() reads them
    /// every step, so they are kept rather than recomputed).
    void refreshDoseSummary();

    // parameters
    double alpha_ = 0.35;
    double beta_ = 0.035;
    double alphaBeta_ = 10.0;
    double kickoff_ = 21.0;
    double tpot_ = 3.0;
    double density_ = 0.0;
    double logDensity_ = 0.0;
    // course state
    int fractions_ = 0;
    double sumDose_ = 0.0;
    double sumDoseSquared_ = 0.0;
    double firstDays_ = 0.0;
    double lastDays_ = 0.0;
    double logN0_ = 0.0;
    double logOtherFactors_ = 0.0;
    // derived from the course state by refreshDoseSummary()
    double survivingFraction_ = 1.0;
    double bed_ = 0.0;
    double eqd2_ = 0.0;
    double logSurvivorsOfDose_ = 0.0;  // ln N0 + Σ ln SF_i + repopulation (without ln F)
};

}  // namespace twin::models::tumour
