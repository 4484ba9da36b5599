#pragma once
// Dose-volume histogram of one structure: the dose at each of its voxels, sorted, from which
// every DVH metric is read exactly (no binning error) and the cumulative and differential
// curves are drawn.
//
// Sampling and partial volume: the structure is a binary mask on the image grid; the dose is
// sampled at the centre of each mask voxel (trilinear, from the RT Dose grid resampled onto the
// image grid; 0 Gy outside the dose grid) and every voxel counts with its full volume. Boundary
// voxels are thus neither split nor weighted: a voxel is in the structure when its centre is
// (the RTSTRUCT rasteriser's rule). For structures of a few voxels this is coarse, as in every
// voxel-based planning system; the volume is reported beside each metric.
//
// Definitions (ICRU 83): D_x% = the minimum dose received by the hottest x % of the volume
// (with n voxels sorted ascending, d[n - ceil(x/100 n)]); V_xGy = the percentage of the volume
// receiving at least x Gy; gEUD(a) = (mean of d^a)^(1/a) (Niemierko), a = 1 is the mean dose.

#include "twin/core/FloatVolume.h"
#include "twin/core/LabelMap.h"
#include "twin/core/Result.h"

#include <QString>

#include <vector>

namespace twin::imaging {

struct DvhCurvePoint {
    double doseGy = 0.0;
    double volumePercent = 0.0;
};

class DoseVolumeHistogram {
public:
    /// Voxels of `mask` whose value is `label`, with `doseGy` on the same grid as the mask
    /// (resample first: RtDoseGrid::resampledOnto). Fails when the grids differ or the
    /// structure is empty.
    static core::Result<DoseVolumeHistogram> compute(const core::LabelMap &mask, int label, const core::FloatVolume &doseGy);

    std::size_t voxelCount() const { return sortedDoseGy_.size(); }
    double volumeCc() const { return volumeCc_; }
    double minGy() const { return sortedDoseGy_.front(); }
    double maxGy() const { return sortedDoseGy_.back(); }
    double meanGy() const { return meanGy_; }
    /// D_x%: minimum dose to the hottest `percent` % of the volume.
    double doseAtVolumePercent(double percent) const;
    /// V_x: percentage of the volume receiving at least `doseGy`.
    double volumePercentAtDose(double doseGy) const;
    /// Generalised equivalent uniform dose with volume parameter `a` (a != 0).
    double gEudGy(double a) const;

    /// Cumulative DVH sampled every `binGy` from 0 to just past the maximum dose.
    std::vector<DvhCurvePoint> cumulative(double binGy = 0.1) const;
    /// Differential DVH: percentage of the volume per bin [d, d + binGy), for bins from 0.
    std::vector<DvhCurvePoint> differential(double binGy = 0.1) const;
    /// "dose_gy,cumulative_volume_pct,differential_volume_pct" rows, for spreadsheets.
    QString toCsv(double binGy = 0.1) const;

private:
    std::vector<float> sortedDoseGy_;
    double volumeCc_ = 0.0;
    double meanGy_ = 0.0;
};

}  // namespace twin::imaging
