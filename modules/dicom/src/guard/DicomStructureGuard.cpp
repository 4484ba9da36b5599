#include "twin/dicom/DicomStructureGuard.h"

#include <dcmtk/dcmdata/dctag.h>

#include <QBuffer>
#include <QFile>

#include <zlib.h>

#include <cctype>
#include <optional>
#include <vector>

namespace twin::dicom {

namespace {

constexpr quint32 kUndefined = 0xffffffffu;
/// Largest inflated dataset walked; a deflated file beyond it is left to DCMTK unchecked.
constexpr qint64 kMaxInflatedBytes = 256ll << 20;

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

/// Walks element headers of one dataset held by `device` (a file or an inflated buffer).
class NestingWalker {
public:
    /// `refuseOverlongValues`: a value longer than what is left is a verdict (in an inflated
    /// dataset DCMTK allocates the declared length before noticing; in a file it does not).
    NestingWalker(QIODevice &device, Encoding encoding, bool refuseOverlongValues)
        : device_(device), top_(encoding), refuseOverlongValues_(refuseOverlongValues) {}

    /// Why the dataset must not reach DCMTK, or nothing.
    std::optional<QString> walk() {
        while (true) {
            while (!stack_.empty() && stack_.back().end >= 0 && device_.pos() >= stack_.back().end) stack_.pop_back();
            const Encoding encoding = stack_.empty() ? top_ : stack_.back().encoding;
            const qint64 at = device_.pos();
            quint16 group = 0, element = 0;
            if (!read16(encoding, group) || !read16(encoding, element)) return std::nullopt;
            if (group == 0xfffe) {
                quint32 length = 0;
                if (!read32(encoding, length)) return std::nullopt;
                if (!delimiterOrItem(element, length, encoding)) return std::nullopt;
                continue;
            }
            quint32 length = 0;
            char vr[2] = {0, 0};
            if (encoding.implicitVr) {
                if (!read32(encoding, length)) return std::nullopt;
            } else {
                if (device_.read(vr, 2) != 2) return std::nullopt;
                if (!hasShortLength(vr)) {  // DCMTK, too, assumes a 4-byte length for unknown VRs
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
            const bool dictionarySaysSequence = DcmTag(group, element).getEVR() == EVR_SQ;
            const bool sequence = (vr[0] == 'S' && vr[1] == 'Q') ||
                                  ((encoding.implicitVr || isUn) && (length == kUndefined || dictionarySaysSequence));
            if (sequence) {
                if (sequenceDepth() + 1 > DicomStructureGuard::kMaxSequenceDepth)
                    return QStringLiteral("sequences nested deeper than %1 levels at byte offset %2")
                        .arg(DicomStructureGuard::kMaxSequenceDepth).arg(at);
                // A UN sequence (CP-246) is encoded implicit VR little endian inside.
                const Encoding inner = isUn ? Encoding{true, false} : encoding;
                stack_.push_back({Frame::Kind::Sequence, length == kUndefined ? -1 : device_.pos() + qint64(length), inner});
                continue;
            }
            if (qint64(length) > device_.size() - device_.pos()) {
                if (!refuseOverlongValues_) return std::nullopt;
                return QStringLiteral("element %1 at byte offset %2 declares %3 bytes, only %4 follow")
                    .arg(tagText(group, element)).arg(at).arg(length).arg(device_.size() - device_.pos());
            }
            if (!device_.seek(device_.pos() + qint64(length))) return std::nullopt;
        }
    }

private:
    bool delimiterOrItem(quint16 element, quint32 length, const Encoding &encoding) {
        const bool inFragments = !stack_.empty() && stack_.back().kind == Frame::Kind::Fragments;
        if (element == 0xe000) {
            if (inFragments) return length != kUndefined && device_.seek(device_.pos() + qint64(length));
            stack_.push_back({Frame::Kind::Item, length == kUndefined ? -1 : device_.pos() + qint64(length), encoding});
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

    static bool hasShortLength(const char vr[2]) {
        static const char *const shortVrs[] = {"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO",
                                               "LT", "PN", "SH", "SL", "SS", "ST", "TM", "UI", "UL", "US"};
        for (const char *v : shortVrs)
            if (vr[0] == v[0] && vr[1] == v[1]) return true;
        return false;
    }

    bool read16(const Encoding &encoding, quint16 &value) {
        uchar b[2];
        if (device_.read(reinterpret_cast<char *>(b), 2) != 2) return false;
        value = encoding.bigEndian ? quint16(b[0] << 8 | b[1]) : quint16(b[1] << 8 | b[0]);
        return true;
    }

    bool read32(const Encoding &encoding, quint32 &value) {
        uchar b[4];
        if (device_.read(reinterpret_cast<char *>(b), 4) != 4) return false;
        value = encoding.bigEndian ? (quint32(b[0]) << 24 | quint32(b[1]) << 16 | quint32(b[2]) << 8 | b[3])
                                   : (quint32(b[3]) << 24 | quint32(b[2]) << 16 | quint32(b[1]) << 8 | b[0]);
        return true;
    }

    QIODevice &device_;
    Encoding top_;
    bool refuseOverlongValues_ = false;
    std::vector<Frame> stack_;
};

/// Transfer syntax from the file meta group (explicit VR little endian), leaving `file` at
/// the first dataset element; empty when there is no meta group.
QByteArray readMetaTransferSyntax(QFile &file) {
    QByteArray syntax;
    while (true) {
        const qint64 at = file.pos();
        const QByteArray head = file.read(8);
        if (head.size() < 8 || uchar(head[0]) != 0x02 || uchar(head[1]) != 0x00) {
            file.seek(at);
            return syntax;
        }
        const quint16 element = quint16(uchar(head[3]) << 8 | uchar(head[2]));
        quint32 length = quint16(uchar(head[7]) << 8 | uchar(head[6]));
        const QByteArray vr = head.mid(4, 2);
        if (vr == "OB" || vr == "UN" || vr == "UT" || vr == "SQ") {
            const QByteArray longLength = file.read(4);
            if (longLength.size() < 4) return syntax;
            length = quint32(uchar(longLength[3])) << 24 | quint32(uchar(longLength[2])) << 16 |
                     quint32(uchar(longLength[1])) << 8 | uchar(longLength[0]);
        }
        if (length > 4096 && element == 0x0010) return syntax;
        if (element == 0x0010) syntax = file.read(length).trimmed().replace('\0', "");
        else if (!file.seek(file.pos() + qint64(length))) return syntax;
    }
}

/// Encoding of a dataset without meta information, guessed as DCMTK does from its first bytes.
Encoding guessEncoding(QFile &file) {
    const qint64 at = file.pos();
    const QByteArray head = file.read(6);
    file.seek(at);
    Encoding encoding;
    if (head.size() < 6) return encoding;
    const quint16 little = quint16(uchar(head[1]) << 8 | uchar(head[0]));
    const quint16 big = quint16(uchar(head[0]) << 8 | uchar(head[1]));
    encoding.bigEndian = big < little;
    encoding.implicitVr = !(std::isupper(uchar(head[4])) && std::isupper(uchar(head[5])));
    return encoding;
}

/// Inflates the rest of `file` (raw deflate, PS3.5 A.5); `capped` when it would pass the cap.
QByteArray inflateRest(QFile &file, bool &capped) {
    const QByteArray compressed = file.readAll();
    z_stream stream{};
    capped = false;
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return {};
    QByteArray out;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    stream.avail_in = uInt(compressed.size());
    int status = Z_OK;
    while (status == Z_OK) {
        if (out.size() >= kMaxInflatedBytes) {
            capped = true;
            break;
        }
        const qint64 before = out.size();
        out.resize(before + (1 << 20));
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + before);
        stream.avail_out = 1u << 20;
        status = inflate(&stream, Z_NO_FLUSH);
        out.resize(before + (1 << 20) - qint64(stream.avail_out));
    }
    inflateEnd(&stream);
    return out;  // a corrupt stream yields what inflated before the damage: DCMTK reports the rest
}

}  // namespace

core::Status DicomStructureGuard::check(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};  // the reader names the open failure itself
    if (!(file.size() >= 132 && file.seek(128) && file.read(4) == "DICM")) file.seek(0);
    const QByteArray syntax = readMetaTransferSyntax(file);
    std::optional<QString> refusal;
    if (syntax == "1.2.840.10008.1.2.1.99") {
        bool capped = false;
        QByteArray inflated = inflateRest(file, capped);
        if (capped) {
            refusal = QStringLiteral("the deflated dataset inflates to more than %1 MiB").arg(kMaxInflatedBytes >> 20);
        } else {
            QBuffer buffer(&inflated);
            buffer.open(QIODevice::ReadOnly);
            refusal = NestingWalker(buffer, Encoding{false, false}, true).walk();
            if (refusal) refusal = *refusal + QStringLiteral(" (inflated dataset)");
        }
    } else {
        Encoding encoding;
        if (syntax.isEmpty()) encoding = guessEncoding(file);
        else if (syntax == "1.2.840.10008.1.2") encoding = {true, false};
        else if (syntax == "1.2.840.10008.1.2.2") encoding = {false, true};
        refusal = NestingWalker(file, encoding, false).walk();
    }
    if (!refusal) return {};
    return core::Error::invalidInput(QStringLiteral("%1; refused before parsing").arg(*refusal)).inFile(path);
}

}  // namespace twin::dicom
