#include "twin/imaging/SegmentationTools.h"

#include "twin/imaging/ConnectedComponents.h"
#include "twin/imaging/DistanceTransform.h"

#include <algorithm>
#include <cmath>

namespace twin::imaging {

namespace {

// The segment's index box grown by `pad` voxels per axis, clipped to the grid.
IndexBox segmentBox(const core::ScalarVolume &labels, int value, const std::array<int, 3> &pad) {
    IndexBox box;
    std::size_t offset = 0;
    for (int k = 0; k < labels.dimension(2); ++k)
        for (int j = 0; j < labels.dimension(1); ++j)
            for (int i = 0; i < labels.dimension(0); ++i, ++offset)
                if (labels.voxels()[offset] == value) box.include(i, j, k);
    if (box.isEmpty()) return box;
    for (int a = 0; a < 3; ++a) {
        box.lo[a] = std::max(0, box.lo[a] - pad[a]);
        box.hi[a] = std::min(labels.dimension(a) - 1, box.hi[a] + pad[a]);
    }
    return box;
}

}  // namespace

VolumeMask SegmentationTools::thresholdMask(const core::ScalarVolume &image, double lower, double upper) {
    VolumeMask mask(image.voxels().size());
    const auto &voxels = image.voxels();
    for (std::size_t v = 0; v < voxels.size(); ++v) {
        const double real = image.toReal(voxels[v]);
        if (real >= lower && real <= upper) mask[v] = 1;
    }
    return mask;
}

VolumeMask SegmentationTools::segmentMask(const core::ScalarVolume &labels, int value) {
    VolumeMask mask(labels.voxels().size());
    for (std::size_t v = 0; v < mask.size(); ++v)
        if (labels.voxels()[v] == value) mask[v] = 1;
    return mask;
}

SegmentEdit SegmentationTools::threshold(const core::ScalarVolume &image, double lower, double upper, int value) {
    return {thresholdMask(image, lower, upper), PaintMode::Overwrite, value,
            QStringLiteral("Threshold %1 to %2").arg(lower).arg(upper)};
}

SegmentEdit SegmentationTools::brush(const core::VolumeGeometry &grid, const std::array<double, 3> &centreIndex,
                                     double radiusMm, BrushShape shape, int value, bool erase, int discNormalAxis) {
    SegmentEdit edit{VolumeMask(grid.voxelCount()), erase ? PaintMode::Erase : PaintMode::Overwrite, value,
                     QStringLiteral("%1 %2 (%3 mm)")
                         .arg(erase ? QStringLiteral("Erase") : QStringLiteral("Paint"),
                              shape == BrushShape::Disc ? QStringLiteral("disc") : QStringLiteral("sphere"))
                         .arg(radiusMm)};
    std::array<int, 3> lo{}, hi{};
    for (int a = 0; a < 3; ++a) {
        const double reach = radiusMm / grid.spacingMm[a];
        lo[a] = std::max(0, static_cast<int>(std::ceil(centreIndex[a] - reach)));
        hi[a] = std::min(grid.dimensions[a] - 1, static_cast<int>(std::floor(centreIndex[a] + reach)));
    }
    const int n = std::clamp(discNormalAxis, 0, 2);
    if (shape == BrushShape::Disc) lo[n] = hi[n] = static_cast<int>(std::lround(centreIndex[n]));
    if (lo[n] < 0 || lo[n] >= grid.dimensions[n]) return edit;
    edit.within.include(lo[0], lo[1], lo[2]);
    edit.within.include(hi[0], hi[1], hi[2]);
    const double r2 = radiusMm * radiusMm;
    for (int k = lo[2]; k <= hi[2]; ++k)
        for (int j = lo[1]; j <= hi[1]; ++j)
            for (int i = lo[0]; i <= hi[0]; ++i) {
                std::array<double, 3> d{(i - centreIndex[0]) * grid.spacingMm[0], (j - centreIndex[1]) * grid.spacingMm[1],
                                        (k - centreIndex[2]) * grid.spacingMm[2]};
                if (shape == BrushShape::Disc) d[n] = 0.0;  // in the slice
                if (d[0] * d[0] + d[1] * d[1] + d[2] * d[2] <= r2)
                    edit.mask[(static_cast<std::size_t>(k) * grid.dimensions[1] + j) * grid.dimensions[0] + i] = 1;
            }
    return edit;
}

core::Result<SegmentEdit> SegmentationTools::islands(const core::ScalarVolume &labels, int value, IslandRule rule,
                                                     std::int64_t minimumVoxels, core::JobContext *context) {
    const VolumeMask mine = segmentMask(labels, value);
    const std::array<int, 3> dims{labels.dimension(0), labels.dimension(1), labels.dimension(2)};
    auto components = ConnectedComponents::label(mine.data(), dims, Connectivity::Face6, context);
    if (!components.ok()) return components.error();
    const VolumeMask kept = rule == IslandRule::KeepLargest ? components.value().keepLargest(1)
                                                            : components.value().keepAtLeast(minimumVoxels);
    SegmentEdit edit{VolumeMask(mine.size()), PaintMode::Erase, value,
                     rule == IslandRule::KeepLargest ? QStringLiteral("Keep largest island")
                                                     : QStringLiteral("Remove islands under %1 voxels").arg(minimumVoxels)};
    for (std::size_t v = 0; v < mine.size(); ++v)
        if (mine[v] && !kept[v]) edit.mask[v] = 1;
    return edit;
}

core::Result<SegmentEdit> SegmentationTools::margin(const core::ScalarVolume &labels, int value, double marginMm,
                                                    core::JobContext *context) {
    const core::VolumeGeometry &g = labels.geometry();
    SegmentEdit edit{VolumeMask(labels.voxels().size()), marginMm >= 0 ? PaintMode::BackgroundOnly : PaintMode::Erase, value,
                     QStringLiteral("%1 by %2 mm").arg(marginMm >= 0 ? QStringLiteral("Grow") : QStringLiteral("Shrink")).arg(std::abs(marginMm))};
    const double reachMm = std::abs(marginMm);
    std::array<int, 3> pad{};
    for (int a = 0; a < 3; ++a) pad[a] = static_cast<int>(std::ceil(reachMm / g.spacingMm[a])) + 1;
    const IndexBox box = segmentBox(labels, value, pad);
    if (box.isEmpty() || reachMm == 0.0) return edit;
    if (context && context->isCancelled()) return core::Error::cancelled();
    const std::array<int, 3> dims{box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1};
    auto globalOffset = [&](std::size_t local) {
        const int i = static_cast<int>(local % dims[0]), j = static_cast<int>(local / dims[0] % dims[1]);
        const int k = static_cast<int>(local / (static_cast<std::size_t>(dims[0]) * dims[1]));
        return (static_cast<std::size_t>(box.lo[2] + k) * g.dimensions[1] + (box.lo[1] + j)) * g.dimensions[0] + (box.lo[0] + i);
    };
    const bool grow = marginMm > 0;
    // Grow: distance of every voxel to the segment. Shrink: of every segment voxel to the rest.
    const std::vector<float> d2 = DistanceTransform::squaredToInside(dims, g.spacingMm, [&](std::size_t local) {
        return (labels.voxels()[globalOffset(local)] == value) == grow;
    });
    if (context && context->isCancelled()) return core::Error::cancelled();
    const float limit = static_cast<float>(reachMm * reachMm);
    for (std::size_t local = 0; local < d2.size(); ++local)
        if (d2[local] > 0.0f && d2[local] <= limit) edit.mask[globalOffset(local)] = 1;
    return edit;
}

SegmentEdit SegmentationTools::logical(const core::ScalarVolume &labels, int value, const VolumeMask &operand,
                                       LogicalOperation operation) {
    SegmentEdit edit{VolumeMask(labels.voxels().size()), PaintMode::Overwrite, value, {}};
    if (operand.size() != labels.voxels().size()) return edit;
    switch (operation) {
    case LogicalOperation::Union:  // paint the operand with the segment
        edit.description = QStringLiteral("Add to segment");
        std::copy(operand.begin(), operand.end(), edit.mask.begin());
        break;
    case LogicalOperation::Intersect:  // erase the segment outside the operand
        edit.description = QStringLiteral("Intersect segment");
        edit.mode = PaintMode::Erase;
        for (std::size_t v = 0; v < operand.size(); ++v) edit.mask[v] = operand[v] ? 0 : 1;
        break;
    case LogicalOperation::Subtract:  // erase the segment inside the operand
        edit.description = QStringLiteral("Subtract from segment");
        edit.mode = PaintMode::Erase;
        std::copy(operand.begin(), operand.end(), edit.mask.begin());
        break;
    }
    return edit;
}

}  // namespace twin::imaging
