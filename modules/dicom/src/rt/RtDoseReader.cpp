#include "twin/dicom/RtDoseReader.h"

#include "RtDataset.h"

#include "twin/dicom/DicomCodecs.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <cmath>

namespace twin::dicom {

namespace {

constexpr std::uint64_t kMaxVoxels = std::uint64_t(1) << 28;  // 268 M voxels, 1 GiB of floats

double dot(const std::array<double, 3> &a, const std::array<double, 3> &b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

}  // namespace

core::Result<RtDoseGrid> RtDoseReader::read(const QString &path) {
    DicomCodecs::registerDecodersOnce();
    auto loaded = rt::loadDataset(path);
    if (!loaded) return loaded.error();
    DcmDataset &data = *loaded.value()->getDataset();

    RtDoseGrid grid;
    // A readable SOP class other than RT Dose is refused (stored as UN it reads as hex: not checked).
    const QString sopClass = rt::stringOf(data, DCM_SOPClassUID);
    if (sopClass.contains(QLatin1Char('.')) && !sopClass.contains(QLatin1Char('\\')) &&
        sopClass != QLatin1String("1.2.840.10008.5.1.4.1.1.481.2"))
        return rt::fault(path, DCM_SOPClassUID, QStringLiteral("not an RT Dose (SOP class %1)").arg(sopClass));
    const auto rows = rt::integerOf(data, DCM_Rows);
    const auto columns = rt::integerOf(data, DCM_Columns);
    if (!rows || *rows <= 0) return rt::fault(path, DCM_Rows, QStringLiteral("missing or not positive"));
    if (!columns || *columns <= 0) return rt::fault(path, DCM_Columns, QStringLiteral("missing or not positive"));
    long frames = 1;
    if (data.tagExists(DCM_NumberOfFrames)) {
        const auto n = rt::integerOf(data, DCM_NumberOfFrames);
        if (!n || *n <= 0) return rt::fault(path, DCM_NumberOfFrames, QStringLiteral("not a positive integer"));
        frames = *n;
    }
    const auto bitsAllocated = rt::integerOf(data, DCM_BitsAllocated);
    if (!bitsAllocated || (*bitsAllocated != 16 && *bitsAllocated != 32))
        return core::Error::unsupported(QStringLiteral("BitsAllocated must be 16 or 32 for RT Dose, not %1")
                                            .arg(bitsAllocated ? QString::number(*bitsAllocated) : QStringLiteral("(missing)")))
            .inFile(path).atTag(rt::tagName(DCM_BitsAllocated));
    const bool isSigned = rt::integerOf(data, DCM_PixelRepresentation).value_or(0) == 1;
    if (rt::integerOf(data, DCM_SamplesPerPixel).value_or(1) != 1)
        return rt::fault(path, DCM_SamplesPerPixel, QStringLiteral("RT Dose must have one sample per pixel"));
    const std::uint64_t voxels = std::uint64_t(*rows) * std::uint64_t(*columns) * std::uint64_t(frames);
    if (voxels > kMaxVoxels)
        return rt::fault(path, DCM_NumberOfFrames, QStringLiteral("%1 x %2 x %3 voxels exceed the limit of %4")
                                                       .arg(*columns).arg(*rows).arg(frames).arg(kMaxVoxels));

    const std::vector<double> position = rt::numbersOf(data, DCM_ImagePositionPatient);
    if (position.size() != 3) return rt::fault(path, DCM_ImagePositionPatient, QStringLiteral("missing or not 3 values"));
    const std::vector<double> orientation = rt::numbersOf(data, DCM_ImageOrientationPatient);
    if (orientation.size() != 6) return rt::fault(path, DCM_ImageOrientationPatient, QStringLiteral("missing or not 6 values"));
    const std::vector<double> spacing = rt::numbersOf(data, DCM_PixelSpacing);
    if (spacing.size() != 2 || !(spacing[0] > 0.0) || !(spacing[1] > 0.0))
        return rt::fault(path, DCM_PixelSpacing, QStringLiteral("missing or not 2 positive values"));
    const auto scaling = rt::numberOf(data, DCM_DoseGridScaling);
    if (!scaling || !std::isfinite(*scaling) || *scaling <= 0.0)
        return rt::fault(path, DCM_DoseGridScaling, QStringLiteral("missing or not a positive number"));
    grid.gridScaling = *scaling;

    core::VolumeGeometry g;
    g.dimensions = {static_cast<int>(*columns), static_cast<int>(*rows), static_cast<int>(frames)};
    g.spacingMm = {spacing[1], spacing[0], 1.0};  // PixelSpacing is row spacing \ column spacing
    g.originMm = {position[0], position[1], position[2]};
    std::array<double, 3> r{orientation[0], orientation[1], orientation[2]};
    std::array<double, 3> c{orientation[3], orientation[4], orientation[5]};
    const double rn = std::sqrt(dot(r, r)), cn = std::sqrt(dot(c, c));
    if (!(rn > 0.5) || !(cn > 0.5) || std::fabs(dot(r, c)) > 1e-3 * rn * cn)
        return rt::fault(path, DCM_ImageOrientationPatient, QStringLiteral("not two orthogonal direction cosines"));
    for (int a = 0; a < 3; ++a) {
        r[a] /= rn;
        c[a] /= cn;
    }
    const std::array<double, 3> n{r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
    g.rowDirection = r;
    g.columnDirection = c;
    g.sliceDirection = n;

    if (frames > 1) {
        std::vector<double> offsets = rt::numbersOf(data, DCM_GridFrameOffsetVector);
        if (offsets.size() != static_cast<std::size_t>(frames))
            return rt::fault(path, DCM_GridFrameOffsetVector,
                             QStringLiteral("%1 values for %2 frames").arg(offsets.size()).arg(frames));
        const double first = offsets.front();
        if (first != 0.0) {
            // Absolute form: the first value is the first frame's coordinate along the normal.
            const double ippAlongNormal = dot(std::array<double, 3>{position[0], position[1], position[2]}, n);
            if (std::fabs(first - ippAlongNormal) > 0.01 && std::fabs(first - position[2]) > 0.01)
                grid.warnings << QStringLiteral("%1: first value %2 is neither 0 (relative) nor the Image Position along "
                                                "the normal (%3); read as absolute")
                                     .arg(rt::tagName(DCM_GridFrameOffsetVector))
                                     .arg(first)
                                     .arg(ippAlongNormal);
            for (double &o : offsets) o -= first;
        }
        const double step = offsets[1] - offsets[0];
        if (!(std::fabs(step) > 1e-6))
            return rt::fault(path, DCM_GridFrameOffsetVector, QStringLiteral("zero spacing between the first frames"));
        for (std::size_t k = 1; k < offsets.size(); ++k)
            if (std::fabs((offsets[k] - offsets[k - 1]) - step) > 0.01 * std::fabs(step) + 1e-4)
                return core::Error::unsupported(QStringLiteral("non-uniform frame spacing (%1 mm then %2 mm at frame %3)")
                                                    .arg(step)
                                                    .arg(offsets[k] - offsets[k - 1])
                                                    .arg(k))
                    .inFile(path).atTag(rt::tagName(DCM_GridFrameOffsetVector));
        g.spacingMm[2] = std::fabs(step);
        if (step < 0.0) g.sliceDirection = {-n[0], -n[1], -n[2]};
    } else if (const auto thickness = rt::numberOf(data, DCM_SliceThickness); thickness && *thickness > 0.0) {
        g.spacingMm[2] = *thickness;
    }

    // Pixel data: decompress if needed (RLE ...), then read in the local byte order.
    DcmXfer original(data.getOriginalXfer());
    if (original.isEncapsulated()) {
        const QString uid = QString::fromLatin1(original.getXferID());
        if (!DicomCodecs::canDecode(uid) || DicomCodecs::isJpeg2000(uid))
            return core::Error::unsupported(QStringLiteral("transfer syntax %1 is not supported for RT Dose").arg(uid))
                .inFile(path).atTag(QStringLiteral("(0002,0010) TransferSyntaxUID"));
        if (data.chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad() ||
            !data.canWriteXfer(EXS_LittleEndianExplicit))
            return rt::fault(path, DCM_PixelData, QStringLiteral("compressed pixel data could not be decoded"));
    }
    DcmElement *element = nullptr;
    if (data.findAndGetElement(DCM_PixelData, element).bad() || !element)
        return rt::fault(path, DCM_PixelData, QStringLiteral("missing"));
    const std::uint64_t bytesPerVoxel = static_cast<std::uint64_t>(*bitsAllocated / 8);
    if (std::uint64_t(element->getLength()) < voxels * bytesPerVoxel)
        return rt::fault(path, DCM_PixelData, QStringLiteral("%1 bytes, %2 needed for %3 x %4 x %5 x %6 bit")
                                                  .arg(element->getLength())
                                                  .arg(voxels * bytesPerVoxel)
                                                  .arg(*columns).arg(*rows).arg(frames).arg(*bitsAllocated));
    grid.doseGy = core::FloatVolume(g);
    std::vector<float> &out = grid.doseGy.values();
    if (*bitsAllocated == 16) {
        Uint16 *words = nullptr;
        if (element->getUint16Array(words).bad() || !words)
            return rt::fault(path, DCM_PixelData, QStringLiteral("not readable as 16-bit words"));
        for (std::uint64_t v = 0; v < voxels; ++v)
            out[v] = static_cast<float>((isSigned ? double(static_cast<Sint16>(words[v])) : double(words[v])) * *scaling);
    } else {
        Uint32 *words = nullptr;
        std::vector<Uint32> combined;
        if (element->getUint32Array(words).bad() || !words) {
            // OW pixel data holding 32-bit values: DCMTK gives 16-bit words in local order.
            Uint16 *halves = nullptr;
            if (element->getUint16Array(halves).bad() || !halves)
                return rt::fault(path, DCM_PixelData, QStringLiteral("not readable as 32-bit values"));
            const bool bigEndian = original.getByteOrder() == EBO_BigEndian;
            combined.resize(voxels);
            for (std::uint64_t v = 0; v < voxels; ++v)
                combined[v] = bigEndian ? (Uint32(halves[2 * v]) << 16) | halves[2 * v + 1]
                                        : (Uint32(halves[2 * v + 1]) << 16) | halves[2 * v];
            words = combined.data();
        }
        for (std::uint64_t v = 0; v < voxels; ++v)
            out[v] = static_cast<float>((isSigned ? double(static_cast<Sint32>(words[v])) : double(words[v])) * *scaling);
    }

    grid.doseUnits = rt::stringOf(data, DCM_DoseUnits).toUpper();
    grid.doseType = rt::stringOf(data, DCM_DoseType).toUpper();
    grid.summationType = rt::stringOf(data, DCM_DoseSummationType).toUpper();
    grid.frameOfReferenceUid = rt::stringOf(data, DCM_FrameOfReferenceUID);
    if (grid.doseUnits.isEmpty())
        grid.warnings << QStringLiteral("%1 missing; values assumed to be Gy").arg(rt::tagName(DCM_DoseUnits));
    else if (grid.doseUnits != QLatin1String("GY"))
        grid.warnings << QStringLiteral("%1 is %2: values are not in Gy").arg(rt::tagName(DCM_DoseUnits), grid.doseUnits);
    for (DcmItem *plan : rt::itemsOf(data, DCM_ReferencedRTPlanSequence)) {
        if (grid.referencedPlanUid.isEmpty()) grid.referencedPlanUid = rt::stringOf(*plan, DCM_ReferencedSOPInstanceUID);
        for (DcmItem *fraction : rt::itemsOf(*plan, DCM_ReferencedFractionGroupSequence))
            for (DcmItem *beam : rt::itemsOf(*fraction, DCM_ReferencedBeamSequence))
                if (const auto number = rt::integerOf(*beam, DCM_ReferencedBeamNumber)) grid.referencedBeamNumbers << int(*number);
    }
    return grid;
}

}  // namespace twin::dicom
