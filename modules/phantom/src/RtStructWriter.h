#pragma once
// Writes the RT Structure Set (PS3.3 A.19): one ROI per phantom structure (ROI number = label),
// outlined on every CT slice the structure crosses by a CLOSED_PLANAR polygon on the analytic
// ellipse, each contour referencing its CT image; the referenced frame of reference lists the
// whole CT series; RT ROI Observations give the interpreted type.

#include "PhantomAnatomy.h"
#include "PhantomRecord.h"
#include "PhantomUids.h"

#include "twin/core/Result.h"
#include "twin/core/VolumeGeometry.h"

#include <QStringList>

namespace twin::phantom {

class DicomItemWriter;

class RtStructWriter {
public:
    RtStructWriter(const PhantomRecord &record, const PhantomUids &uids, const PhantomAnatomy &anatomy,
                   const core::VolumeGeometry &ctGeometry);

    core::Status write(const QString &path) const;

    /// The polygon (x0, y0, z, x1, y1, z, ...) on an ellipse: about one vertex per 3 mm.
    static QStringList contourData(const EllipseSection &ellipse, double z);

private:
    void putStructureSet(DicomItemWriter &writer) const;
    void putRoiContours(DicomItemWriter &writer) const;

    const PhantomRecord &record_;
    const PhantomUids &uids_;
    const PhantomAnatomy &anatomy_;
    core::VolumeGeometry ct_;
};

}  // namespace twin::phantom
