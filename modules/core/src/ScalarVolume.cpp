#include "twin/core/ScalarVolume.h"

namespace twin::core {

ScalarVolume::ScalarVolume(const VolumeGeometry &geometry, std::int16_t fill)
    : geometry_(geometry), voxels_(geometry.voxelCount(), fill) {}

}  // namespace twin::core
