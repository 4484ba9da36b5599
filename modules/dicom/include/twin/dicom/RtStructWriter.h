#pragma once
// Labelmaps on a source image series -> an RT Structure Set (PS3.3 A.19) that references the
// series (frame of reference, study, series, every slice's SOP instance).
//
// Every label of every LabelMap becomes one ROI (voxels equal to the label's value; a binary
// mask is a LabelMap with one label of value 1), named and coloured like the label. On each
// slice the mask's pixel boundaries are traced into CLOSED_PLANAR contours in LPS mm: outer
// boundaries and holes are separate contours, so the even-odd rule (RtStructRasterizer, and
// every planning system) gives back exactly the voxels whose centres were inside. Each contour
// references its slice's image. The file is written as Implicit VR Little Endian (ContourData
// of large outlines exceeds Explicit VR's 64 KiB DS limit), to a temporary name in the target
// folder and then renamed. New UIDs are UUID-derived (2.25.<uuid>).

#include "twin/core/LabelMap.h"
#include "twin/core/Result.h"
#include "twin/dicom/DicomSourceSeries.h"

#include <QList>
#include <QString>

#include <array>
#include <vector>

namespace twin::dicom {

struct RtStructWriteOptions {
    QString structureSetLabel = QStringLiteral("DIDYMOS");
    QString seriesDescription = QStringLiteral("Didymos structures");
    int seriesNumber = 901;
};

class RtStructWriter {
public:
    static core::Status write(const QString &path, const QList<core::LabelMap> &labelMaps, const DicomSourceSeries &source,
                              const RtStructWriteOptions &options = {});

    /// Closed loops around the pixels of `mask` (columns x rows, non-zero = inside) on pixel
    /// corners: (x, y) is the corner between pixels; the even-odd fill of all loops gives back
    /// the mask. Collinear corners are dropped.
    static QList<std::vector<std::array<int, 2>>> traceBoundaries(const std::vector<unsigned char> &mask, int columns,
                                                                  int rows);
};

}  // namespace twin::dicom
