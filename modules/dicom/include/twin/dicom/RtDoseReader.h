#pragma once
// Reads an RT Dose file: single or multi-frame, 16 or 32 bit, any transfer syntax DCMTK
// decodes (big endian, RLE ...), with GridFrameOffsetVector relative (first value 0) or
// absolute (first value = Image Position z). Errors name the file and the tag at fault.

#include "twin/core/Result.h"
#include "twin/dicom/RtDoseGrid.h"

namespace twin::dicom {

class RtDoseReader {
public:
    static core::Result<RtDoseGrid> read(const QString &path);
};

}  // namespace twin::dicom
