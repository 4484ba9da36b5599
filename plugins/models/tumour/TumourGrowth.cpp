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
        case Law::Exponential: rate_ = g0_; break;
        case Law::Logistic: rate_ = g0_ / (1.0 - v0Ml / capacityMl); break;
        // V0 = 0 gives ln(K/V0) = inf and b = 0: an absent tumour stays absent either way.
        case Law::Gompertz: rate_ = g0_ / std::log(capacityMl / v0Ml); break;
    }
    drugFree_ = Factors{};
    withDrug_ = Factors{};
}

double TumourGrowth::specificRate(double viableMl) const {
    switch (law_) {
        case Law::Exponential: return rate_;
        case Law::Logistic: return rate_ * (1.0 - viableMl / capacity_);
        case Law::Gompertz: return rate_ * (logCapacity_ - std::log(viableMl));
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
            const double ax = a * dt;
            f.growth = std::exp(ax);
            f.crowding = c2 * (a == 0.0 ? dt : std::expm1(ax) / a);
            break;
        }
        case Law::Gompertz: {
            const double beta = kill_ == Kill::LogKill ? rate_ : rate_ * nortonSimonScale;
            f.growth = std::exp(-beta * dt);
            f.crowding = kill_ == Kill::LogKill ? logCapacity_ - kc / rate_ : logCapacity_;
            break;
        }
    }
    return f;
}

double TumourGrowth::apply(const Factors &f, double v) const {
    switch (law_) {
        case Law::Exponential: return v * f.growth;
        case Law::Logistic: return v * f.growth / (1.0 + f.crowding * v);
        case Law::Gompertz: {
            if (v <= 0.0) return 0.0;
            const double uInf = f.crowding;
            return std::exp(uInf + (std::log(v) - uInf) * f.growth);
        }
    }
    return v;
}

double TumourGrowth::advance(double viableMl, double dtDays, double concentrationMgL) {
    if (concentrationMgL == 0.0 || killRate_ == 0.0) {
        if (drugFree_.dt != dtDays) drugFree_ = factorsFor(dtDays, 0.0);
        return apply(drugFree_, viableMl);
    }
    if (withDrug_.dt != dtDays || withDrug_.concentration != concentrationMgL)
        withDrug_ = factorsFor(dtDays, concentrationMgL);
    return apply(withDrug_, viableMl);
}

}  // namespace twin::models::tumour
