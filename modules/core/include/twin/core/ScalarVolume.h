#pragma once
// A 3D scalar image in patient space: CT in Hounsfield units, labelmaps, dose in cGy steps.
// Voxels are stored x-fastest (column, then row, then slice), the DICOM and VTK order, so
// a slice is one contiguous block and can be handed to VTK without reordering.

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

private:
    std::size_t offset(int i, int j, int k) const {
        return (static_cast<std::size_t>(k) * static_cast<std::size_t>(geometry_.dimensions[1]) +
                static_cast<std::size_t>(j)) * static_cast<std::size_t>(geometry_.dimensions[0]) +
               static_cast<std::size_t>(i);
    }

    VolumeGeometry geometry_;
    std::vector<std::int16_t> voxels_;
};

}  // namespace twin::core
