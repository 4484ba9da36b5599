// TumourGrowth: closed-form propagation of the viable volume (see the header for the forms).

#include "TumourGrowth.h"

#include <numbers>

namespace twin::models::tumour {

void TumourGrowth::configure(Law law, Kill kill, double v0Ml, double doublingTimeDays, double capacityMl,
                             double killRate) {
    law_ = law;
    kill_ = kill;
    g0_ = std::numbers::ln2 / doublingTimeDays;
    capacity_ = capacityMl;
    logCapacity_ = law == Law::Exponential ? 0.0 : std::log(capacityMl);
    killRate_ = killRate;
    switch (law) {
        case Law::Exponential:
            rate_ = g0_;
            break;
        case Law::Logistic:
            rate_ = g0_ / (1.0 - v0Ml / capacityMl);
            break;
        // V0 = 0 gives ln(K/V0) = inf and b = 0: an absent tumour stays absent either way.
        case Law::Gompertz:
            rate_ = g0_ / std::log(capacityMl / v0Ml);
            break;
    }
    drugFree_ = Factors{};
    withDrug_ = Factors{};
}

double TumourGrowth::specificRate(double viableMl) const {
    switch (law_) {
        case Law::Exponential:
            return rate_;
        case Law::Logistic:
            return rate_ * (1.0 - viableMl / capacity_);
        case Law::Gompertz:
            return rate_ * (logCapacity_ - std::log(viableMl));
    }
    return rate_;
}

TumourGrowth::Factors TumourGrowth::factorsFor(double dt, double c) const {
    Factors f;
    f.dt = dt;
    f.concentration = c;
    const double kc = killRate_ * c;
    // Norton–Simon scales the whole growth term by (1 − kC/g0); log-kill subtracts kC.
    const double nortonSimonScale = 1.0 - kc / g0_;
    switch (law_) {
        case Law::Exponential: {
            f.growth = std::exp((rate_ - kc) * dt);  // identical for both kill options
            break;
        }
        case Law::Logistic: {
            const double a = kill_ == Kill::LogKill ? rate_ - kc : rate_ * nortonSimonScale;
            const double c2 = kill_ == Kill::LogKill ? rate_ / capacity_ : a / capacity_;
            const double growthMinusOne = std::expm1(a * dt);  // one call for both factors
            f.growth = 1.0 + growthMinusOne;
            f.crowding = c2 * (a == 0.0 ? dt : growthMinusOne / a);
            break;
        }
        case Law::Gompertz: {
            const double beta = kill_ == Kill::LogKill ? rate_ : rate_ * nortonSimonScale;
            // Log-kill leaves the relaxation rate alone: reuse the drug-free factor (same bits).
            const bool sameAsDrugFree = kill_ == Kill::LogKill && drugFree_.dt == dt;
            f.growth = sameAsDrugFree ? drugFree_.growth : std::exp(-beta * dt);
            f.crowding = kill_ == Kill::LogKill ? logCapacity_ - kc / rate_ : logCapacity_;
            break;
        }
    }
    return f;
}

double TumourGrowth::apply(const Factors &f, double v) const {
    switch (law_) {
        case Law::Exponential:
            return v * f.growth;
        case Law::Logistic:
            return v * f.growth / (1.0 + f.crowding * v);
        case Law::Gompertz: {
            if (v <= 0.0) return 0.0;
            const double uInf = f.crowding;
            return std::exp(uInf + (std::log(v) - uInf) * f.growth);
        }
    }
    return v;
}

const TumourGrowth::Factors &TumourGrowth::drugFreeFactors(double dtDays) {
    if (drugFree_.dt != dtDays) drugFree_ = factorsFor(dtDays, 0.0);
    return drugFree_;
}

double TumourGrowth::advance(double viableMl, double dtDays) {
    return apply(drugFreeFactors(dtDays), viableMl);
}

TumourGrowth::DrugStep TumourGrowth::advanceWithDrug(double v, double dtDays, double concentrationMgL) {
    const Factors &free = drugFreeFactors(dtDays);
    if (withDrug_.dt != dtDays || withDrug_.concentration != concentrationMgL)
        withDrug_ = factorsFor(dtDays, concentrationMgL);
    DrugStep out;
    if (!(v > 0.0)) return out;
    switch (law_) {
        case Law::Exponential:
            out.withoutDrug = v * free.growth;
            out.withDrug = v * withDrug_.growth;
            out.logRatio = -killRate_ * concentrationMgL * dtDays;  // exactly ln(e^{(r−kC)dt}/e^{r·dt})
            break;
        case Law::Logistic:
            out.withoutDrug = apply(free, v);
            out.withDrug = apply(withDrug_, v);
            out.logRatio = std::log(out.withDrug / out.withoutDrug);
            break;
        case Law::Gompertz: {
            const double u = std::log(v);
            const double uFree = free.crowding + (u - free.crowding) * free.growth;
            const double uDrug = withDrug_.crowding + (u - withDrug_.crowding) * withDrug_.growth;
            out.withoutDrug = std::exp(uFree);
            out.withDrug = std::exp(uDrug);
            out.logRatio = uDrug - uFree;
            break;
        }
    }
    return out;
}

}  // namespace twin::models::tumour
