#pragma once
// RT structure contours -> one binary mask per ROI on a reference image grid (the CT's).
//
// Each CLOSED_PLANAR contour goes to the image slice nearest to it along the slice normal;
// all contours of a ROI on one slice are filled together with the even-odd rule (holes and
// islands), a voxel belonging when its centre is inside. ROIs overlap in general (External
// contains the organs), so every ROI gets its own LabelMap (value 1 = inside), never a shared
// multi-label map. Problems are warnings naming the ROI and the tag: frame of reference
// differing from the image's, ROI without contours, unsupported geometric type, contours off
// the image slices or outside the grid, referenced images absent from the given series.

#include "twin/core/LabelMap.h"
#include "twin/core/VolumeGeometry.h"
#include "twin/dicom/RtStructureSet.h"

#include <QList>
#include <QStringList>

namespace twin::dicom {

struct RtImageReference {
    core::VolumeGeometry geometry;
    QString frameOfReferenceUid;    // empty: not checked
    QStringList sopInstanceUids;    // empty: references not checked
};

struct RtRoiMask {
    int roiNumber = 0;
    core::LabelMap mask;  // one label, value 1, named and coloured like the ROI
};

struct RtStructRasterization {
    QList<RtRoiMask> masks;  // in the order of RtStructureSet::rois (ROIs with no contour included, empty mask)
    QStringList warnings;

    const RtRoiMask *maskByName(const QString &name) const {
        for (const RtRoiMask &m : masks)
            if (!m.mask.labels.isEmpty() && m.mask.labels.front().name == name) return &m;
        return nullptr;
    }
};

class RtStructRasterizer {
public:
    static RtStructRasterization rasterize(const RtStructureSet &set, const RtImageReference &image);
    /// Fills the closed polygons (continuous in-plane voxel indices, i then j) into a slice of
    /// `columns` x `rows` bytes with the even-odd rule and pixel-centre inclusion.
    static void fillEvenOdd(const QList<std::vector<std::array<double, 2>>> &polygons, int columns, int rows,
                            std::vector<unsigned char> &slice);
};

}  // namespace twin::dicom
