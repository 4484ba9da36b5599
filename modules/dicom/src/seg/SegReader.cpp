#include "twin/dicom/SegReader.h"

#include "../rt/RtDataset.h"
#include "twin/dicom/DicomCodecs.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcelem.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace twin::dicom {

namespace {

constexpr long long kMaxPixels = 1LL << 28;  // frames x rows x columns we agree to unpack
constexpr long kMaxFrames = 100000;

const DcmTagKey kSegmentationType(0x0062, 0x0001);
const DcmTagKey kSegmentSequence(0x0062, 0x0002);
const DcmTagKey kCategoryCodes(0x0062, 0x0003);
const DcmTagKey kSegmentNumber(0x0062, 0x0004);
const DcmTagKey kSegmentLabel(0x0062, 0x0005);
const DcmTagKey kSegmentDescription(0x0062, 0x0006);
const DcmTagKey kAlgorithmType(0x0062, 0x0008);
const DcmTagKey kAlgorithmName(0x0062, 0x0009);
const DcmTagKey kSegmentIdentification(0x0062, 0x000A);
const DcmTagKey kReferencedSegmentNumber(0x0062, 0x000B);
const DcmTagKey kCieLab(0x0062, 0x000D);
const DcmTagKey kMaxFractional(0x0062, 0x000E);
const DcmTagKey kTypeCodes(0x0062, 0x000F);
const DcmTagKey kFractionalType(0x0062, 0x0010);
const DcmTagKey kSharedGroups(0x5200, 0x9229);
const DcmTagKey kPerFrameGroups(0x5200, 0x9230);
const DcmTagKey kPlanePosition(0x0020, 0x9113);
const DcmTagKey kPlaneOrientation(0x0020, 0x9116);
const DcmTagKey kPixelMeasures(0x0028, 0x9110);
const DcmTagKey kDerivationImage(0x0008, 0x9124);

DcmItem *firstItem(DcmItem *item, const DcmTagKey &key) {
    if (!item) return nullptr;
    const auto items = rt::itemsOf(*item, key);
    return items.empty() ? nullptr : items.front();
}

/// Per-frame functional group first, then the shared one.
DcmItem *group(DcmItem *perFrame, DcmItem *shared, const DcmTagKey &key) {
    if (DcmItem *item = firstItem(perFrame, key)) return item;
    return firstItem(shared, key);
}

std::optional<core::CodedConcept> codeOf(DcmItem &item, const DcmTagKey &key) {
    DcmItem *code = firstItem(&item, key);
    if (!code) return std::nullopt;
    core::CodedConcept concept_;
    concept_.value = rt::stringOf(*code, DCM_CodeValue);
    if (concept_.value.isEmpty()) concept_.value = rt::stringOf(*code, DCM_LongCodeValue);
    if (concept_.value.isEmpty()) concept_.value = rt::stringOf(*code, DCM_URNCodeValue);
    concept_.scheme = rt::stringOf(*code, DCM_CodingSchemeDesignator);
    concept_.meaning = rt::stringOf(*code, DCM_CodeMeaning);
    if (concept_.isEmpty()) return std::nullopt;
    return concept_;
}

template <std::size_t N>
bool fixedNumbers(DcmItem *item, const DcmTagKey &key, std::array<double, N> &out) {
    if (!item) return false;
    const std::vector<double> values = rt::numbersOf(*item, key);
    if (values.size() < N) return false;
    for (std::size_t i = 0; i < N; ++i)
        if (!std::isfinite(values[i])) return false;
    std::copy_n(values.begin(), N, out.begin());
    return true;
}

bool normalise(std::array<double, 6> &o) {
    double r = 0, c = 0, dot = 0;
    for (int a = 0; a < 3; ++a) {
        r += o[a] * o[a];
        c += o[a + 3] * o[a + 3];
        dot += o[a] * o[a + 3];
    }
    r = std::sqrt(r);
    c = std::sqrt(c);
    if (!(r > 1e-6) || !(c > 1e-6) || std::fabs(dot / (r * c)) > 1e-3) return false;
    for (int a = 0; a < 3; ++a) {
        o[a] /= r;
        o[a + 3] /= c;
    }
    return true;
}

double srgbGamma(double linear) {
    linear = std::clamp(linear, 0.0, 1.0);
    return linear <= 0.0031308 ? 12.92 * linear : 1.055 * std::pow(linear, 1.0 / 2.4) - 0.055;
}

core::Result<SegSegment> readSegment(const QString &path, DcmItem &item, int position, bool labelmap) {
    SegSegment s;
    const auto number = rt::integerOf(item, kSegmentNumber);
    const int lowest = labelmap ? 0 : 1;  // a LABELMAP may declare its background as segment 0
    if (!number || *number < lowest || *number > 65535)
        return rt::fault(path, kSegmentNumber, QStringLiteral("SegmentSequence item %1: SegmentNumber missing or not %2..65535")
                                                   .arg(position + 1).arg(lowest));
    s.number = int(*number);
    s.label = rt::stringOf(item, kSegmentLabel);
    if (s.label.isEmpty()) s.label = QStringLiteral("Segment %1").arg(s.number);
    s.description = rt::stringOf(item, kSegmentDescription);
    s.algorithmType = rt::stringOf(item, kAlgorithmType).toUpper();
    s.algorithmName = rt::stringOf(item, kAlgorithmName);
    s.category = codeOf(item, kCategoryCodes);
    s.type = codeOf(item, kTypeCodes);
    const std::vector<double> lab = rt::numbersOf(item, kCieLab);
    if (lab.size() == 3 && std::all_of(lab.begin(), lab.end(), [](double v) { return v >= 0 && v <= 65535; })) {
        s.cieLab = std::array<int, 3>{int(lab[0]), int(lab[1]), int(lab[2])};
        s.rgb = dicomLabToRgb(*s.cieLab);
        s.hasColour = true;
    }
    return s;
}

}  // namespace

std::array<int, 3> dicomLabToRgb(const std::array<int, 3> &scaledLab) {
    const double L = std::clamp(scaledLab[0], 0, 65535) * 100.0 / 65535.0;
    const double a = std::clamp(scaledLab[1], 0, 65535) * 255.0 / 65535.0 - 128.0;
    const double b = std::clamp(scaledLab[2], 0, 65535) * 255.0 / 65535.0 - 128.0;
    // CIELab -> XYZ, D65 reference white.
    const double fy = (L + 16.0) / 116.0, fx = fy + a / 500.0, fz = fy - b / 200.0;
    constexpr double delta = 6.0 / 29.0;
    auto inverse = [](double t) { return t > delta ? t * t * t : 3.0 * delta * delta * (t - 4.0 / 29.0); };
    const double X = 0.95047 * inverse(fx), Y = 1.0 * inverse(fy), Z = 1.08883 * inverse(fz);
    // XYZ -> linear sRGB -> sRGB.
    const double r = 3.2404542 * X - 1.5371385 * Y - 0.4985314 * Z;
    const double g = -0.9692660 * X + 1.8760108 * Y + 0.0415560 * Z;
    const double bl = 0.0556434 * X - 0.2040259 * Y + 1.0572252 * Z;
    return {int(std::lround(srgbGamma(r) * 255.0)), int(std::lround(srgbGamma(g) * 255.0)),
            int(std::lround(srgbGamma(bl) * 255.0))};
}

core::LabelInfo SegSegment::labelInfo(int value) const {
    core::LabelInfo info;
    info.value = value;
    info.name = label;
    info.rgb = rgb;
    info.hasColour = hasColour;
    info.category = category;
    info.type = type;
    return info;
}

core::Result<SegDocument> SegReader::read(const QString &path) {
    auto loaded = rt::loadDataset(path);
    if (!loaded) return loaded.error();
    DcmDataset &data = *loaded.value()->getDataset();

    SegDocument seg;
    seg.file = path;
    const QString modality = rt::stringOf(data, DCM_Modality);
    const QString sopClass = rt::stringOf(data, DCM_SOPClassUID);
    if (modality != QLatin1String("SEG") && !sopClass.startsWith(QLatin1String("1.2.840.10008.5.1.4.1.1.66.")))
        return rt::fault(path, DCM_Modality, QStringLiteral("not a DICOM Segmentation (Modality \"%1\")").arg(modality));
    seg.sopInstanceUid = rt::stringOf(data, DCM_SOPInstanceUID);
    seg.studyInstanceUid = rt::stringOf(data, DCM_StudyInstanceUID);
    seg.seriesInstanceUid = rt::stringOf(data, DCM_SeriesInstanceUID);
    seg.frameOfReferenceUid = rt::stringOf(data, DCM_FrameOfReferenceUID);

    const QString type = rt::stringOf(data, kSegmentationType).toUpper();
    if (type == QLatin1String("BINARY")) seg.type = SegDocument::Type::Binary;
    else if (type == QLatin1String("FRACTIONAL")) seg.type = SegDocument::Type::Fractional;
    else if (type == QLatin1String("LABELMAP")) seg.type = SegDocument::Type::Labelmap;
    else return rt::fault(path, kSegmentationType, QStringLiteral("unknown SegmentationType \"%1\"").arg(type));

    // Segments.
    QSet<int> numbers;
    const auto segmentItems = rt::itemsOf(data, kSegmentSequence);
    if (segmentItems.empty()) return rt::fault(path, kSegmentSequence, QStringLiteral("no segments"));
    for (std::size_t n = 0; n < segmentItems.size(); ++n) {
        auto segment = readSegment(path, *segmentItems[n], int(n), seg.type == SegDocument::Type::Labelmap);
        if (!segment) return segment.error();
        if (numbers.contains(segment.value().number))
            return rt::fault(path, kSegmentNumber, QStringLiteral("SegmentNumber %1 appears twice").arg(segment.value().number));
        numbers << segment.value().number;
        seg.segments << segment.value();
    }

    // Image pixel module.
    const auto rows = rt::integerOf(data, DCM_Rows), columns = rt::integerOf(data, DCM_Columns);
    if (!rows || *rows < 1 || *rows > 65535) return rt::fault(path, DCM_Rows, QStringLiteral("missing or not 1..65535"));
    if (!columns || *columns < 1 || *columns > 65535) return rt::fault(path, DCM_Columns, QStringLiteral("missing or not 1..65535"));
    seg.rows = int(*rows);
    seg.columns = int(*columns);
    long frames = 1;
    if (data.tagExists(DCM_NumberOfFrames)) {
        const auto value = rt::integerOf(data, DCM_NumberOfFrames);
        if (!value || *value < 1 || *value > kMaxFrames)
            return rt::fault(path, DCM_NumberOfFrames, QStringLiteral("must be 1 to %1, not \"%2\"")
                                                           .arg(kMaxFrames).arg(rt::stringOf(data, DCM_NumberOfFrames)));
        frames = *value;
    }
    const auto samples = rt::integerOf(data, DCM_SamplesPerPixel);
    if (samples && *samples != 1)
        return rt::fault(path, DCM_SamplesPerPixel, QStringLiteral("%1 samples per pixel; a SEG has 1").arg(*samples));
    const auto bits = rt::integerOf(data, DCM_BitsAllocated);
    if (!bits) return rt::fault(path, DCM_BitsAllocated, QStringLiteral("missing"));
    const bool bitsOk = seg.type == SegDocument::Type::Binary ? (*bits == 1 || *bits == 8)
                        : seg.type == SegDocument::Type::Fractional ? *bits == 8
                                                                    : (*bits == 8 || *bits == 16);
    if (!bitsOk)
        return rt::fault(path, DCM_BitsAllocated, QStringLiteral("%1 bits do not fit SegmentationType %2").arg(*bits).arg(type));
    if (seg.type == SegDocument::Type::Fractional) {
        const auto max = rt::integerOf(data, kMaxFractional);
        if (!max || *max < 1 || *max > 255)
            return rt::fault(path, kMaxFractional, QStringLiteral("missing or not 1..255 for a FRACTIONAL segmentation"));
        seg.maxFractionalValue = int(*max);
        seg.fractionalType = rt::stringOf(data, kFractionalType).toUpper();
    }

    // Functional groups: orientation and pixel measures shared (else the first frame's, else
    // the top level), positions per frame.
    DcmItem *shared = firstItem(&data, kSharedGroups);
    const auto perFrame = rt::itemsOf(data, kPerFrameGroups);
    if (!perFrame.empty() && long(perFrame.size()) != frames)
        return rt::fault(path, kPerFrameGroups, QStringLiteral("%1 items for %2 frames").arg(perFrame.size()).arg(frames));
    DcmItem *firstFrame = perFrame.empty() ? nullptr : perFrame.front();
    DcmItem *orientation = group(firstFrame, shared, kPlaneOrientation);
    seg.hasOrientation = fixedNumbers(orientation ? orientation : &data, DCM_ImageOrientationPatient, seg.orientation) &&
                         normalise(seg.orientation);
    if (!seg.hasOrientation) {
        seg.orientation = {1, 0, 0, 0, 1, 0};
        if (orientation || data.tagExists(DCM_ImageOrientationPatient))
            seg.warnings << QStringLiteral("(0020,0037) ImageOrientationPatient is not a valid orientation; frames are "
                                           "taken as axial");
    }
    DcmItem *measures = group(firstFrame, shared, kPixelMeasures);
    seg.hasPixelSpacing = fixedNumbers(measures ? measures : &data, DCM_PixelSpacing, seg.pixelSpacingMm) &&
                          seg.pixelSpacingMm[0] > 0 && seg.pixelSpacingMm[1] > 0;
    if (!seg.hasPixelSpacing) seg.pixelSpacingMm = {1, 1};
    DcmItem *measureSource = measures ? measures : &data;
    if (const auto t = rt::numberOf(*measureSource, DCM_SliceThickness); t && *t > 0 && std::isfinite(*t)) seg.sliceThicknessMm = *t;
    if (const auto s = rt::numberOf(*measureSource, DCM_SpacingBetweenSlices); s && *s > 0 && std::isfinite(*s))
        seg.spacingBetweenSlicesMm = *s;

    for (long f = 0; f < frames; ++f) {
        DcmItem *item = perFrame.empty() ? nullptr : perFrame[std::size_t(f)];
        SegFrame frame;
        frame.index = int(f);
        if (DcmItem *position = group(item, shared, kPlanePosition))
            frame.hasPosition = fixedNumbers(position, DCM_ImagePositionPatient, frame.positionMm);
        if (seg.type != SegDocument::Type::Labelmap) {
            DcmItem *identification = group(item, shared, kSegmentIdentification);
            const auto number = identification ? rt::integerOf(*identification, kReferencedSegmentNumber) : std::nullopt;
            if (!number)
                return rt::fault(path, kReferencedSegmentNumber, QStringLiteral("frame %1 names no segment").arg(f + 1));
            frame.segmentNumber = int(*number);
            if (!numbers.contains(frame.segmentNumber))
                seg.warnings << QStringLiteral("frame %1: (0062,000B) ReferencedSegmentNumber %2 is not in the SegmentSequence; "
                                               "frame ignored").arg(f + 1).arg(frame.segmentNumber);
        }
        if (DcmItem *derivation = firstItem(item, kDerivationImage))
            if (DcmItem *source = firstItem(derivation, DCM_SourceImageSequence))
                frame.referencedSopInstanceUid = rt::stringOf(*source, DCM_ReferencedSOPInstanceUID);
        seg.frames << frame;
    }

    // References.
    QSet<QString> referenced;
    for (DcmItem *series : rt::itemsOf(data, DCM_ReferencedSeriesSequence)) {
        const QString uid = rt::stringOf(*series, DCM_SeriesInstanceUID);
        if (!uid.isEmpty() && !seg.referencedSeriesUids.contains(uid)) seg.referencedSeriesUids << uid;
        for (DcmItem *instance : rt::itemsOf(*series, DCM_ReferencedInstanceSequence)) {
            const QString sop = rt::stringOf(*instance, DCM_ReferencedSOPInstanceUID);
            if (!sop.isEmpty() && !referenced.contains(sop)) {
                referenced << sop;
                seg.referencedSopInstanceUids << sop;
            }
        }
    }
    for (const SegFrame &frame : seg.frames)
        if (!frame.referencedSopInstanceUid.isEmpty() && !referenced.contains(frame.referencedSopInstanceUid)) {
            referenced << frame.referencedSopInstanceUid;
            seg.referencedSopInstanceUids << frame.referencedSopInstanceUid;
        }

    // Pixel data, checked before anything is allocated.
    const long long pixelsPerFrame = (long long)seg.rows * seg.columns;
    const long long total = pixelsPerFrame * frames;
    if (total > kMaxPixels)
        return rt::fault(path, DCM_NumberOfFrames, QStringLiteral("%1 x %2 x %3 pixels exceed the limit of %4")
                                                       .arg(seg.columns).arg(seg.rows).arg(frames).arg(kMaxPixels));
    const long long expectedBytes = (total * *bits + 7) / 8;
    DcmXfer xfer(data.getOriginalXfer());
    if (!xfer.isEncapsulated() && expectedBytes > QFileInfo(path).size())
        return rt::fault(path, DCM_PixelData, QStringLiteral("%1 bytes of pixel data needed, the file has %2")
                                                  .arg(expectedBytes).arg(QFileInfo(path).size()));
    if (xfer.isEncapsulated()) {
        DicomCodecs::registerDecodersOnce();
        if (data.chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad() || !data.canWriteXfer(EXS_LittleEndianExplicit))
            return core::Error::unsupported(QStringLiteral("cannot decode transfer syntax %1").arg(QString::fromLatin1(xfer.getXferName())))
                .inFile(path)
                .atTag(QStringLiteral("(0002,0010) TransferSyntaxUID"));
    }
    DcmElement *pixelElement = nullptr;
    if (data.findAndGetElement(DCM_PixelData, pixelElement).bad() || !pixelElement)
        return rt::fault(path, DCM_PixelData, QStringLiteral("missing"));
    if ((long long)pixelElement->getLength() < expectedBytes)
        return rt::fault(path, DCM_PixelData, QStringLiteral("%1 bytes, %2 needed for %3 frames of %4 x %5 at %6 bits")
                                                  .arg(pixelElement->getLength()).arg(expectedBytes).arg(frames)
                                                  .arg(seg.columns).arg(seg.rows).arg(*bits));
    seg.pixels.assign(std::size_t(total), 0);
    if (*bits == 16) {
        Uint16 *words = nullptr;
        if (pixelElement->getUint16Array(words).bad() || !words)
            return rt::fault(path, DCM_PixelData, QStringLiteral("cannot read the pixel data"));
        std::copy_n(words, std::size_t(total), seg.pixels.begin());
    } else {
        Uint8 *bytes = nullptr;
        if (pixelElement->getUint8Array(bytes).bad() || !bytes)
            return rt::fault(path, DCM_PixelData, QStringLiteral("cannot read the pixel data"));
        if (*bits == 1) {
            // Bits run on across frames (a frame need not start on a byte boundary), LSB first.
            for (long long i = 0; i < total; ++i) seg.pixels[std::size_t(i)] = (bytes[i >> 3] >> (i & 7)) & 1;
        } else if (seg.type == SegDocument::Type::Binary) {
            for (long long i = 0; i < total; ++i) seg.pixels[std::size_t(i)] = bytes[i] ? 1 : 0;
        } else {
            std::copy_n(bytes, std::size_t(total), seg.pixels.begin());
        }
    }
    if (seg.type == SegDocument::Type::Fractional) {
        const auto above = std::count_if(seg.pixels.begin(), seg.pixels.end(), [&](std::uint16_t v) { return v > seg.maxFractionalValue; });
        if (above > 0)
            seg.warnings << QStringLiteral("(7FE0,0010) PixelData: %1 pixels above MaximumFractionalValue %2, taken as 1")
                                .arg(above).arg(seg.maxFractionalValue);
    }
    if (seg.type == SegDocument::Type::Labelmap) {
        if (const auto padding = rt::integerOf(data, DCM_PixelPaddingValue); padding && *padding >= 0 && *padding <= 65535)
            seg.pixelPaddingValue = int(*padding);
    }
    if (seg.type == SegDocument::Type::Labelmap)
        seg.maxFractionalValue = seg.pixels.empty() ? 0 : *std::max_element(seg.pixels.begin(), seg.pixels.end());
    return seg;
}

}  // namespace twin::dicom
