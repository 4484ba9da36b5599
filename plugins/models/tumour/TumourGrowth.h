#pragma once
// TumourGrowth: the viable tumour volume over one step under its growth law (exponential,
// logistic or Gompertz) and an exposure-driven chemotherapy kill, with the drug concentration
// held over the step — propagated by closed forms, so a step is exact whatever its length.
//
// Design decisions:
// - The growth rate comes from the volume doubling time Td measured at the initial volume V0
//   (what the host derives from two imaging time points): the specific growth rate at V0 is
//   g0 = ln2/Td for every law, i.e. r = g0 for exponential, r = g0/(1 − V0/K) for logistic,
//   b = g0/ln(K/V0) for Gompertz. For the exponential law V therefore doubles in exactly Td.
// - Chemotherapy, log-kill (Skipper's exposure-driven form): dN/dt = growth − k·C·N.
//   Norton–Simon: kill proportional to the growth rate of the unperturbed tumour at its size,
//   scaled so that both options agree at V0: dN/dt = growth·(1 − k·C/g0). For exponential
//   growth the two are identical (Norton & Simon's own remark), for Gompertz a smaller tumour
//   grows faster and is killed faster.
// - Closed forms with C constant over the step (the host holds inputs per step):
//     exponential: N·e^{a·dt}, a = g0 − kC;
//     logistic (Bernoulli): N·e^{a·dt} / (1 + c·N·(e^{a·dt} − 1)/a), a = r − kC, c = r/K (log-kill)
//                           or a = r(1 − kC/g0), c = a/K (Norton–Simon);
//     Gompertz (linear in u = ln N): u∞ + (u − u∞)·e^{−β·dt}, β = b, u∞ = ln K − kC/b (log-kill)
//                           or β = b(1 − kC/g0), u∞ = ln K (Norton–Simon).
// - The factors depend only on (dt, C): the drug-free ones are cached per dt and the last
//   drug ones per (dt, C), so a step with an unchanged concentration costs a few flops. The
//   cache is derived data (recomputed bit-identically by the same function), not state.
// - With a drug, the drug-free result of the same step is computed alongside (the difference
//   is what the drug killed); for Gompertz both share one ln N and their log ratio is a
//   difference of exponents, so the pair costs one log and two exps.
// - The crowding terms see the viable volume only (lethally hit cells neither divide nor
//   compete): an assumption that keeps the closed forms.

#include <cmath>

namespace twin::models::tumour {

class TumourGrowth {
public:
    enum class Law { Exponential = 0, Logistic = 1, Gompertz = 2 };
    enum class Kill { LogKill = 0, NortonSimon = 1 };

    /// Derives the rate constants; the caller has checked the values (TumourParameters::usable).
    void configure(Law law, Kill kill, double v0Ml, double doublingTimeDays, double capacityMl, double killRate);

    /// Viable volume after dtDays without drug.
    double advance(double viableMl, double dtDays);

    /// One step with the drug concentration concentrationMgL (> 0) held: the viable volume with
    /// the drug, without it (same step), and ln(with/without), the drug's log-kill of the step.
    struct DrugStep {
        double withDrug = 0.0;
        double withoutDrug = 0.0;
        double logRatio = 0.0;
    };
    DrugStep advanceWithDrug(double viableMl, double dtDays, double concentrationMgL);

    /// g0 = ln2/Td: the specific growth rate at V0 (1/day).
    double referenceRate() const { return g0_; }
    /// Specific growth rate of the unperturbed tumour at volume v (1/day).
    double specificRate(double viableMl) const;

private:
    struct Factors {
        double dt = -1.0;
        double concentration = -1.0;
        double growth = 0.0;    // e^{a·dt} (exponential, logistic) or e^{−β·dt} (Gompertz)
        double crowding = 0.0;  // logistic: c·(e^{a·dt} − 1)/a; Gompertz: u∞
    };
    Factors factorsFor(double dtDays, double concentrationMgL) const;
    double apply(const Factors &f, double viableMl) const;
    const Factors &drugFreeFactors(double dtDays);

    Law law_ = Law::Exponential;
    Kill kill_ = Kill::LogKill;
    double g0_ = 0.0;        // ln2/Td
    double rate_ = 0.0;      // r (exponential, logistic) or b (Gompertz)
    double capacity_ = 0.0;  // K
    double logCapacity_ = 0.0;
    double killRate_ = 0.0;  // k, L/(mg·day)
    Factors drugFree_;
    Factors withDrug_;
};

}  // namespace twin::models::tumour
