#pragma once
// Internal: reads the image headers of one file into SeriesFrames (one per frame), from the
// classic Image Plane module or from enhanced multi-frame functional groups.

#include "twin/core/Result.h"
#include "twin/dicom/SeriesFrame.h"

#include <QList>
#include <QString>

namespace twin::dicom::series {

/// Largest NumberOfFrames accepted from a header (memory guard).
inline constexpr int kMaxFrames = 65536;

core::Result<QList<SeriesFrame>> readSeriesFrames(const QString &path);

}  // namespace twin::dicom::series
