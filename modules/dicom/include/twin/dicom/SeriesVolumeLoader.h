#pragma once
// Files of one series -> volume(s) with geometry you can trust.
//
// examine(): reads the headers (DCMTK, bounded reads), drops localizers, splits the series by
// orientation and image size into loadables, sorts each by ImagePositionPatient projected on
// the slice normal (never by file name or InstanceNumber), groups echoes / temporal positions /
// acquisitions into 4D, and reports missing slices, uneven spacing and gantry tilt.
// load(): decodes the pixels of a loadable (all supported transfer syntaxes), applies
// RescaleSlope/Intercept and builds core::ScalarVolume(s) whose geometry is the IPP of the first
// sorted slice, the direction cosines of ImageOrientationPatient (LPS) and the slice step.
// A gantry-tilted series keeps its true slice direction (sliceDirection not orthogonal to the
// rows and columns), so indexToPatient() gives every acquired pixel's real position.
//
// Both report progress per slice on the JobContext and stop with Error::Code::Cancelled when
// it is cancelled. Errors name the file (and tag) at fault. Hostile input (bogus lengths, Rows x
// Columns beyond the pixel data) gives an error, never an allocation of the claimed size.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/dicom/LoadedSeriesVolume.h"
#include "twin/dicom/SeriesExamination.h"
#include "twin/dicom/SeriesLoadOptions.h"

#include <QStringList>

namespace twin::dicom {

class SeriesVolumeLoader {
public:
    /// Fails only when no file gives a usable image (the error of the first such file).
    static core::Result<SeriesExamination> examine(const QStringList &files, core::JobContext *context = nullptr);
    static core::Result<LoadedSeriesVolume> load(const SeriesLoadable &loadable, const SeriesLoadOptions &options = {},
                                                 core::JobContext *context = nullptr);
    /// examine() then load() of the preselected loadable; the series findings are included.
    static core::Result<LoadedSeriesVolume> loadSeries(const QStringList &files, const SeriesLoadOptions &options = {},
                                                       core::JobContext *context = nullptr);
};

}  // namespace twin::dicom
