#include "ItkFloatImage.h"

#include <itkImageRegionConstIteratorWithIndex.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace twin::imaging::registration {

std::array<int, 3> blockFactorsFor(const core::VolumeGeometry &geometry, double spacingMm) {
    std::array<int, 3> factor{1, 1, 1};
    for (std::size_t axis = 0; axis < 3; ++axis) {
        const double spacing = geometry.spacingMm[axis];
        if (spacing > 0.0 && spacing < spacingMm) factor[axis] = std::max(1, static_cast<int>(std::lround(spacingMm / spacing)));
        factor[axis] = std::min(factor[axis], std::max(1, geometry.dimensions[axis]));
    }
    return factor;
}

FloatImage::Pointer blockAverage(const core::ScalarVolume &volume, const std::array<int, 3> &factor) {
    const core::VolumeGeometry &g = volume.geometry();
    std::array<int, 3> out{};
    for (std::size_t a = 0; a < 3; ++a) out[a] = (g.dimensions[a] + factor[a] - 1) / factor[a];

    auto image = FloatImage::New();
    FloatImage::RegionType region;
    FloatImage::SizeType size;
    for (unsigned a = 0; a < 3; ++a) size[a] = static_cast<itk::SizeValueType>(out[a]);
    region.SetSize(size);
    image->SetRegions(region);
    FloatImage::SpacingType spacing;
    FloatImage::DirectionType direction;
    FloatImage::PointType origin;
    const std::array<const std::array<double, 3> *, 3> axes{&g.rowDirection, &g.columnDirection, &g.sliceDirection};
    for (unsigned a = 0; a < 3; ++a) {
        spacing[a] = g.spacingMm[a] * factor[a];
        for (unsigned r = 0; r < 3; ++r) direction[r][a] = (*axes[a])[r];
    }
    // Centre of the first block: half a block minus half a voxel along each axis.
    const std::array<double, 3> first = g.indexToPatient(0.5 * (factor[0] - 1), 0.5 * (factor[1] - 1), 0.5 * (factor[2] - 1));
    for (unsigned r = 0; r < 3; ++r) origin[r] = first[r];
    image->SetSpacing(spacing);
    image->SetDirection(direction);
    image->SetOrigin(origin);
    image->Allocate();

    float *dst = image->GetBufferPointer();
    const std::size_t outRow = static_cast<std::size_t>(out[0]);
    const std::size_t outSlice = outRow * static_cast<std::size_t>(out[1]);
    std::vector<double> sum(outSlice);
    std::vector<int> count(outSlice);
    for (int ko = 0; ko < out[2]; ++ko) {
        std::fill(sum.begin(), sum.end(), 0.0);
        std::fill(count.begin(), count.end(), 0);
        const int k1 = std::min(g.dimensions[2], (ko + 1) * factor[2]);
        for (int k = ko * factor[2]; k < k1; ++k) {
            const std::int16_t *slice = volume.slice(k);
            for (int j = 0; j < g.dimensions[1]; ++j) {
                const std::int16_t *row = slice + static_cast<std::size_t>(j) * static_cast<std::size_t>(g.dimensions[0]);
                const std::size_t base = static_cast<std::size_t>(j / factor[1]) * outRow;
                for (int i = 0; i < g.dimensions[0]; ++i) {
                    const std::size_t cell = base + static_cast<std::size_t>(i / factor[0]);
                    sum[cell] += row[i];
                    ++count[cell];
                }
            }
        }
        float *plane = dst + static_cast<std::size_t>(ko) * outSlice;
        for (std::size_t c = 0; c < outSlice; ++c) plane[c] = count[c] ? static_cast<float>(sum[c] / count[c]) : 0.0f;
    }
    return image;
}

bool bodyCentroid(const FloatImage &image, double thresholdHu, std::array<double, 3> &centroid) {
    double sx = 0.0, sy = 0.0, sz = 0.0;
    std::size_t n = 0;
    itk::ImageRegionConstIteratorWithIndex<FloatImage> it(&image, image.GetLargestPossibleRegion());
    for (; !it.IsAtEnd(); ++it) {
        if (it.Get() <= thresholdHu) continue;
        FloatImage::PointType p;
        image.TransformIndexToPhysicalPoint(it.GetIndex(), p);
        sx += p[0];
        sy += p[1];
        sz += p[2];
        ++n;
    }
    if (n == 0) return false;
    centroid = {sx / n, sy / n, sz / n};
    return true;
}

}  // namespace twin::imaging::registration
