#pragma once
// Internal: decodes one JPEG 2000 image (a raw J2K codestream, as DICOM stores it, or a JP2
// file, which some writers embed instead) held in memory, with OpenJPEG directly.
//
// Why not GDCM (used before): gdcm::ImageReader parses the whole file again, and its parser
// asserts (abort()) on malformed explicit-VR elements that DCMTK already accepted or refused
// cleanly; the fuzz target FuzzDicomSeries found that within seconds. Here DCMTK parses the
// file once, and OpenJPEG sees only the codestream bytes. The SIZ header is checked against
// Rows, Columns and one component before any tile is decoded, so a hostile header cannot make
// OpenJPEG allocate more than the frame the DICOM header already allowed. OpenJPEG's messages
// go into the returned error instead of stderr.

#include "twin/core/Result.h"

#include <cstddef>
#include <cstdint>

namespace twin::dicom::series {

struct Jpeg2000Frame {
    int columns = 0;
    int rows = 0;
    int bitsStored = 16;
    bool isSigned = false;  ///< PixelRepresentation: wins over the codestream's own sign flag
};

/// Decodes `size` bytes at `data` into columns x rows int32 stored values at `out`.
core::Status decodeJpeg2000(const std::uint8_t *data, std::size_t size, const Jpeg2000Frame &frame,
                            std::int32_t *out);

}  // namespace twin::dicom::series
