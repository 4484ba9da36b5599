#pragma once
// Writes the CT as one CT Image Storage file per slice (PS3.3 A.3): Patient, General Study,
// Patient Study, General Series, Frame of Reference, General Equipment, General Image, Image
// Plane, Image Pixel, CT Image, VOI LUT and SOP Common. Pixels are signed 16-bit stored
// values, HU = stored - 1024 (RescaleIntercept -1024), so readers must apply the rescale.

#include "PhantomRecord.h"
#include "PhantomUids.h"

#include "twin/core/Result.h"
#include "twin/core/ScalarVolume.h"

namespace twin::phantom {

class CtSeriesWriter {
public:
    static constexpr int kRescaleIntercept = -1024;

    CtSeriesWriter(const PhantomRecord &record, const PhantomUids &uids);

    /// Slice k of `ct` (HU, axis-aligned geometry) to `path`.
    core::Status writeSlice(const core::ScalarVolume &ct, int k, const QString &path) const;

private:
    const PhantomRecord &record_;
    const PhantomUids &uids_;
};

}  // namespace twin::phantom
