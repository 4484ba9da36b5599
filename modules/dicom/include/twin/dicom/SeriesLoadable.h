#pragma once
// One way to load (part of) a series as a volume, like a 3D Slicer "loadable": the frames of a
// series with one orientation and one image size, sorted along the slice normal, as one 3D
// volume or as a 4D list of 3D volumes (echoes, temporal positions, acquisitions). A series
// that mixes orientations or sizes gives several loadables; the best one is preselected.

#include "twin/core/VolumeGeometry.h"
#include "twin/dicom/SeriesFinding.h"
#include "twin/dicom/SeriesFrame.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace twin::dicom {

struct SeriesLoadable {
    QString name;  // e.g. "CT 134x136x47" or "MR 110x112x47, 2 echoes"
    QString reason;  // why this loadable exists and how sure we are
    double confidence = 0.0;  // 0..1
    bool selected = false;  // the preselected (best) loadable of its series
    QList<SeriesFrame> frames;  // every frame used, in no particular order
    /// volumes[v][k]: index into frames of slice k of 3D volume v, sorted along the normal.
    std::vector<std::vector<int>> volumes;
    QString volumeLabel;  // what distinguishes the volumes of a 4D loadable ("echo", ...)
    SeriesFindings findings;  // about this loadable (gaps, tilt, duplicates, ...)

    bool isFourD() const { return volumes.size() > 1; }
    int sliceCount() const { return volumes.empty() ? 0 : static_cast<int>(volumes.front().size()); }
    /// The grid of the acquired slices of volume 0 as load() builds it (before any resampling):
    /// columns × rows × slices; origin = position of the first sorted slice; row/column
    /// directions from ImageOrientationPatient; slice direction and spacing from the first to
    /// the last position (the orientation's normal and SliceThickness for one slice).
    core::VolumeGeometry acquiredGeometry() const;
    /// The transfer syntaxes of the frames, each once.
    QStringList transferSyntaxes() const;
};

}  // namespace twin::dicom
