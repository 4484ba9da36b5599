#pragma once
// Paints the anatomy into voxels, one axial slice at a time: for every row, each region's
// ellipse gives one column span to fill, so a 512 x 512 slice costs a few thousand spans,
// not a shape test per voxel. CT noise comes from a fixed-seed generator per slice, so any
// slice is reproducible on its own and the whole volume is deterministic.

#include "PhantomAnatomy.h"

#include "twin/core/VolumeGeometry.h"

#include <cstdint>

namespace twin::phantom {

class PhantomRasterizer {
public:
    /// CT noise inside the body is triangular in [-kNoiseHalfWidthHu, +kNoiseHalfWidthHu]
    /// (SD ~ 8 HU).
    static constexpr int kNoiseHalfWidthHu = 20;

    PhantomRasterizer(const PhantomAnatomy &anatomy, const core::VolumeGeometry &geometry);

    /// Fills slice k of the CT (HU) and of the labels; both point at columns*rows voxels.
    /// The geometry must be axis-aligned (identity directions), as the generator makes it.
    void paintSlice(int k, std::int16_t *ct, std::int16_t *labels) const;

private:
    /// Column range [first, last] whose centres lie inside [x0, x1]; empty when first > last.
    void columnRange(double x0, double x1, int &first, int &last) const;

    const PhantomAnatomy &anatomy_;
    core::VolumeGeometry geometry_;
};

}  // namespace twin::phantom
