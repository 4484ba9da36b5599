#include "twin/imaging/CtPresets.h"

#include "twin/imaging/ConnectedComponents.h"
#include "twin/imaging/SegmentationTools.h"

#include <cmath>

namespace twin::imaging {

namespace {

std::array<int, 3> dimensionsOf(const core::ScalarVolume &v) { return {v.dimension(0), v.dimension(1), v.dimension(2)}; }

// Fills, in every slice, the background regions that do not reach the slice's border.
void fillHolesPerSlice(VolumeMask &mask, const std::array<int, 3> &dims) {
    const std::size_t sliceSize = static_cast<std::size_t>(dims[0]) * dims[1];
    std::vector<std::uint8_t> background(sliceSize);
    for (int k = 0; k < dims[2]; ++k) {
        std::uint8_t *slice = mask.data() + k * sliceSize;
        for (std::size_t v = 0; v < sliceSize; ++v) background[v] = slice[v] ? 0 : 1;
        auto components = ConnectedComponents::label(background.data(), {dims[0], dims[1], 1});
        if (!components.ok() || components.value().componentCount() == 0) continue;
        std::vector<bool> touchesBorder(components.value().componentCount() + 1, false);
        for (const auto &run : components.value().runs()) {
            const int j = static_cast<int>(run.offset / dims[0]), i = static_cast<int>(run.offset % dims[0]);
            if (j == 0 || j == dims[1] - 1 || i == 0 || i + run.length == dims[0]) touchesBorder[run.component] = true;
        }
        for (const auto &run : components.value().runs())
            if (!touchesBorder[run.component]) std::fill_n(slice + run.offset, run.length, std::uint8_t(1));
    }
}

std::int64_t voxelsIn(const core::ScalarVolume &ct, double millilitres) {
    return static_cast<std::int64_t>(std::ceil(millilitres * 1000.0 / ct.geometry().voxelVolumeMm3()));
}

}  // namespace

core::Result<VolumeMask> CtPresets::body(const core::ScalarVolume &ct, core::JobContext *context) {
    const VolumeMask dense = SegmentationTools::thresholdMask(ct, -300.0, 1e9);
    if (context) context->setProgress(0.3, QStringLiteral("Body: connected components"));
    auto components = ConnectedComponents::label(dense.data(), dimensionsOf(ct), Connectivity::Face6, context);
    if (!components.ok()) return components.error();
    VolumeMask body = components.value().keepLargest(1);
    if (context && context->isCancelled()) return core::Error::cancelled();
    if (context) context->setProgress(0.7, QStringLiteral("Body: filling holes"));
    fillHolesPerSlice(body, dimensionsOf(ct));
    return body;
}

core::Result<VolumeMask> CtPresets::lungs(const core::ScalarVolume &ct, core::JobContext *context) {
    auto body = CtPresets::body(ct, context);
    if (!body.ok()) return body.error();
    VolumeMask air = SegmentationTools::thresholdMask(ct, -1000.0, -400.0);
    for (std::size_t v = 0; v < air.size(); ++v) air[v] = air[v] && body.value()[v];
    auto components = ConnectedComponents::label(air.data(), dimensionsOf(ct), Connectivity::Face6, context);
    if (!components.ok()) return components.error();
    const ConnectedComponents &c = components.value();
    if (c.componentCount() == 0) return VolumeMask(air.size());
    const bool twoLungs = c.componentCount() > 1 && c.size(2) * 10 >= c.size(1);
    return c.keepLargest(twoLungs ? 2 : 1);
}

core::Result<VolumeMask> CtPresets::bones(const core::ScalarVolume &ct, core::JobContext *context) {
    auto body = CtPresets::body(ct, context);
    if (!body.ok()) return body.error();
    VolumeMask dense = SegmentationTools::thresholdMask(ct, 200.0, 1e9);
    for (std::size_t v = 0; v < dense.size(); ++v) dense[v] = dense[v] && body.value()[v];
    auto components = ConnectedComponents::label(dense.data(), dimensionsOf(ct), Connectivity::Face6, context);
    if (!components.ok()) return components.error();
    return components.value().keepAtLeast(voxelsIn(ct, 0.5));
}

}  // namespace twin::imaging
