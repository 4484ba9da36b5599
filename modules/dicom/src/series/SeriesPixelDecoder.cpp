#include "SeriesPixelDecoder.h"

#include "twin/dicom/DicomStructureGuard.h"
#include "EncapsulatedFrames.h"
#include "Jpeg2000Decoder.h"

#include "twin/dicom/DicomCodecs.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfcache.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcxfer.h>


#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace twin::dicom::series {

namespace {

struct PixelLayout {
    int rows = 0, columns = 0, frames = 1;
    int bitsAllocated = 0, bitsStored = 0, highBit = 0;
    bool isSigned = false;
    std::size_t pixelsPerFrame() const { return std::size_t(rows) * std::size_t(columns); }
    std::uint64_t frameBytes() const { return std::uint64_t(pixelsPerFrame()) * std::uint64_t(bitsAllocated / 8); }
};

core::Error fault(const QString &path, const QString &tag, const QString &what) {
    return core::Error::invalidInput(what).inFile(path).atTag(tag);
}

/// Stored value of one sample: bits [highBit-bitsStored+1, highBit], sign-extended if signed.
template <typename Word>
void unpack(const Word *words, std::size_t count, const PixelLayout &layout, std::int32_t *out) {
    const int shift = layout.highBit + 1 - layout.bitsStored;
    const std::uint64_t mask = (layout.bitsStored >= 32) ? 0xffffffffull : ((1ull << layout.bitsStored) - 1);
    const std::uint64_t signBit = 1ull << (layout.bitsStored - 1);
    for (std::size_t i = 0; i < count; ++i) {
        std::uint64_t v = (static_cast<std::uint64_t>(words[i]) >> shift) & mask;
        std::int64_t value = static_cast<std::int64_t>(v);
        if (layout.isSigned && (v & signBit)) value -= static_cast<std::int64_t>(mask) + 1;
        out[i] = static_cast<std::int32_t>(value);
    }
}

void unpackFrame(const void *bytes, const PixelLayout &layout, std::int32_t *out) {
    const std::size_t n = layout.pixelsPerFrame();
    switch (layout.bitsAllocated) {
    case 8: unpack(static_cast<const std::uint8_t *>(bytes), n, layout, out); break;
    case 16: unpack(static_cast<const std::uint16_t *>(bytes), n, layout, out); break;
    default: unpack(static_cast<const std::uint32_t *>(bytes), n, layout, out); break;
    }
}

core::Result<PixelLayout> readLayout(const QString &path, DcmItem *data) {
    PixelLayout layout;
    Uint16 rows = 0, columns = 0, allocated = 0, stored = 0, high = 0, representation = 0, samples = 1;
    if (data->findAndGetUint16(DCM_Rows, rows).bad() || rows == 0)
        return fault(path, QStringLiteral("(0028,0010) Rows"), QStringLiteral("missing or zero"));
    if (data->findAndGetUint16(DCM_Columns, columns).bad() || columns == 0)
        return fault(path, QStringLiteral("(0028,0011) Columns"), QStringLiteral("missing or zero"));
    data->findAndGetUint16(DCM_SamplesPerPixel, samples);
    if (samples != 1) {
        OFString photometric;
        data->findAndGetOFString(DCM_PhotometricInterpretation, photometric);
        return core::Error::unsupported(QStringLiteral("%1 samples per pixel (%2): only monochrome images load as volumes")
                                            .arg(samples).arg(QString::fromLatin1(photometric.c_str())))
            .inFile(path).atTag(QStringLiteral("(0028,0002) SamplesPerPixel"));
    }
    if (data->findAndGetUint16(DCM_BitsAllocated, allocated).bad() || (allocated != 8 && allocated != 16 && allocated != 32))
        return fault(path, QStringLiteral("(0028,0100) BitsAllocated"), QStringLiteral("must be 8, 16 or 32, not %1").arg(allocated));
    if (data->findAndGetUint16(DCM_BitsStored, stored).bad()) stored = allocated;
    if (data->findAndGetUint16(DCM_HighBit, high).bad()) high = static_cast<Uint16>(stored - 1);
    data->findAndGetUint16(DCM_PixelRepresentation, representation);
    if (stored == 0 || stored > allocated || high >= allocated || high + 1 < stored)
        return fault(path, QStringLiteral("(0028,0101) BitsStored"),
                     QStringLiteral("BitsAllocated %1, BitsStored %2, HighBit %3 do not fit together").arg(allocated).arg(stored).arg(high));
    if (stored == 32 && representation == 0)
        return core::Error::unsupported(QStringLiteral("unsigned 32-bit pixels are not supported"))
            .inFile(path).atTag(QStringLiteral("(0028,0101) BitsStored"));
    layout.rows = rows;
    layout.columns = columns;
    layout.bitsAllocated = allocated;
    layout.bitsStored = stored;
    layout.highBit = high;
    layout.isSigned = representation == 1;
    Sint32 frames = 1;
    if (data->tagExists(DCM_NumberOfFrames) && (data->findAndGetSint32(DCM_NumberOfFrames, frames).bad() || frames < 1 || frames > 65536))
        return fault(path, QStringLiteral("(0028,0008) NumberOfFrames"), QStringLiteral("must be 1 to 65536"));
    layout.frames = frames;
    if (layout.frameBytes() > kMaxFrameBytes)
        return fault(path, QStringLiteral("(0028,0010) Rows"),
                     QStringLiteral("Rows x Columns %1 x %2 is beyond what we load in one frame").arg(rows).arg(columns));
    return layout;
}

/// JPEG 2000: DCMTK 3.6.7 has no free decoder, so the frame's fragments go to OpenJPEG.
core::Status decodeJpeg2000Frames(const QString &path, DcmPixelSequence &sequence, const PixelLayout &layout,
                                  const std::vector<int> &frames, const FrameSink &sink) {
    const std::uint64_t fileSize = static_cast<std::uint64_t>(QFileInfo(path).size());
    auto ranges = frameFragmentRanges(sequence, layout.frames, fileSize);
    if (!ranges) return core::Error(ranges.error()).inFile(path);
    const Jpeg2000Frame expected{layout.columns, layout.rows, layout.bitsStored, layout.isSigned};
    std::vector<std::uint8_t> codestream;
    std::vector<std::int32_t> pixels(layout.pixelsPerFrame());
    for (int f : frames) {
        if (auto gathered = gatherFrameBytes(sequence, ranges.value()[std::size_t(f)], fileSize, codestream); !gathered)
            return core::Error(gathered.error()).inFile(path);
        if (auto decoded = decodeJpeg2000(codestream.data(), codestream.size(), expected, pixels.data()); !decoded)
            return core::Error(decoded.error()).inFile(path);
        if (!sink(f, pixels.data(), pixels.size())) return core::Error::cancelled();
    }
    return {};
}

}  // namespace

core::Status decodeFrames(const QString &path, std::vector<int> frameIndices, const FrameSink &sink) {
    DicomCodecs::registerDecodersOnce();
    // Walked again although readSeriesFrames() walked this file when the series was examined:
    // a loadable may be loaded minutes later (the GUI keeps examinations), and the file may
    // have been replaced since. The walk costs ~12 us a file.
    if (auto guard = DicomStructureGuard::check(path); !guard) return guard.error();
    // Values above 64 KiB stay in the file until asked for: a bogus length allocates nothing.
    DcmFileFormat file;
    const OFCondition status =
        file.loadFile(OFFilename(QFile::encodeName(path).constData()), EXS_Unknown, EGL_noChange, 65536);
    if (status.bad())
        return core::Error::invalidInput(QStringLiteral("not a readable DICOM file (%1)").arg(QString::fromLatin1(status.text())))
            .inFile(path);
    DcmDataset *data = file.getDataset();
    const DcmXfer xfer(data->getOriginalXfer());
    const QString uid = QString::fromLatin1(xfer.getXferID());
    if (!DicomCodecs::canDecode(uid))
        return core::Error::unsupported(QStringLiteral("transfer syntax %1 (%2) is not supported")
                                            .arg(uid, QString::fromLatin1(xfer.getXferName())))
            .inFile(path).atTag(QStringLiteral("(0002,0010) TransferSyntaxUID"));
    auto layoutResult = readLayout(path, data);
    if (!layoutResult) return layoutResult.error();
    const PixelLayout layout = layoutResult.value();
    std::sort(frameIndices.begin(), frameIndices.end());
    for (int f : frameIndices)
        if (f < 0 || f >= layout.frames) return core::Error::internal(QStringLiteral("frame %1 out of range").arg(f)).inFile(path);

    DcmElement *element = nullptr;
    if (data->findAndGetElement(DCM_PixelData, element).bad() || !element)
        return fault(path, QStringLiteral("(7FE0,0010) PixelData"), QStringLiteral("missing"));
    auto *pixelData = dynamic_cast<DcmPixelData *>(element);
    if (!pixelData) return fault(path, QStringLiteral("(7FE0,0010) PixelData"), QStringLiteral("not a pixel data element"));

    const std::uint64_t needed = layout.frameBytes() * std::uint64_t(layout.frames);
    if (xfer.isEncapsulated()) {
        DcmPixelSequence *sequence = nullptr;
        if (pixelData->getEncapsulatedRepresentation(data->getOriginalXfer(), nullptr, sequence).bad() || !sequence)
            return fault(path, QStringLiteral("(7FE0,0010) PixelData"),
                         QStringLiteral("no encapsulated pixel data for transfer syntax %1").arg(uid));
        const unsigned long fragments = sequence->card() > 0 ? sequence->card() - 1 : 0;  // item 0: offset table
        if (fragments < static_cast<unsigned long>(layout.frames))
            return fault(path, QStringLiteral("(7FE0,0010) PixelData"),
                         QStringLiteral("%1 frames but only %2 compressed fragments").arg(layout.frames).arg(fragments));
        if (DicomCodecs::isJpeg2000(uid)) return decodeJpeg2000Frames(path, *sequence, layout, frameIndices, sink);
        if (uid == QLatin1String("1.2.840.10008.1.2.5")) {
            const std::uint64_t fileSize = static_cast<std::uint64_t>(QFileInfo(path).size());
            auto ranges = frameFragmentRanges(*sequence, layout.frames, fileSize);
            if (!ranges) return core::Error(ranges.error()).inFile(path);
            for (int f : frameIndices)
                if (auto header = checkRleFrameHeader(*sequence, ranges.value()[std::size_t(f)], fileSize, layout.bitsAllocated / 8);
                    !header)
                    return core::Error(header.error()).inFile(path);
        }
    } else {
        const std::uint64_t length = pixelData->getLength();
        if (length < needed)
            return fault(path, QStringLiteral("(7FE0,0010) PixelData"),
                         QStringLiteral("holds %1 bytes, Rows x Columns x Frames x BitsAllocated (%2 x %3 x %4 x %5) needs %6")
                             .arg(length).arg(layout.rows).arg(layout.columns).arg(layout.frames).arg(layout.bitsAllocated).arg(needed));
        if (length > static_cast<std::uint64_t>(QFileInfo(path).size()))
            return fault(path, QStringLiteral("(7FE0,0010) PixelData"),
                         QStringLiteral("declared length %1 is beyond the end of the file").arg(length));
    }

    // Per-thread scratch reused from file to file (a series is hundreds of same-size frames):
    // no allocation and no fresh pages to fault in per file.
    thread_local std::vector<Uint8> buffer;
    thread_local std::vector<std::int32_t> pixels;
    buffer.resize(layout.frameBytes());
    pixels.resize(layout.pixelsPerFrame());
    struct KeepSmall {  // large frames (beyond 4 MiB of scratch) give their memory back when done
        ~KeepSmall() {
            if (pixels.capacity() * sizeof(std::int32_t) > (4u << 20)) {
                std::vector<Uint8>().swap(buffer);
                std::vector<std::int32_t>().swap(pixels);
            }
        }
    } keepSmall;
    DcmFileCache cache;
    Uint32 startFragment = 0;
    int previous = -1;
    for (int f : frameIndices) {
        if (f != previous + 1) startFragment = 0;  // let DCMTK find the fragment
        OFString colourModel;
        const OFCondition decoded = pixelData->getUncompressedFrame(data, static_cast<Uint32>(f), startFragment, buffer.data(),
                                                                    static_cast<Uint32>(buffer.size()), colourModel, &cache);
        if (decoded.bad())
            return fault(path, QStringLiteral("(7FE0,0010) PixelData"),
                         QStringLiteral("frame %1 could not be decoded (%2, transfer syntax %3)")
                             .arg(f + 1).arg(QString::fromLatin1(decoded.text()), uid));
        unpackFrame(buffer.data(), layout, pixels.data());
        if (!sink(f, pixels.data(), pixels.size())) return core::Error::cancelled();
        previous = f;
    }
    return {};
}

}  // namespace twin::dicom::series
