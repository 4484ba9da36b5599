// SegmentationTools::fillBetweenSlices: shape-based interpolation (Raya & Udupa 1990) of the
// slices a user skipped while contouring. For every gap between two slices that hold the
// segment, the 2D signed distance of each (negative inside, mm) is interpolated linearly
// along k and the voxels where it is negative are filled. Blobs that move or change size
// between the two slices are morphed, not just copied; background voxels only.

#include "twin/imaging/DistanceTransform.h"
#include "twin/imaging/SegmentationTools.h"

#include <cmath>

namespace twin::imaging {

namespace {

// Signed distance (mm) of one slice's segment inside the in-plane box [lo, hi].
std::vector<float> signedDistance(const core::ScalarVolume &labels, int value, int k, const std::array<int, 2> &lo,
                                  const std::array<int, 2> &hi) {
    const std::array<int, 3> dims{hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, 1};
    const std::array<double, 3> spacing{labels.geometry().spacingMm[0], labels.geometry().spacingMm[1], 1.0};
    auto inside = [&](std::size_t local) {
        return labels.at(lo[0] + static_cast<int>(local % dims[0]), lo[1] + static_cast<int>(local / dims[0]), k) == value;
    };
    std::vector<float> toInside = DistanceTransform::squaredToInside(dims, spacing, inside);
    const std::vector<float> toOutside = DistanceTransform::squaredToInside(dims, spacing, [&](std::size_t v) { return !inside(v); });
    for (std::size_t v = 0; v < toInside.size(); ++v) toInside[v] = std::sqrt(toInside[v]) - std::sqrt(toOutside[v]);
    return toInside;
}

}  // namespace

core::Result<SegmentEdit> SegmentationTools::fillBetweenSlices(const core::ScalarVolume &labels, int value,
                                                               core::JobContext *context) {
    SegmentEdit edit{VolumeMask(labels.voxels().size()), PaintMode::BackgroundOnly, value,
                     QStringLiteral("Fill between slices")};
    const int nx = labels.dimension(0), ny = labels.dimension(1), nz = labels.dimension(2);
    // Slices that hold the segment, and the in-plane box of all of them (one voxel of margin,
    // so every slice's distance map sees background around the segment).
    std::vector<int> segmented;
    std::array<int, 2> lo{nx, ny}, hi{-1, -1};
    for (int k = 0; k < nz; ++k) {
        bool any = false;
        for (int j = 0; j < ny; ++j) {
            const std::int16_t *row = labels.slice(k) + static_cast<std::size_t>(j) * nx;
            for (int i = 0; i < nx; ++i) {
                if (row[i] != value) continue;
                any = true;
                lo = {std::min(lo[0], i), std::min(lo[1], j)};
                hi = {std::max(hi[0], i), std::max(hi[1], j)};
            }
        }
        if (any) segmented.push_back(k);
    }
    if (segmented.size() < 2) return edit;
    lo = {std::max(0, lo[0] - 1), std::max(0, lo[1] - 1)};
    hi = {std::min(nx - 1, hi[0] + 1), std::min(ny - 1, hi[1] + 1)};
    const int width = hi[0] - lo[0] + 1;
    for (std::size_t s = 0; s + 1 < segmented.size(); ++s) {
        const int k0 = segmented[s], k1 = segmented[s + 1];
        if (k1 - k0 < 2) continue;
        if (context && context->isCancelled()) return core::Error::cancelled();
        if (context) context->setProgress(double(s) / segmented.size(), QStringLiteral("Interpolating slices %1–%2").arg(k0).arg(k1));
        const std::vector<float> below = signedDistance(labels, value, k0, lo, hi);
        const std::vector<float> above = signedDistance(labels, value, k1, lo, hi);
        for (int k = k0 + 1; k < k1; ++k) {
            const float t = static_cast<float>(k - k0) / static_cast<float>(k1 - k0);
            for (std::size_t local = 0; local < below.size(); ++local) {
                if ((1.0f - t) * below[local] + t * above[local] >= 0.0f) continue;
                const int i = lo[0] + static_cast<int>(local % width), j = lo[1] + static_cast<int>(local / width);
                edit.mask[(static_cast<std::size_t>(k) * ny + j) * nx + i] = 1;
            }
        }
    }
    if (context) context->setProgress(1.0);
    return edit;
}

}  // namespace twin::imaging
