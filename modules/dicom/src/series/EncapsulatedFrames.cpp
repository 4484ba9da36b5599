#include "EncapsulatedFrames.h"

#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>

#include <algorithm>
#include <cstring>

namespace twin::dicom::series {

namespace {

core::Error fault(const QString &what) {
    return core::Error::invalidInput(what).atTag(QStringLiteral("(7FE0,0010) PixelData"));
}

/// The value of one item, loaded from the file on demand; null when empty or unreadable.
core::Result<const Uint8 *> itemValue(DcmPixelSequence &sequence, unsigned long index, std::uint64_t fileSize,
                                      std::uint32_t &length) {
    DcmPixelItem *item = nullptr;
    if (sequence.getItem(item, index).bad() || !item)
        return fault(QStringLiteral("pixel data item %1 is missing").arg(index));
    length = item->getLength();
    if (length > fileSize)
        return fault(QStringLiteral("pixel data item %1 declares %2 bytes, more than the file holds").arg(index).arg(length));
    if (length == 0) return static_cast<const Uint8 *>(nullptr);
    Uint8 *value = nullptr;
    if (item->getUint8Array(value).bad() || !value)
        return fault(QStringLiteral("pixel data item %1 could not be read").arg(index));
    return static_cast<const Uint8 *>(value);
}

/// Offsets from the Basic Offset Table (item 0); empty when there is none.
core::Result<std::vector<std::uint32_t>> offsetTable(DcmPixelSequence &sequence, std::uint64_t fileSize) {
    std::uint32_t length = 0;
    auto value = itemValue(sequence, 0, fileSize, length);
    if (!value) return value.error();
    std::vector<std::uint32_t> offsets;
    if (!value.value() || length % 4 != 0) return offsets;
    offsets.reserve(length / 4);
    for (std::uint32_t i = 0; i < length; i += 4) {
        const Uint8 *b = value.value() + i;
        offsets.push_back(std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 | std::uint32_t(b[2]) << 16 | std::uint32_t(b[3]) << 24);
    }
    return offsets;
}

std::vector<FragmentRange> rangesFromStarts(const std::vector<unsigned long> &starts, unsigned long items) {
    std::vector<FragmentRange> ranges;
    for (std::size_t i = 0; i < starts.size(); ++i)
        ranges.push_back({starts[i], i + 1 < starts.size() ? starts[i + 1] : items});
    return ranges;
}

}  // namespace

core::Result<std::vector<FragmentRange>> frameFragmentRanges(DcmPixelSequence &sequence, int frames, std::uint64_t fileSize) {
    const unsigned long items = sequence.card();
    const unsigned long fragments = items > 0 ? items - 1 : 0;
    if (frames < 1 || fragments < 1) return fault(QStringLiteral("no compressed fragments"));
    if (frames == 1) return std::vector<FragmentRange>{{1, items}};
    if (fragments == static_cast<unsigned long>(frames)) {
        std::vector<FragmentRange> ranges;
        for (unsigned long i = 1; i < items; ++i) ranges.push_back({i, i + 1});
        return ranges;
    }
    if (fragments < static_cast<unsigned long>(frames))
        return fault(QStringLiteral("%1 frames but only %2 compressed fragments").arg(frames).arg(fragments));

    auto offsets = offsetTable(sequence, fileSize);
    if (!offsets) return offsets.error();
    if (offsets.value().size() == static_cast<std::size_t>(frames)) {
        // Offsets count from the first byte of the first fragment's item tag; each item adds
        // an 8-byte tag+length header to its value.
        std::vector<unsigned long> starts;
        std::uint64_t position = 0;
        std::size_t next = 0;
        for (unsigned long i = 1; i < items && next < offsets.value().size(); ++i) {
            DcmPixelItem *item = nullptr;
            if (sequence.getItem(item, i).bad() || !item) break;
            if (position == offsets.value()[next]) {
                starts.push_back(i);
                ++next;
            }
            position += 8 + std::uint64_t(item->getLength());
        }
        if (starts.size() == static_cast<std::size_t>(frames)) return rangesFromStarts(starts, items);
        return fault(QStringLiteral("the Basic Offset Table does not point at fragment starts for all %1 frames").arg(frames));
    }
    std::vector<unsigned long> starts;
    for (unsigned long i = 1; i < items; ++i) {
        std::uint32_t length = 0;
        auto value = itemValue(sequence, i, fileSize, length);
        if (!value) return value.error();
        if (value.value() && length >= 2 && value.value()[0] == 0xff && value.value()[1] == 0x4f) starts.push_back(i);
    }
    if (starts.size() == static_cast<std::size_t>(frames) && starts.front() == 1) return rangesFromStarts(starts, items);
    return fault(QStringLiteral("%1 frames in %2 fragments without a usable offset table").arg(frames).arg(fragments));
}

core::Status gatherFrameBytes(DcmPixelSequence &sequence, const FragmentRange &range, std::uint64_t fileSize,
                              std::vector<std::uint8_t> &bytes) {
    bytes.clear();
    for (unsigned long i = range.first; i < range.end; ++i) {
        std::uint32_t length = 0;
        auto value = itemValue(sequence, i, fileSize, length);
        if (!value) return value.error();
        if (bytes.size() + length > fileSize) return fault(QStringLiteral("compressed frame is larger than the file"));
        if (value.value()) bytes.insert(bytes.end(), value.value(), value.value() + length);
    }
    // JPEG 2000 fragments may carry one padding byte to even length; the decoder ignores it.
    return {};
}

core::Status checkRleFrameHeader(DcmPixelSequence &sequence, const FragmentRange &range, std::uint64_t fileSize,
                                 int segments) {
    std::uint64_t frameLength = 0;
    for (unsigned long i = range.first; i < range.end; ++i) {
        DcmPixelItem *item = nullptr;
        if (sequence.getItem(item, i).bad() || !item) return fault(QStringLiteral("RLE fragment %1 is missing").arg(i));
        frameLength += item->getLength();
    }
    std::uint32_t length = 0;
    auto header = itemValue(sequence, range.first, fileSize, length);
    if (!header) return header.error();
    if (!header.value() || length < 64) return fault(QStringLiteral("RLE fragment %1 is shorter than the 64-byte RLE header").arg(range.first));
    const auto word = [&](int index) {
        const Uint8 *b = header.value() + 4 * index;
        return std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 | std::uint32_t(b[2]) << 16 | std::uint32_t(b[3]) << 24;
    };
    const std::uint32_t count = word(0);
    if (count < 1 || count > 15 || int(count) != segments)
        return fault(QStringLiteral("RLE header names %1 segments, the image needs %2 (at most 15)").arg(count).arg(segments));
    std::uint32_t previous = 0;
    for (int s = 1; s <= int(count); ++s) {
        const std::uint32_t offset = word(s);
        if ((s == 1 && offset != 64) || offset <= previous || offset >= frameLength)
            return fault(QStringLiteral("RLE segment %1 starts at offset %2, outside the %3-byte frame or out of order")
                             .arg(s).arg(offset).arg(frameLength));
        previous = offset;
    }
    return {};
}

}  // namespace twin::dicom::series
