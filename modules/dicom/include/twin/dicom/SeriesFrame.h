#pragma once
// One 2D image of a series as the loader sees it: which file (and which frame of a
// multi-frame file) it comes from and where it lies in the patient (LPS, mm). Read from the
// classic Image Plane module or, for enhanced multi-frame objects, from the shared and
// per-frame functional groups.

#include <QString>
#include <QStringList>

#include <array>

namespace twin::dicom {

struct SeriesFrame {
    QString file;
    int frameIndex = 0;  // 0-based frame within the file
    QString sopInstanceUid;
    QString seriesInstanceUid;
    QString studyInstanceUid;       // (0020,000D)
    QString frameOfReferenceUid;    // (0020,0052)
    QString modality;
    QString transferSyntaxUid;
    int rows = 0;
    int columns = 0;
    std::array<double, 3> imagePositionMm{0, 0, 0};          // (0020,0032)
    std::array<double, 6> imageOrientation{1, 0, 0, 0, 1, 0};  // (0020,0037) row, then column cosines
    std::array<double, 2> pixelSpacingMm{1, 1};                // (0028,0030) row spacing, column spacing
    bool hasPosition = false;
    bool hasOrientation = false;
    bool hasPixelSpacing = false;
    double sliceThicknessMm = 0.0;
    double rescaleSlope = 1.0;  // (0028,1053), from PixelValueTransformationSequence when enhanced
    double rescaleIntercept = 0.0;
    QString rescaleType;
    int instanceNumber = 0;
    int acquisitionNumber = 0;
    double echoTimeMs = 0.0;
    int echoNumber = 0;
    int temporalPosition = 0;  // TemporalPositionIdentifier / TemporalPositionIndex
    double triggerTimeMs = 0.0;
    QStringList imageType;  // (0008,0008) values, upper case
    bool enhanced = false;  // from an enhanced multi-frame object

    /// Row cosines x column cosines (unit length when the orientation is valid).
    std::array<double, 3> normal() const;
    /// Distance of the image position along normal().
    double positionAlongNormal() const;
    /// "file" or "file frame 3" (1-based, as DICOM numbers frames).
    QString describe() const;
};

}  // namespace twin::dicom
