#pragma once
// A 3D scalar image in patient space: CT in Hounsfield units, labelmaps, dose in cGy steps.
// Voxels are stored x-fastest (column, then row, then slice), the DICOM and VTK order, so
// a slice is one contiguous block and can be handed to VTK without reordering.
//
// Value mapping: the stored int16 is the real value for CT (HU), labelmaps and the like
// (scale 1, offset 0, the default). Images whose real values do not fit int16 exactly (PET
// with a fractional RescaleSlope, MR with values above 32767) carry a linear mapping
//   real = stored * valueScale() + valueOffset()
// set by the DICOM loader; code that needs physical values reads realAt() or applies the
// mapping itself. Code that ignores the mapping sees the stored values, as before.

#include "twin/core/VolumeGeometry.h"

#include <cstdint>
#include <vector>

namespace twin::core {

class ScalarVolume {
public:
    ScalarVolume() = default;
    explicit ScalarVolume(const VolumeGeometry &geometry, std::int16_t fill = 0);

    const VolumeGeometry &geometry() const { return geometry_; }
    int dimension(int axis) const { return geometry_.dimensions[axis]; }

    std::int16_t at(int i, int j, int k) const { return voxels_[offset(i, j, k)]; }
    std::int16_t &at(int i, int j, int k) { return voxels_[offset(i, j, k)]; }
    std::int16_t *slice(int k) { return voxels_.data() + offset(0, 0, k); }
    const std::int16_t *slice(int k) const { return voxels_.data() + offset(0, 0, k); }
    const std::vector<std::int16_t> &voxels() const { return voxels_; }
    std::vector<std::int16_t> &voxels() { return voxels_; }
    bool isEmpty() const { return voxels_.empty(); }

    /// real = stored * scale + offset; scale must be finite and non-zero (else ignored).
    void setValueMapping(double scale, double offset) {
        if (scale != 0.0 && scale == scale && offset == offset) {
            valueScale_ = scale;
            valueOffset_ = offset;
        }
    }
    double valueScale() const { return valueScale_; }
    double valueOffset() const { return valueOffset_; }
    bool hasIdentityValueMapping() const { return valueScale_ == 1.0 && valueOffset_ == 0.0; }
    double toReal(std::int16_t stored) const { return stored * valueScale_ + valueOffset_; }
    double realAt(int i, int j, int k) const { return toReal(at(i, j, k)); }

private:
    std::size_t offset(int i, int j, int k) const {
        return (static_cast<std::size_t>(k) * static_cast<std::size_t>(geometry_.dimensions[1]) +
                static_cast<std::size_t>(j)) * static_cast<std::size_t>(geometry_.dimensions[0]) +
               static_cast<std::size_t>(i);
    }

    VolumeGeometry geometry_;
    std::vector<std::int16_t> voxels_;
    double valueScale_ = 1.0;
    double valueOffset_ = 0.0;
};

}  // namespace twin::core
