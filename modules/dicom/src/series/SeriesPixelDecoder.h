#pragma once
// Internal: decodes monochrome frames of one file to int32 stored values (BitsStored,
// HighBit and PixelRepresentation applied, no rescale), checking Rows x Columns x Frames
// against the pixel data before allocating anything of that size.

#include "twin/core/Result.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <vector>

namespace twin::dicom::series {

/// Called once per requested frame, in ascending frame order; return false to stop.
using FrameSink = std::function<bool(int frameIndex, const std::int32_t *pixels, std::size_t count)>;

/// Largest decoded frame accepted (bytes): guards against bogus Rows x Columns.
inline constexpr std::uint64_t kMaxFrameBytes = 512ull << 20;

core::Status decodeFrames(const QString &path, std::vector<int> frameIndices, const FrameSink &sink);

}  // namespace twin::dicom::series
