#pragma once
// Labelmaps on a source image series -> a binary DICOM Segmentation (PS3.3 A.51) via DCMTK's
// dcmseg. One segment per label (label name, colour as CIELab, category/type codes: the
// label's own when present, else SCT 85756007 "Tissue" / 113343008 "Organ"). Only frames with
// at least one voxel are stored; each carries its PlanePosition, a FrameContent index
// (segment, slice) and DerivationImage/SourceImage references to its slice's image. Orientation
// and pixel measures are shared. Patient, study and frame of reference come from the source
// series' first file. Written to a temporary name in the target folder, then renamed.

#include "twin/core/LabelMap.h"
#include "twin/core/Result.h"
#include "twin/dicom/DicomSourceSeries.h"

#include <QList>
#include <QString>

namespace twin::dicom {

struct SegWriteOptions {
    QString seriesDescription = QStringLiteral("Didymos segmentation");
    int seriesNumber = 902;
};

class SegWriter {
public:
    /// The source must have one file per slice (DicomSourceSeries::fromFiles).
    static core::Status write(const QString &path, const QList<core::LabelMap> &labelMaps, const DicomSourceSeries &source,
                              const SegWriteOptions &options = {});
};

}  // namespace twin::dicom
