#pragma once
// What SeriesVolumeLoader::examine found in the files of one series: the loadables (best
// first, the first preselected) and findings about the series as a whole (unreadable files,
// excluded localizers, split orientations or sizes).

#include "twin/dicom/SeriesFinding.h"
#include "twin/dicom/SeriesLoadable.h"

#include <QList>

namespace twin::dicom {

struct SeriesExamination {
    QList<SeriesLoadable> loadables;  // sorted by confidence, highest first
    SeriesFindings findings;

    const SeriesLoadable *selected() const { return loadables.isEmpty() ? nullptr : &loadables.front(); }
};

}  // namespace twin::dicom
