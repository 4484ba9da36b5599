#include "PhantomRasterizer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <vector>

namespace twin::phantom {

namespace {

constexpr std::uint32_t kNoiseSeed = 0x44494459u;  // "DIDY"

std::int16_t toInt16(double value) {
    return static_cast<std::int16_t>(std::clamp(std::lround(value), -32768L, 32767L));
}

}  // namespace

PhantomRasterizer::PhantomRasterizer(const PhantomAnatomy &anatomy, const core::VolumeGeometry &geometry)
    : anatomy_(anatomy), geometry_(geometry) {}

void PhantomRasterizer::columnRange(double x0, double x1, int &first, int &last) const {
    const double origin = geometry_.originMm[0];
    const double spacing = geometry_.spacingMm[0];
    first = std::max(0, static_cast<int>(std::ceil((x0 - origin) / spacing)));
    last = std::min(geometry_.dimensions[0] - 1, static_cast<int>(std::floor((x1 - origin) / spacing)));
}

void PhantomRasterizer::paintSlice(int k, std::int16_t *ct, std::int16_t *labels) const {
    const int columns = geometry_.dimensions[0];
    const int rows = geometry_.dimensions[1];
    const double z = geometry_.originMm[2] + k * geometry_.spacingMm[2];

    const std::vector<PaintRegion> &regions = anatomy_.regions();
    std::vector<std::optional<EllipseSection>> sections;
    sections.reserve(regions.size());
    for (const PaintRegion &region : regions) sections.push_back(region.shape.sectionAt(z));

    // The raw 32-bit output of mt19937 is fixed by the standard (distributions are not).
    std::mt19937 random(kNoiseSeed + static_cast<std::uint32_t>(k));
    const std::int16_t air = toInt16(PhantomAnatomy::kAirHu);
    for (int j = 0; j < rows; ++j) {
        const double y = geometry_.originMm[1] + j * geometry_.spacingMm[1];
        std::int16_t *ctRow = ct + static_cast<std::size_t>(j) * static_cast<std::size_t>(columns);
        std::int16_t *labelRow = labels + static_cast<std::size_t>(j) * static_cast<std::size_t>(columns);
        std::fill(ctRow, ctRow + columns, air);
        std::fill(labelRow, labelRow + columns, std::int16_t{0});
        for (std::size_t r = 0; r < regions.size(); ++r) {
            double x0 = 0.0, x1 = 0.0;
            if (!sections[r] || !sections[r]->spanAt(y, x0, x1)) continue;
            int first = 0, last = -1;
            columnRange(x0, x1, first, last);
            if (first > last) continue;
            const PaintRegion &region = regions[r];
            if (region.setsHu) std::fill(ctRow + first, ctRow + last + 1, toInt16(region.hu));
            if (region.label != 0) std::fill(labelRow + first, labelRow + last + 1, toInt16(region.label));
        }
        // Noise inside the body only: air stays exactly -1000 HU.
        for (int i = 0; i < columns; ++i) {
            if (labelRow[i] == 0) continue;
            const std::uint32_t bits = random();
            const int sum = static_cast<int>((bits & 0xFFFFu) + (bits >> 16));  // triangular, 0..131070
            const int noise = (sum * 2 * kNoiseHalfWidthHu + 65535) / 131070 - kNoiseHalfWidthHu;
            ctRow[i] = static_cast<std::int16_t>(ctRow[i] + noise);
        }
    }
}

}  // namespace twin::phantom
