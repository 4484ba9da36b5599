// LkbOrgan: planned DVH reduced to relative bin doses once, then gEUD and NTCP per course (see
// the header for the derivation and the cache).

#include "LkbOrgan.h"

#include <cmath>
#include <cstddef>

namespace twin::models::ntcp_lkb {

void LkbOrgan::configure(const sim_api::Table &dvh, double plannedPrescriptionGy, const LkbParameters &parameters) {
    status_ = Status::Invalid;
    parameters_ = parameters;
    relativeDose_.clear();
    quadraticPerGy_.clear();
    volume_.clear();
    meanRelativeDose_ = 0.0;
    cacheValid_ = false;
    if (dvh.empty()) {
        status_ = Status::NoTable;
        return;
    }
    if (!parameters.valid() || !std::isfinite(plannedPrescriptionGy) || plannedPrescriptionGy <= 0.0 ||
        dvh.x.size() != dvh.y.size())
        return;

    double totalVolume = 0.0;
    for (std::size_t i = 0; i < dvh.x.size(); ++i) {
        const double dose = dvh.x[i];
        const double volume = dvh.y[i];
        if (!std::isfinite(dose) || !std::isfinite(volume) || dose < 0.0 || volume < 0.0) return;
        totalVolume += volume;
        if (volume == 0.0 || dose == 0.0) continue;
        relativeDose_.push_back(dose / plannedPrescriptionGy);
        volume_.push_back(volume);
    }
    if (!(totalVolume > 0.0)) return;

    const double alphaBeta = parameters.alphaBetaGy;
    quadraticPerGy_.reserve(relativeDose_.size());
    for (std::size_t i = 0; i < relativeDose_.size(); ++i) {
        volume_[i] /= totalVolume;
        quadraticPerGy_.push_back(relativeDose_[i] * relativeDose_[i] / alphaBeta);
        meanRelativeDose_ += volume_[i] * relativeDose_[i];
    }
    inverseN_ = 1.0 / parameters.n;
    eqd2PerPhysical_ = alphaBeta / (2.0 + alphaBeta);
    status_ = Status::Valid;
}

double LkbOrgan::shapeFactor(double weightedFractionGy) const {
    double sum = 0.0;
    for (std::size_t i = 0; i < relativeDose_.size(); ++i)
        sum += volume_[i] * std::pow(relativeDose_[i] + quadraticPerGy_[i] * weightedFractionGy, inverseN_);
    return std::pow(sum, parameters_.n);
}

double LkbOrgan::geudGy(double totalGy, double weightedFractionGy) {
    if (totalGy == 0.0) return 0.0;
    if (!cacheValid_ || weightedFractionGy != cachedFractionGy_) {
        cachedShape_ = shapeFactor(weightedFractionGy);
        cachedFractionGy_ = weightedFractionGy;
        cacheValid_ = true;
    }
    return totalGy * eqd2PerPhysical_ * cachedShape_;
}

double LkbOrgan::ntcp(double geudGy) const {
    const double t = (geudGy - parameters_.td50Gy) / (parameters_.m * parameters_.td50Gy);
    return 0.5 * std::erfc(-t / std::sqrt(2.0));
}

}  // namespace twin::models::ntcp_lkb
