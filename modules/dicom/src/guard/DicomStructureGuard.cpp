#include "twin/dicom/DicomStructureGuard.h"

#include <dcmtk/dcmdata/dctag.h>

#include <QFile>

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <vector>

namespace twin::dicom {

namespace {

constexpr quint32 kUndefined = 0xffffffffu;
/// Largest deflated dataset accepted, inflated. DCMTK reads a deflated dataset's values into
/// memory in full (no deferred loading on a zlib stream), so this bounds what it allocates.
constexpr qint64 kMaxInflatedBytes = 16ll << 20;

QString tagText(quint16 group, quint16 element) {
    return QStringLiteral("(%1,%2)").arg(group, 4, 16, QLatin1Char('0')).arg(element, 4, 16, QLatin1Char('0')).toUpper();
}

struct Encoding {
    bool implicitVr = false;
    bool bigEndian = false;
};

struct Frame {
    enum class Kind { Sequence, Item, Fragments } kind;
    qint64 end;  // -1: undefined length, ends at a delimiter
    Encoding encoding;
};

/// Whether an explicit-VR element with this VR has a 2-byte length, as DCMTK decides it: the
/// standard short VRs, and unknown VRs that are not two upper-case letters (DCMTK's
/// EVR_UNKNOWN2B); other unknown VRs get a 4-byte length.
bool hasShortLength(const char vr[2]) {
    static const char *const shortVrs[] = {"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO",
                                           "LT", "PN", "SH", "SL", "SS", "ST", "TM", "UI", "UL", "US"};
    for (const char *v : shortVrs)
        if (vr[0] == v[0] && vr[1] == v[1]) return true;
    static const char *const longVrs[] = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"};
    for (const char *v : longVrs)
        if (vr[0] == v[0] && vr[1] == v[1]) return false;
    return !(std::isupper(uchar(vr[0])) && std::isupper(uchar(vr[1])));
}

/// Forward-only bytes: a file, or a deflated dataset inflated as it is read.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    virtual bool read(char *into, qint64 count) = 0;
    virtual bool skip(qint64 count) = 0;
    virtual qint64 position() const = 0;
    virtual qint64 size() const = 0;
};

/// A file read in 64 KiB windows: a typical image's header is one read, skipping its pixel
/// data costs nothing, and there is no mapping to tear down (mapping the file instead cost
/// ~70 us a file in the loader: munmap's TLB shootdowns across its threads).
class FileSource final : public ByteSource {
public:
    explicit FileSource(QFile &file) : file_(file), size_(file.size()) {}
    bool read(char *into, qint64 count) override {
        if (count > size_ - position_) return false;
        if (position_ < windowStart_ || position_ + count > windowStart_ + window_.size()) {
            if (!file_.seek(position_)) return false;
            window_ = file_.read(std::max<qint64>(count, kWindow));
            windowStart_ = position_;
            if (window_.size() < count) return false;
        }
        std::memcpy(into, window_.constData() + (position_ - windowStart_), std::size_t(count));
        position_ += count;
        return true;
    }
    bool skip(qint64 count) override {
        if (count > size_ - position_) return false;
        position_ += count;
        return true;
    }
    void seekTo(qint64 position) { position_ = std::clamp<qint64>(position, 0, size_); }
    qint64 position() const override { return position_; }
    qint64 size() const override { return size_; }

private:
    static constexpr qint64 kWindow = 65536;
    QFile &file_;
    qint64 size_;
    qint64 position_ = 0;
    qint64 windowStart_ = 0;
    QByteArray window_;
};

/// Raw deflate (PS3.5 A.5) of the rest of a file, inflated as it is read in 64 KiB steps
/// (constant memory), one pass, never beyond `cap` bytes: size() is the cap, and capped()
/// says the data went on beyond it.
class InflatingSource final : public ByteSource {
public:
    InflatingSource(QFile &file, qint64 cap) : file_(file), cap_(cap) { ok_ = inflateInit2(&stream_, -MAX_WBITS) == Z_OK; }
    ~InflatingSource() override {
        if (ok_) inflateEnd(&stream_);
    }
    InflatingSource(const InflatingSource &) = delete;
    InflatingSource &operator=(const InflatingSource &) = delete;

    bool read(char *into, qint64 count) override { return pull(into, count) == count; }
    bool skip(qint64 count) override {
        char scratch[65536];
        while (count > 0) {
            const qint64 step = std::min<qint64>(count, sizeof(scratch));
            if (pull(scratch, step) != step) return false;
            count -= step;
        }
        return true;
    }
    qint64 position() const override { return position_; }
    qint64 size() const override { return cap_; }
    bool capped() const { return capped_; }

private:
    qint64 pull(char *into, qint64 count) {
        if (!ok_) return 0;
        if (count > cap_ - position_) {
            capped_ = true;
            count = cap_ - position_;
        }
        stream_.next_out = reinterpret_cast<Bytef *>(into);
        stream_.avail_out = uInt(count);
        while (stream_.avail_out > 0 && !ended_) {
            if (stream_.avail_in == 0) {
                input_ = file_.read(65536);
                if (input_.isEmpty()) break;
                stream_.next_in = reinterpret_cast<Bytef *>(input_.data());
                stream_.avail_in = uInt(input_.size());
            }
            const int status = inflate(&stream_, Z_NO_FLUSH);
            if (status == Z_STREAM_END) ended_ = true;
            else if (status != Z_OK) break;  // damaged stream: what inflated so far is all
        }
        const qint64 produced = count - qint64(stream_.avail_out);
        position_ += produced;
        return produced;
    }

    QFile &file_;
    qint64 cap_;
    qint64 position_ = 0;
    z_stream stream_{};
    QByteArray input_;
    bool ok_ = false;
    bool ended_ = false;
    bool capped_ = false;
};

/// Walks element headers of one dataset, keeping its own stack of open sequences and items.
class NestingWalker {
public:
    /// `refuseOverlongValues`: a value longer than what is left is a verdict (in an inflated
    /// dataset DCMTK allocates the declared length before noticing; in a file it does not).
    /// Deflated datasets get the smaller element cap: there 8 KB of input can hold a million
    /// elements (each costing DCMTK ~2 us), while in a plain file the count is bounded by the
    /// file's own size.
    NestingWalker(ByteSource &source, Encoding encoding, bool refuseOverlongValues)
        : source_(source), top_(encoding), refuseOverlongValues_(refuseOverlongValues),
          maxElements_(refuseOverlongValues ? DicomStructureGuard::kMaxDeflatedElements : DicomStructureGuard::kMaxElements) {}

    /// Why the dataset must not reach DCMTK, or nothing.
    std::optional<QString> walk() {
        while (true) {
            while (!stack_.empty() && stack_.back().end >= 0 && source_.position() >= stack_.back().end) stack_.pop_back();
            const Encoding encoding = stack_.empty() ? top_ : stack_.back().encoding;
            const qint64 at = source_.position();
            if (++elements_ > maxElements_)
                return QStringLiteral("more than %1 data elements (at byte offset %2)").arg(maxElements_).arg(at);
            quint16 group = 0, element = 0;
            if (!read16(encoding, group) || !read16(encoding, element)) return std::nullopt;
            if (group == 0xfffe) {
                quint32 length = 0;
                if (!read32(encoding, length)) return std::nullopt;
                // Items nested in items with no sequence between are no DICOM, but DCMTK would
                // recurse into them too: every level counts, a sequence and its item being two.
                const bool inFragments = !stack_.empty() && stack_.back().kind == Frame::Kind::Fragments;
                if (element == 0xe000 && !inFragments && int(stack_.size()) + 1 > 2 * DicomStructureGuard::kMaxSequenceDepth)
                    return QStringLiteral("items nested deeper than %1 levels at byte offset %2")
                        .arg(2 * DicomStructureGuard::kMaxSequenceDepth).arg(at);
                if (!delimiterOrItem(element, length, encoding)) return std::nullopt;
                continue;
            }
            quint32 length = 0;
            char vr[2] = {0, 0};
            if (encoding.implicitVr) {
                if (!read32(encoding, length)) return std::nullopt;
            } else {
                if (!source_.read(vr, 2)) return std::nullopt;
                if (!hasShortLength(vr)) {
                    quint16 reserved = 0;
                    if (!read16(encoding, reserved) || !read32(encoding, length)) return std::nullopt;
                } else {
                    quint16 shortLength = 0;
                    if (!read16(encoding, shortLength)) return std::nullopt;
                    length = shortLength;
                }
            }
            const bool isUn = vr[0] == 'U' && vr[1] == 'N';
            const bool pixelData = group == 0x7fe0 && element == 0x0010;
            if (length == kUndefined && (pixelData || (!encoding.implicitVr && !isUn && !(vr[0] == 'S' && vr[1] == 'Q')))) {
                stack_.push_back({Frame::Kind::Fragments, -1, encoding});  // encapsulated: items of raw bytes
                continue;
            }
            // Implicit VR and UN elements are sequences when their length is undefined or the
            // data dictionary says so (the lookup takes a lock: only done for those).
            const bool sequence = (vr[0] == 'S' && vr[1] == 'Q') ||
                                  ((encoding.implicitVr || isUn) &&
                                   (length == kUndefined || DcmTag(group, element).getEVR() == EVR_SQ));
            if (sequence) {
                if (sequenceDepth() + 1 > DicomStructureGuard::kMaxSequenceDepth)
                    return QStringLiteral("sequences nested deeper than %1 levels at byte offset %2")
                        .arg(DicomStructureGuard::kMaxSequenceDepth).arg(at);
                // A UN sequence (CP-246) is encoded implicit VR little endian inside.
                const Encoding inner = isUn ? Encoding{true, false} : encoding;
                stack_.push_back({Frame::Kind::Sequence, length == kUndefined ? -1 : source_.position() + qint64(length), inner});
                continue;
            }
            if (qint64(length) > source_.size() - source_.position()) {
                if (!refuseOverlongValues_) return std::nullopt;
                return QStringLiteral("element %1 at byte offset %2 declares %3 bytes, more than the rest of the data "
                                      "(at most %4 MiB inflated)")
                    .arg(tagText(group, element)).arg(at).arg(length).arg(kMaxInflatedBytes >> 20);
            }
            if (!source_.skip(qint64(length))) {
                if (!refuseOverlongValues_) return std::nullopt;
                return QStringLiteral("element %1 at byte offset %2 declares %3 bytes; the data ends before")
                    .arg(tagText(group, element)).arg(at).arg(length);
            }
        }
    }

private:
    bool delimiterOrItem(quint16 element, quint32 length, const Encoding &encoding) {
        const bool inFragments = !stack_.empty() && stack_.back().kind == Frame::Kind::Fragments;
        if (element == 0xe000) {
            if (inFragments) return length != kUndefined && qint64(length) <= source_.size() - source_.position() && source_.skip(qint64(length));
            stack_.push_back({Frame::Kind::Item, length == kUndefined ? -1 : source_.position() + qint64(length), encoding});
            return true;
        }
        if (element == 0xe00d) {  // item delimiter: closes the innermost item
            while (!stack_.empty() && stack_.back().kind != Frame::Kind::Item) stack_.pop_back();
            if (!stack_.empty()) stack_.pop_back();
            return true;
        }
        if (element == 0xe0dd) {  // sequence delimiter: closes the innermost sequence or fragments
            while (!stack_.empty() && stack_.back().kind == Frame::Kind::Item) stack_.pop_back();
            if (!stack_.empty()) stack_.pop_back();
            return true;
        }
        return false;
    }

    int sequenceDepth() const {
        int depth = 0;
        for (const Frame &f : stack_) depth += f.kind == Frame::Kind::Sequence ? 1 : 0;
        return depth;
    }

    bool read16(const Encoding &encoding, quint16 &value) {
        uchar b[2];
        if (!source_.read(reinterpret_cast<char *>(b), 2)) return false;
        value = encoding.bigEndian ? quint16(b[0] << 8 | b[1]) : quint16(b[1] << 8 | b[0]);
        return true;
    }

    bool read32(const Encoding &encoding, quint32 &value) {
        uchar b[4];
        if (!source_.read(reinterpret_cast<char *>(b), 4)) return false;
        value = encoding.bigEndian ? (quint32(b[0]) << 24 | quint32(b[1]) << 16 | quint32(b[2]) << 8 | b[3])
                                   : (quint32(b[3]) << 24 | quint32(b[2]) << 16 | quint32(b[1]) << 8 | b[0]);
        return true;
    }

    ByteSource &source_;
    Encoding top_;
    bool refuseOverlongValues_ = false;
    std::vector<Frame> stack_;
    int maxElements_;
    int elements_ = 0;
};

/// Transfer syntax from the file meta group (explicit VR little endian), leaving `source` at
/// the first dataset element; empty when there is no meta group. As in DCMTK, a leading
/// (0002,0000) group length decides where the group ends, whatever the tags inside it say
/// (a fuzzed file with a mangled (0002,0001) tag was still read as deflated by DCMTK); past
/// that, elements of group 0002 still belong to it.
QByteArray readMetaTransferSyntax(FileSource &source, bool &sequenceInMeta) {
    const auto little16 = [](const uchar *b) { return quint16(b[1] << 8 | b[0]); };
    const auto little32 = [&](const uchar *b) { return quint32(little16(b + 2)) << 16 | little16(b); };
    QByteArray syntax;
    qint64 groupEnd = -1;
    bool first = true;
    while (true) {
        const qint64 at = source.position();
        uchar head[8];
        if (!source.read(reinterpret_cast<char *>(head), 8)) {
            source.seekTo(at);
            return syntax;
        }
        const quint16 group = little16(head), element = little16(head + 2);
        if (group != 0x0002 && !(groupEnd >= 0 && at < groupEnd)) {
            source.seekTo(at);
            return syntax;
        }
        quint32 length = little16(head + 6);
        if (!hasShortLength(reinterpret_cast<const char *>(head + 4))) {
            uchar longLength[4];
            if (!source.read(reinterpret_cast<char *>(longLength), 4)) return syntax;
            length = little32(longLength);
        }
        if (group == 0x0002 && element == 0x0000 && first && length == 4) {
            uchar value[4];
            if (!source.read(reinterpret_cast<char *>(value), 4)) return syntax;
            groupEnd = source.position() + qint64(little32(value));
        } else if (group == 0x0002 && element == 0x0010 && length <= 64) {
            QByteArray value(qsizetype(length), '\0');
            if (!source.read(value.data(), length)) return syntax;
            syntax = value.replace('\0', "").trimmed();
        } else if (length == 0xffffffffu) {  // a sequence in the meta group: the caller walks it
            sequenceInMeta = true;
            source.seekTo(at);
            return syntax;
        } else if (!source.skip(qint64(length))) {
            return syntax;
        }
        first = false;
    }
}

/// Encoding of a dataset without meta information, guessed as DCMTK does from its first bytes.
Encoding guessEncoding(FileSource &source) {
    const qint64 at = source.position();
    uchar head[6];
    Encoding encoding;
    const bool got = source.read(reinterpret_cast<char *>(head), 6);
    source.seekTo(at);
    if (!got) return encoding;
    const quint16 little = quint16(head[1] << 8 | head[0]);
    const quint16 big = quint16(head[0] << 8 | head[1]);
    encoding.bigEndian = big < little;
    encoding.implicitVr = !(std::isupper(head[4]) && std::isupper(head[5]));
    return encoding;
}

/// Walks the dataset that starts at `source`'s position in the encoding `syntax` names.
std::optional<QString> walkDataset(QFile &file, FileSource &source, const QByteArray &syntax) {
    if (syntax == "1.2.840.10008.1.2.1.99") {
        file.seek(source.position());
        InflatingSource inflated(file, kMaxInflatedBytes);
        std::optional<QString> refusal = NestingWalker(inflated, Encoding{false, false}, true).walk();
        if (inflated.capped()) refusal = QStringLiteral("the deflated dataset inflates to more than %1 MiB").arg(kMaxInflatedBytes >> 20);
        if (refusal) return *refusal + QStringLiteral(" (inflated dataset)");
        return std::nullopt;
    }
    Encoding encoding;
    if (syntax.isEmpty()) encoding = guessEncoding(source);
    else if (syntax == "1.2.840.10008.1.2") encoding = {true, false};
    else if (syntax == "1.2.840.10008.1.2.2") encoding = {false, true};
    return NestingWalker(source, encoding, false).walk();
}

}  // namespace

core::Status DicomStructureGuard::check(const QString &path) {
    QFile file(path);
    // Unbuffered: FileSource reads its own windows.
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) return {};  // the reader names the failure
    FileSource source(file);
    char magic[4];
    if (!(source.skip(128) && source.read(magic, 4) && std::memcmp(magic, "DICM", 4) == 0)) source.seekTo(0);
    bool sequenceInMeta = false;
    const QByteArray syntax = readMetaTransferSyntax(source, sequenceInMeta);
    std::optional<QString> refusal;
    if (sequenceInMeta) {  // the meta group is explicit VR little endian, whatever the dataset is
        const qint64 at = source.position();
        refusal = NestingWalker(source, Encoding{false, false}, false).walk();
        source.seekTo(at);
    }
    if (!refusal) refusal = walkDataset(file, source, syntax);
    if (!refusal) return {};
    return core::Error::invalidInput(QStringLiteral("%1; refused before parsing").arg(*refusal)).inFile(path);
}

}  // namespace twin::dicom
