#pragma once
// Writes the planned dose as a multi-frame RT Dose (PS3.3 A.18): a 3 mm grid over the body
// within the CT's field of view, 16-bit unsigned pixels times DoseGridScaling = Gy, frames at
// GridFrameOffsetVector from ImagePositionPatient, DoseUnits GY, DoseType PHYSICAL,
// DoseSummationType PLAN, referencing the RT Plan.

#include "PhantomDoseModel.h"
#include "PhantomRecord.h"
#include "PhantomUids.h"

#include "twin/core/Result.h"
#include "twin/core/VolumeGeometry.h"

#include <vector>

namespace twin::phantom {

class DicomItemWriter;

class RtDoseWriter {
public:
    static constexpr double kGridSpacingMm = 3.0;

    RtDoseWriter(const PhantomRecord &record, const PhantomUids &uids, const PhantomAnatomy &anatomy,
                 const PhantomDoseModel &model, const core::VolumeGeometry &ctGeometry);

    core::Status write(const QString &path) const;

    /// The dose grid: the body's bounding box (plus 1 mm) clipped to the CT, kGridSpacingMm apart.
    const core::VolumeGeometry &grid() const { return grid_; }

private:
    void putDoseModule(DicomItemWriter &writer, double scalingGy) const;

    const PhantomRecord &record_;
    const PhantomUids &uids_;
    const PhantomDoseModel &model_;
    core::VolumeGeometry grid_;
};

}  // namespace twin::phantom
