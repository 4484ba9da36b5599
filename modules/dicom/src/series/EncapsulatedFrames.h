#pragma once
// Internal: which fragments of an encapsulated pixel sequence make up each frame, and the
// bytes of one frame. Used where we decode a codestream ourselves (JPEG 2000); DCMTK's own
// codecs find their fragments themselves.
//
// Frames → fragments, in the order PS3.5 A.4 allows writers to choose:
//  1. one frame: every fragment belongs to it;
//  2. as many fragments as frames: one each;
//  3. a Basic Offset Table with one entry per frame: offsets of the first item of each frame;
//  4. otherwise, fragments that begin with a JPEG 2000 SOC marker (FF 4F) start a frame.

#include "twin/core/Result.h"

#include <QString>

#include <cstdint>
#include <vector>

class DcmPixelSequence;

namespace twin::dicom::series {

struct FragmentRange {
    unsigned long first = 1;  ///< item index (item 0 is the offset table)
    unsigned long end = 1;    ///< one past the last item
};

core::Result<std::vector<FragmentRange>> frameFragmentRanges(DcmPixelSequence &sequence, int frames,
                                                             std::uint64_t fileSize);

/// Concatenates the fragments of `range` into `bytes` (resized); values larger than the file
/// are refused before anything is read.
core::Status gatherFrameBytes(DcmPixelSequence &sequence, const FragmentRange &range, std::uint64_t fileSize,
                              std::vector<std::uint8_t> &bytes);

/// PS3.5 G.3-G.5: the RLE header of one frame (its first 64 bytes) must name `segments`
/// segments (1 to 15), the first at offset 64, each offset increasing and inside the frame's
/// fragments. DCMTK 3.6.7's RLE decoder trusts the offsets and reads out of bounds (SIGSEGV)
/// when one points past the fragment, so the loader checks them before DCMTK decodes.
core::Status checkRleFrameHeader(DcmPixelSequence &sequence, const FragmentRange &range, std::uint64_t fileSize,
                                 int segments);

}  // namespace twin::dicom::series
