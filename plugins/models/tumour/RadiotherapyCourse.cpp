// RadiotherapyCourse: LQ survival, BED/EQD2 with repopulation and Poisson TCP (see the header).

#include "RadiotherapyCourse.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace twin::models::tumour {

void RadiotherapyCourse::configure(double alphaPerGy, double alphaBetaGy, double kickoffDays, double tpotDays,
                                   double clonogenDensityPerMl) {
    alpha_ = alphaPerGy;
    alphaBeta_ = alphaBetaGy;
    beta_ = alphaPerGy / alphaBetaGy;
    kickoff_ = kickoffDays;
    tpot_ = tpotDays;
    density_ = clonogenDensityPerMl;
    logDensity_ = std::log(clonogenDensityPerMl);
    reset();
}

void RadiotherapyCourse::reset() {
    fractions_ = 0;
    sumDose_ = sumDoseSquared_ = 0.0;
    firstDays_ = lastDays_ = 0.0;
    logN0_ = logOtherFactors_ = 0.0;
    refreshDoseSummary();
}

RadiotherapyCourse::FractionEffect RadiotherapyCourse::deliver(double doseGy, double timeDays, double viableMl) {
    FractionEffect effect;
    if (fractions_ == 0) {
        firstDays_ = lastDays_ = timeDays;
        logN0_ = logDensity_ + std::log(viableMl);  // −inf for no viable tumour: TCP = 1
    } else {
        const double kickoffAt = firstDays_ + kickoff_;
        const double repopulatingDays = std::max(0.0, timeDays - std::max(lastDays_, kickoffAt));
        effect.repopulation = std::exp(std::numbers::ln2 * repopulatingDays / tpot_);
        lastDays_ = std::max(lastDays_, timeDays);
    }
    ++fractions_;
    sumDose_ += doseGy;
    sumDoseSquared_ += doseGy * doseGy;
    effect.logSurvivingFraction = -alpha_ * doseGy - beta_ * doseGy * doseGy;
    refreshDoseSummary();
    return effect;
}

void RadiotherapyCourse::reduceClonogens(double logFactor) {
    if (fractions_ > 0) logOtherFactors_ += logFactor;
}

double RadiotherapyCourse::repopulationLog() const {
    return std::numbers::ln2 * std::max(0.0, overallTimeDays() - kickoff_) / tpot_;
}

void RadiotherapyCourse::refreshDoseSummary() {
    survivingFraction_ = std::exp(-alpha_ * sumDose_ - beta_ * sumDoseSquared_);
    bed_ = fractions_ == 0 ? 0.0 : sumDose_ + sumDoseSquared_ / alphaBeta_ - repopulationLog() / alpha_;
    eqd2_ = bed_ / (1.0 + 2.0 / alphaBeta_);
    logSurvivorsOfDose_ = logN0_ - alpha_ * sumDose_ - beta_ * sumDoseSquared_ + repopulationLog();
}

namespace {
/// exp(−x) for x >= 0 without the call where the double result is already known: 0 beyond
/// x = 746 (exp underflows), so a tumour of 10⁸ clonogens costs no exp per step.
double expMinus(double x) {
    return x > 746.0 ? 0.0 : std::exp(-x);
}
}  // namespace

double RadiotherapyCourse::tcp(double viableMlNow) const {
    if (fractions_ == 0) return expMinus(density_ * viableMlNow);
    // log of the expected surviving clonogens: ln N0 + Σ ln SF_i + repopulation + ln F
    const double logSurvivors = logSurvivorsOfDose_ + logOtherFactors_;
    if (logSurvivors > 6.62) return 0.0;  // e^6.62 > 746 survivors: exp(−N) underflows
    return std::exp(-std::exp(logSurvivors));
}

void RadiotherapyCourse::save(std::span<double> out) const {
    out[0] = fractions_;
    out[1] = sumDose_;
    out[2] = sumDoseSquared_;
    out[3] = firstDays_;
    out[4] = lastDays_;
    out[5] = logN0_;
    out[6] = logOtherFactors_;
}

void RadiotherapyCourse::restore(std::span<const double> in) {
    fractions_ = static_cast<int>(in[0]);
    sumDose_ = in[1];
    sumDoseSquared_ = in[2];
    firstDays_ = in[3];
    lastDays_ = in[4];
    logN0_ = in[5];
    logOtherFactors_ = in[6];
    refreshDoseSummary();
}

}  // namespace twin::models::tumour
