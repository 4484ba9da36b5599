#pragma once
// A volume (CT, labelmap) -> NRRD (.nrrd, .nhdr), MetaImage (.mha, .mhd) or NIfTI (.nii,
// .nii.gz) through ITK, chosen by the file name. Geometry is kept in ITK's LPS convention:
// origin, spacing and direction (columns = row, column and slice directions) are those of the
// VolumeGeometry; NIfTI stores RAS on disk and ITK converts both ways.
//
// Values: the stored int16 voxels are written as signed 16-bit integers. For CT (and every
// volume with the identity value mapping) they are the real values (HU). A volume carrying a
// value mapping (real = stored * scale + offset) is written as 32-bit float real values, so
// no reader needs the mapping. Written to a temporary name in the target folder, then renamed.

#include "twin/core/Result.h"
#include "twin/core/ScalarVolume.h"

#include <QString>

namespace twin::dicom {

class VolumeFileWriter {
public:
    /// True for the file names write() understands.
    static bool isSupported(const QString &path);
    static core::Status write(const QString &path, const core::ScalarVolume &volume);
};

}  // namespace twin::dicom
