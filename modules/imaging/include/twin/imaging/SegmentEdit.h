#pragma once
// What a segment-editor tool hands back from its worker thread: the voxels to paint or erase,
// how, on which segment, and the undo text. Segmentation::apply() turns it into one undo step.

#include "twin/imaging/LabelmapDelta.h"
#include "twin/imaging/ZeroPageAllocator.h"

#include <QString>

namespace twin::imaging {

struct SegmentEdit {
    VolumeMask mask;  ///< same grid as the segmentation; 1 = voxel the edit acts on
    PaintMode mode = PaintMode::Overwrite;
    int value = 0;  ///< segment label value
    QString description;
    IndexBox within;  ///< where the mask can be set; empty: anywhere (the whole volume is scanned)
};

}  // namespace twin::imaging
