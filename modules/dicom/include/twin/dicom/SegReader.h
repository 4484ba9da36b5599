#pragma once
// DICOM Segmentation (SEG) objects: SegReader reads the segments (number, label, description,
// algorithm, recommended CIELab colour as sRGB, category/type codes) and the frames (which
// segment, where in the patient, which source image) with their unpacked pixels; SegRasterizer
// maps the frames onto a reference grid (the CT's) or onto a grid built from the frames.
//
// Supported: BINARY (1-bit packed, bits running on across frames), FRACTIONAL (8-bit,
// 0..MaximumFractionalValue; PROBABILITY or OCCUPANCY), and LABELMAP (8/16-bit, pixel value =
// segment number). Frames may cover only some slices (sparse), and segments may overlap: every
// segment gets its own mask, never a shared multi-label map.
//
// The dataset is read directly with DCMTK (file-based, bounded, see RELIABILITY.md); the pixel
// data is checked against Rows x Columns x NumberOfFrames x BitsAllocated before any
// allocation. Errors name the file and the tag at fault.

#include "twin/core/FloatVolume.h"
#include "twin/core/LabelMap.h"
#include "twin/core/Result.h"
#include "twin/core/VolumeGeometry.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace twin::dicom {

/// DICOM scaled CIELab (L 0..65535 for 0..100, a and b 0..65535 for -128..127; D65) -> sRGB
/// 0..255, clamped to the sRGB gamut (PS3.3 C.10.7.1.1).
std::array<int, 3> dicomLabToRgb(const std::array<int, 3> &scaledLab);

struct SegSegment {
    int number = 0;                 // (0062,0004) SegmentNumber
    QString label;                  // (0062,0005) SegmentLabel
    QString description;            // (0062,0006) SegmentDescription
    QString algorithmType;          // (0062,0008) AUTOMATIC, SEMIAUTOMATIC or MANUAL
    QString algorithmName;          // (0062,0009)
    std::optional<std::array<int, 3>> cieLab;  // (0062,000D) RecommendedDisplayCIELabValue, as stored
    std::array<int, 3> rgb{255, 255, 255};     // from cieLab; white when absent
    bool hasColour = false;
    std::optional<core::CodedConcept> category;  // (0062,0003)
    std::optional<core::CodedConcept> type;      // (0062,000F)

    /// The label table entry (value 1) of this segment's mask.
    core::LabelInfo labelInfo(int value = 1) const;
};

struct SegFrame {
    int index = 0;          // 0-based frame number in the file
    int segmentNumber = 0;  // ReferencedSegmentNumber; 0 for LABELMAP (values are segment numbers;
                            // a LABELMAP may declare segment 0, its background, which then gets a mask too)
    std::array<double, 3> positionMm{0, 0, 0};  // PlanePositionSequence ImagePositionPatient
    bool hasPosition = false;
    QString referencedSopInstanceUid;  // DerivationImageSequence > SourceImageSequence (first)
};

struct SegDocument {
    enum class Type { Binary, Fractional, Labelmap };

    QString file;
    QString sopInstanceUid;
    QString studyInstanceUid;
    QString seriesInstanceUid;
    QString frameOfReferenceUid;
    Type type = Type::Binary;
    QString fractionalType;      // PROBABILITY or OCCUPANCY (FRACTIONAL only)
    int maxFractionalValue = 1;  // (0062,000E); 1 for BINARY, for LABELMAP the largest value
    std::optional<int> pixelPaddingValue;  // LABELMAP (0028,0120): pixels not in any segment
    int rows = 0;
    int columns = 0;
    std::array<double, 6> orientation{1, 0, 0, 0, 1, 0};  // shared PlaneOrientationSequence
    std::array<double, 2> pixelSpacingMm{1, 1};           // row spacing, column spacing
    double sliceThicknessMm = 0.0;
    double spacingBetweenSlicesMm = 0.0;
    bool hasOrientation = false;
    bool hasPixelSpacing = false;
    QList<SegSegment> segments;
    QList<SegFrame> frames;
    QStringList referencedSeriesUids;        // (0008,1115) ReferencedSeriesSequence
    QStringList referencedSopInstanceUids;   // in that sequence and the frames
    std::vector<std::uint16_t> pixels;  // frames x rows x columns, unpacked (0/1, 0..max, or labels)
    QStringList warnings;               // non-fatal problems found while reading

    const std::uint16_t *framePixels(int frame) const {
        return pixels.data() + std::size_t(frame) * std::size_t(rows) * std::size_t(columns);
    }
    const SegSegment *segment(int number) const {
        for (const SegSegment &s : segments)
            if (s.number == number) return &s;
        return nullptr;
    }
};

class SegReader {
public:
    /// Errors name the file and, where one is at fault, the tag.
    static core::Result<SegDocument> read(const QString &path);
};

/// The image a SEG is mapped onto.
struct SegReferenceImage {
    core::VolumeGeometry geometry;
    QString frameOfReferenceUid;  // empty: not checked
    QString seriesInstanceUid;    // empty: not checked
    QStringList sopInstanceUids;  // empty: not checked
};

struct SegSegmentMask {
    int segmentNumber = 0;
    core::LabelMap mask;        // one label, value 1: fraction >= 0.5 for FRACTIONAL
    core::FloatVolume fraction; // FRACTIONAL only (else empty): 0..1 per voxel
    int frameCount = 0;         // frames of this segment mapped onto the grid
};

struct SegRasterization {
    core::VolumeGeometry geometry;
    /// In the order of SegDocument::segments. A segment no frame maps onto keeps an unallocated
    /// mask (mask.volume.isEmpty(), with a warning); masks are allocated on first use, at most
    /// 2^30 voxels over all segments (the rest are warnings), so a SEG declaring thousands of
    /// segments cannot allocate thousands of reference volumes.
    QList<SegSegmentMask> masks;
    QStringList warnings;         // name the segment label

    const SegSegmentMask *maskByLabel(const QString &label) const {
        for (const SegSegmentMask &m : masks)
            if (!m.mask.labels.isEmpty() && m.mask.labels.front().name == label) return &m;
        return nullptr;
    }
};

class SegRasterizer {
public:
    /// Each frame goes to the reference slice its ImagePositionPatient lies on (within a quarter
    /// of the slice spacing); each frame pixel to the nearest voxel (frames need not share the
    /// reference's in-plane grid). Frames off the slices or outside the grid, a different frame
    /// of reference, unknown referenced series or instances are warnings.
    static SegRasterization rasterize(const SegDocument &seg, const SegReferenceImage &reference);
    /// Without a reference image: the grid is built from the frames (shared orientation and
    /// pixel spacing, slices from the frame positions along the normal, SpacingBetweenSlices or
    /// the smallest gap between distinct positions). Fails when the frames have no positions.
    static core::Result<SegRasterization> rasterize(const SegDocument &seg);
    static core::Result<core::VolumeGeometry> geometryFromFrames(const SegDocument &seg);
};

}  // namespace twin::dicom
