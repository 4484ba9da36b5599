#include "twin/imaging/DoseVolumeHistogram.h"

#include <algorithm>
#include <cmath>

namespace twin::imaging {

core::Result<DoseVolumeHistogram> DoseVolumeHistogram::compute(const core::LabelMap &mask, int label, const core::FloatVolume &doseGy) {
    if (mask.volume.geometry().dimensions != doseGy.geometry().dimensions)
        return core::Error::invalidInput(QStringLiteral("the dose grid (%1 x %2 x %3) is not the structure's grid (%4 x %5 x %6): "
                                                        "resample the dose onto the image first")
                                             .arg(doseGy.dimension(0)).arg(doseGy.dimension(1)).arg(doseGy.dimension(2))
                                             .arg(mask.volume.dimension(0)).arg(mask.volume.dimension(1)).arg(mask.volume.dimension(2)));
    DoseVolumeHistogram dvh;
    const std::vector<std::int16_t> &labels = mask.volume.voxels();
    const std::vector<float> &dose = doseGy.values();
    double sum = 0.0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] != label) continue;
        dvh.sortedDoseGy_.push_back(dose[i]);
        sum += dose[i];
    }
    if (dvh.sortedDoseGy_.empty())
        return core::Error::invalidInput(QStringLiteral("the structure (label %1) has no voxel on the image grid").arg(label));
    std::sort(dvh.sortedDoseGy_.begin(), dvh.sortedDoseGy_.end());
    dvh.meanGy_ = sum / double(dvh.sortedDoseGy_.size());
    dvh.volumeCc_ = double(dvh.sortedDoseGy_.size()) * mask.volume.geometry().voxelVolumeMm3() / 1000.0;
    return dvh;
}

double DoseVolumeHistogram::doseAtVolumePercent(double percent) const {
    const std::size_t n = sortedDoseGy_.size();
    const auto hottest = static_cast<std::size_t>(std::ceil(std::clamp(percent, 0.0, 100.0) / 100.0 * double(n)));
    if (hottest == 0) return sortedDoseGy_.back();
    return sortedDoseGy_[n - hottest];
}

double DoseVolumeHistogram::volumePercentAtDose(double doseGy) const {
    const auto first = std::lower_bound(sortedDoseGy_.begin(), sortedDoseGy_.end(), static_cast<float>(doseGy));
    return 100.0 * double(sortedDoseGy_.end() - first) / double(sortedDoseGy_.size());
}

double DoseVolumeHistogram::gEudGy(double a) const {
    if (a == 0.0) return std::nan("");
    double sum = 0.0;
    for (const float d : sortedDoseGy_) sum += std::pow(std::max(0.0, double(d)), a);
    return std::pow(sum / double(sortedDoseGy_.size()), 1.0 / a);
}

std::vector<DvhCurvePoint> DoseVolumeHistogram::cumulative(double binGy) const {
    std::vector<DvhCurvePoint> curve;
    if (binGy <= 0.0) return curve;
    const int bins = static_cast<int>(std::ceil(maxGy() / binGy)) + 1;
    for (int b = 0; b <= bins; ++b) curve.push_back({b * binGy, volumePercentAtDose(b * binGy)});
    return curve;
}

std::vector<DvhCurvePoint> DoseVolumeHistogram::differential(double binGy) const {
    std::vector<DvhCurvePoint> curve;
    if (binGy <= 0.0) return curve;
    const std::vector<DvhCurvePoint> cumulativeCurve = cumulative(binGy);
    for (std::size_t b = 0; b + 1 < cumulativeCurve.size(); ++b)
        curve.push_back({cumulativeCurve[b].doseGy, cumulativeCurve[b].volumePercent - cumulativeCurve[b + 1].volumePercent});
    return curve;
}

QString DoseVolumeHistogram::toCsv(double binGy) const {
    QString csv = QStringLiteral("dose_gy,cumulative_volume_pct,differential_volume_pct\n");
    const std::vector<DvhCurvePoint> cumulativeCurve = cumulative(binGy);
    const std::vector<DvhCurvePoint> differentialCurve = differential(binGy);
    for (std::size_t b = 0; b < cumulativeCurve.size(); ++b)
        csv += QStringLiteral("%1,%2,%3\n")
                   .arg(cumulativeCurve[b].doseGy, 0, 'f', 3)
                   .arg(cumulativeCurve[b].volumePercent, 0, 'f', 4)
                   .arg(b < differentialCurve.size() ? differentialCurve[b].volumePercent : 0.0, 0, 'f', 4);
    return csv;
}

}  // namespace twin::imaging
