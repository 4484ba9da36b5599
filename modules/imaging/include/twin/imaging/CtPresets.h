#pragma once
// Automatic CT segmentations, the classic threshold + connectivity recipes:
//   body:  > -300 HU, the largest face-connected component, holes filled slice by slice
//          (air in the bowel, the lungs and the trachea are inside the body);
//   lungs: [-1000, -400] HU inside the body, the largest component and the second one when
//          it holds at least a tenth as many voxels (two lungs, or one when they touch);
//   bones: >= 200 HU inside the body, islands under 0.5 mL removed (noise, calcifications).
// Each returns the structure's mask; the editor paints it into a new segment.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/core/ScalarVolume.h"
#include "twin/imaging/ZeroPageAllocator.h"

namespace twin::imaging {

class CtPresets {
public:
    static core::Result<VolumeMask> body(const core::ScalarVolume &ct, core::JobContext *context = nullptr);
    static core::Result<VolumeMask> lungs(const core::ScalarVolume &ct, core::JobContext *context = nullptr);
    static core::Result<VolumeMask> bones(const core::ScalarVolume &ct, core::JobContext *context = nullptr);
};

}  // namespace twin::imaging
