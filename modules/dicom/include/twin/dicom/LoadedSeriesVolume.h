#pragma once
// The result of loading a series loadable: one 3D volume (or several for 4D, each with the
// same geometry) and every finding about it.
//
// Values: CT in Hounsfield units (RescaleSlope/Intercept applied). When the rescaled values of
// the series are not all integers that fit int16 (fractional slope on PET/MR, MR above 32767)
// the volume carries a linear value mapping (core::ScalarVolume::valueScale/valueOffset):
// exact when all frames share one slope/intercept, otherwise quantised to 16 bits over the
// value range (a ValuesQuantised finding states the largest error).

#include "twin/core/ScalarVolume.h"
#include "twin/dicom/SeriesFinding.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace twin::dicom {

struct LoadedSeriesVolume {
    std::vector<core::ScalarVolume> volumes;  // 1 for 3D; one per echo/time point for 4D
    QString name;
    QString modality;
    QString seriesInstanceUid;
    QString studyInstanceUid;     // (0020,000D) of the series' first slice
    QString frameOfReferenceUid;  // (0020,0052) of the series' first slice (empty when absent)
    /// SOPInstanceUIDs of volume 0's acquired slices in slice order (index k = slice k), what
    /// RTSTRUCT (RtImageReference::sopInstanceUids) and SEG per-frame references point at. A
    /// multi-frame file repeats its UID for each of its frames. When the loader resampled to
    /// uniform spacing (a ResampledToUniformSpacing finding) these are the acquired slices, so
    /// their count differs from volume().dimension(2).
    QStringList sliceSopInstanceUids;
    QString volumeLabel;  // for 4D: what distinguishes the volumes
    SeriesFindings findings;

    const core::ScalarVolume &volume() const { return volumes.front(); }
};

}  // namespace twin::dicom
