#pragma once
// Reads an RT Structure Set file (any transfer syntax, with or without meta header).
// Errors name the file and the tag at fault; per-ROI problems (no contours, unknown ROI
// number, malformed ContourData) are warnings in RtStructureSet::warnings.

#include "twin/core/Result.h"
#include "twin/dicom/RtStructureSet.h"

namespace twin::dicom {

class RtStructReader {
public:
    static core::Result<RtStructureSet> read(const QString &path);
};

}  // namespace twin::dicom
