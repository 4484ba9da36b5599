#pragma once
// An RT Structure Set as read from its file: ROIs with their planar contours in patient
// coordinates (LPS mm). Produced by RtStructReader, turned into masks by RtStructRasterizer.

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <vector>

namespace twin::dicom {

struct RtContour {
    QString geometricType;  // (3006,0042): CLOSED_PLANAR, POINT, OPEN_PLANAR, OPEN_NONPLANAR
    std::vector<std::array<double, 3>> pointsMm;  // (3006,0050) ContourData, LPS mm
    QStringList referencedSopInstanceUids;        // (3006,0016) ContourImageSequence
};

struct RtRoi {
    int number = 0;                  // (3006,0022) ROINumber
    QString name;                    // (3006,0026) ROIName
    QString frameOfReferenceUid;     // (3006,0024) ReferencedFrameOfReferenceUID
    QString interpretedType;         // (3006,00A4) RTROIInterpretedType, empty if none
    std::array<int, 3> rgb{255, 255, 255};
    bool hasColour = false;          // (3006,002A) ROIDisplayColor present and valid
    QList<RtContour> contours;       // from the ROIContourSequence item of this ROI
};

struct RtStructureSet {
    QString path;
    QString sopInstanceUid;
    QString label;                        // (3006,0002) StructureSetLabel
    QString frameOfReferenceUid;          // first ReferencedFrameOfReferenceSequence item
    QStringList referencedSopInstanceUids;  // every image the set says it was drawn on
    QList<RtRoi> rois;
    QStringList warnings;                 // non-fatal problems, each naming ROI and tag

    const RtRoi *roiByName(const QString &name) const {
        for (const RtRoi &roi : rois)
            if (roi.name == name) return &roi;
        return nullptr;
    }
};

}  // namespace twin::dicom
