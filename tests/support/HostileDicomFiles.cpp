#include "HostileDicomFiles.h"

#include <QDir>
#include <QFile>

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <functional>

namespace twin::test {

namespace {

constexpr quint32 kUndefined = 0xffffffffu;

/// Little-endian byte writer for datasets, explicit or implicit VR.
class DatasetBytes {
public:
    explicit DatasetBytes(bool implicitVr = false, bool bigEndian = false) : implicit_(implicitVr), big_(bigEndian) {}

    DatasetBytes &element(quint16 group, quint16 element, const char *vr, QByteArray value) {
        if (value.size() % 2) value.append(vr[0] == 'U' && vr[1] == 'I' ? '\0' : ' ');
        return header(group, element, vr, quint32(value.size())).raw(value);
    }
    DatasetBytes &text(quint16 group, quint16 element, const char *vr, const char *value) {
        return this->element(group, element, vr, QByteArray(value));
    }
    DatasetBytes &us(quint16 group, quint16 element, quint16 value) {
        QByteArray b;
        put16(b, value);
        return this->element(group, element, "US", b);
    }
    /// Element header only, with any length (the lie is the point).
    DatasetBytes &header(quint16 group, quint16 element, const char *vr, quint32 length) {
        put16(bytes_, group);
        put16(bytes_, element);
        if (implicit_) {
            put32(bytes_, length);
        } else if (isShort(vr)) {
            bytes_.append(vr, 2);
            put16(bytes_, quint16(length));
        } else {
            bytes_.append(vr, 2);
            put16(bytes_, 0);
            put32(bytes_, length);
        }
        return *this;
    }
    DatasetBytes &item(quint32 length = kUndefined) { return delimiter(0xe000, length); }
    DatasetBytes &itemEnd() { return delimiter(0xe00d, 0); }
    DatasetBytes &sequenceEnd() { return delimiter(0xe0dd, 0); }
    DatasetBytes &raw(const QByteArray &b) {
        bytes_.append(b);
        return *this;
    }
    const QByteArray &bytes() const { return bytes_; }

    void put16(QByteArray &b, quint16 v) const {
        if (big_) b.append(char(v >> 8)).append(char(v));
        else b.append(char(v)).append(char(v >> 8));
    }
    void put32(QByteArray &b, quint32 v) const {
        if (big_) {
            put16(b, quint16(v >> 16));
            put16(b, quint16(v));
        } else {
            put16(b, quint16(v));
            put16(b, quint16(v >> 16));
        }
    }

private:
    DatasetBytes &delimiter(quint16 element, quint32 length) {
        put16(bytes_, 0xfffe);
        put16(bytes_, element);
        put32(bytes_, length);
        return *this;
    }
    static bool isShort(const char *vr) {
        static const char *const shortVrs[] = {"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO",
                                               "LT", "PN", "SH", "SL", "SS", "ST", "TM", "UI", "UL", "US"};
        for (const char *v : shortVrs)
            if (vr[0] == v[0] && vr[1] == v[1]) return true;
        return false;
    }
    bool implicit_, big_;
    QByteArray bytes_;
};

QByteArray preambleAndMeta(const char *transferSyntax, const std::function<void(DatasetBytes &)> &extraMeta = {}) {
    DatasetBytes meta;
    meta.element(0x0002, 0x0001, "OB", QByteArray("\0\1", 2))
        .text(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.2")
        .text(0x0002, 0x0003, "UI", "1.2.826.0.1.3680043.10.1234.1")
        .text(0x0002, 0x0010, "UI", transferSyntax);
    if (extraMeta) extraMeta(meta);
    DatasetBytes group;
    QByteArray length;
    group.put32(length, quint32(meta.bytes().size()));
    group.element(0x0002, 0x0000, "UL", length).raw(meta.bytes());
    return QByteArray(128, '\0') + "DICM" + group.bytes();
}

struct ImageHeader {
    quint16 rows = 8, columns = 8, bitsAllocated = 16, bitsStored = 12, highBit = 11;
    const char *photometric = "MONOCHROME2";
    const char *frames = nullptr;  ///< NumberOfFrames, written when set
};

/// A small CT image's attributes up to (not including) PixelData.
void ctAttributes(DatasetBytes &d, const ImageHeader &h = {}) {
    d.text(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.2")
        .text(0x0008, 0x0018, "UI", "1.2.826.0.1.3680043.10.1234.1")
        .text(0x0008, 0x0060, "CS", "CT")
        .text(0x0010, 0x0020, "LO", "HOSTILE")
        .text(0x0020, 0x000d, "UI", "1.2.826.0.1.3680043.10.1234.2")
        .text(0x0020, 0x000e, "UI", "1.2.826.0.1.3680043.10.1234.3")
        .text(0x0020, 0x0032, "DS", "0\\0\\0")
        .text(0x0020, 0x0037, "DS", "1\\0\\0\\0\\1\\0")
        .us(0x0028, 0x0002, 1)
        .text(0x0028, 0x0004, "CS", h.photometric);
    if (h.frames) d.text(0x0028, 0x0008, "IS", h.frames);
    d.us(0x0028, 0x0010, h.rows)
        .us(0x0028, 0x0011, h.columns)
        .text(0x0028, 0x0030, "DS", "1\\1")
        .us(0x0028, 0x0100, h.bitsAllocated)
        .us(0x0028, 0x0101, h.bitsStored)
        .us(0x0028, 0x0102, h.highBit)
        .us(0x0028, 0x0103, 0);
}

QByteArray pixels(int count, int bytesPerPixel = 2) {
    QByteArray b(count * bytesPerPixel, '\0');
    for (int i = 0; i < b.size(); ++i) b[i] = char(i * 7);
    return b;
}

QByteArray explicitFile(const std::function<void(DatasetBytes &)> &build, const char *syntax = "1.2.840.10008.1.2.1") {
    DatasetBytes d;
    build(d);
    return preambleAndMeta(syntax) + d.bytes();
}

/// Raw deflate of `data` followed by `zeros` zero bytes (streamed: no buffer of that size).
QByteArray deflateRaw(const QByteArray &data, qint64 zeros = 0) {
    z_stream stream{};
    deflateInit2(&stream, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    QByteArray out;
    const QByteArray zeroChunk(1 << 20, '\0');
    const auto feed = [&](const char *bytes, qint64 size, int flush) {
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes));
        stream.avail_in = uInt(size);
        char buffer[65536];
        do {
            stream.next_out = reinterpret_cast<Bytef *>(buffer);
            stream.avail_out = sizeof(buffer);
            deflate(&stream, flush);
            out.append(buffer, qsizetype(sizeof(buffer) - stream.avail_out));
        } while (stream.avail_out == 0);
    };
    feed(data.constData(), data.size(), Z_NO_FLUSH);
    for (; zeros > 0; zeros -= zeroChunk.size()) feed(zeroChunk.constData(), std::min<qint64>(zeros, zeroChunk.size()), Z_NO_FLUSH);
    feed(nullptr, 0, Z_FINISH);
    deflateEnd(&stream);
    return out;
}

/// `depth` sequences, each holding one item holding the next (undefined lengths).
void nest(DatasetBytes &d, int depth, const char *vr = "SQ") {
    for (int i = 0; i < depth; ++i) d.header(0x0008, 0x1115, vr, kUndefined).item();
    for (int i = 0; i < depth; ++i) d.itemEnd().sequenceEnd();
}

const char *const kNestingError = "nested deeper than";

}  // namespace

QList<HostileDicomFile> hostileDicomFiles() {
    QList<HostileDicomFile> files;
    const auto add = [&files](const char *name, const char *inputClass, const char *expect, QByteArray bytes) {
        files.append({QString::fromLatin1(name), QString::fromLatin1(inputClass), QString::fromLatin1(expect), false, std::move(bytes)});
    };

    // Sequences nested thousands deep (DCMTK recurses without a limit: stack overflow).
    add("nested-sequences-100000-explicit.dcm", "sequence nesting", kNestingError, explicitFile([](DatasetBytes &d) {
            ctAttributes(d);
            nest(d, 100000);
        }));
    {
        DatasetBytes d(true);
        ctAttributes(d);
        nest(d, 100000);
        add("nested-sequences-100000-implicit.dcm", "sequence nesting", kNestingError,
            preambleAndMeta("1.2.840.10008.1.2") + d.bytes());
    }
    {
        DatasetBytes d(false, true);
        ctAttributes(d);
        nest(d, 100000);
        add("nested-sequences-100000-big-endian.dcm", "sequence nesting", kNestingError,
            preambleAndMeta("1.2.840.10008.1.2.2") + d.bytes());
    }
    add("nested-sequences-100000-as-UN.dcm", "sequence nesting (CP-246 UN)", kNestingError, explicitFile([](DatasetBytes &d) {
            ctAttributes(d);
            d.header(0x0008, 0x1115, "UN", kUndefined).item();
            DatasetBytes inner(true);
            nest(inner, 100000);
            d.raw(inner.bytes()).itemEnd().sequenceEnd();
        }));
    {
        DatasetBytes d;
        ctAttributes(d);
        nest(d, 100000);
        add("nested-sequences-100000-deflated.dcm", "sequence nesting (deflated)", kNestingError,
            preambleAndMeta("1.2.840.10008.1.2.1.99") + deflateRaw(d.bytes()));
    }
    files.append({QStringLiteral("nested-sequences-128.dcm"), QStringLiteral("sequence nesting at the limit (legal)"), {},
                  true, explicitFile([](DatasetBytes &d) {
                      ctAttributes(d);
                      nest(d, 128);
                      d.element(0x7fe0, 0x0010, "OW", pixels(64));
                  })});
    {
        // The (0002,0001) tag mangled: DCMTK still reads the meta group by its length, finds
        // the deflated transfer syntax and recursed into the nesting (found by libFuzzer).
        DatasetBytes d;
        ctAttributes(d);
        nest(d, 100000);
        QByteArray file = preambleAndMeta("1.2.840.10008.1.2.1.99") + deflateRaw(d.bytes());
        file.replace(QByteArray("\x02\x00\x01\x00OB", 6), QByteArray("\x02\x05\x00\x00OB", 6));
        add("nested-sequences-100000-deflated-mangled-meta.dcm", "sequence nesting (deflated, mangled meta)", kNestingError, file);
        // A meta element whose VR is not two letters ("\x03I"): DCMTK reads a 2-byte length.
        QByteArray oddVr = preambleAndMeta("1.2.840.10008.1.2.1.99") + deflateRaw(d.bytes());
        oddVr.replace(QByteArray("\x02\x00\x03\x00UI", 6), QByteArray("\x02\x00\x00\x55\x03I", 6));
        add("nested-sequences-100000-deflated-odd-meta-vr.dcm", "sequence nesting (deflated, non-letter VR in meta)", kNestingError,
            oddVr);
    }
    add("nested-sequences-in-meta-group.dcm", "sequence nesting inside the file meta group", kNestingError, [] {
        DatasetBytes d;
        ctAttributes(d);
        d.element(0x7fe0, 0x0010, "OW", pixels(64));
        return preambleAndMeta("1.2.840.10008.1.2.1", [](DatasetBytes &meta) { nest(meta, 100000); }) + d.bytes();
    }());
    add("nested-items-100000-without-sequences.dcm", "items nested in items", "nested deeper than", explicitFile([](DatasetBytes &d) {
            ctAttributes(d);
            for (int i = 0; i < 100000; ++i) d.item();
            for (int i = 0; i < 100000; ++i) d.itemEnd();
        }));
    add("nested-sequences-129.dcm", "sequence nesting (one past the limit)", kNestingError, explicitFile([](DatasetBytes &d) {
            ctAttributes(d);
            nest(d, 129);
        }));

    // Declared value lengths far beyond the file.
    add("value-length-beyond-file.dcm", "declared length beyond the file", "", explicitFile([](DatasetBytes &d) {
            ctAttributes(d);
            d.header(0x0008, 0x103e, "UT", 0x7ffffff0u).raw("short");
        }));
    {
        DatasetBytes d;
        ctAttributes(d);
        d.header(0x4141, 0x4141, "AA", 0xbcbcbcbcu).raw(QByteArray(64, 'A'));
        add("value-length-beyond-file-deflated.dcm", "declared length beyond the data (deflated)", "declares",
            preambleAndMeta("1.2.840.10008.1.2.1.99") + deflateRaw(d.bytes()));
    }
    {
        DatasetBytes d;
        ctAttributes(d);
        d.header(0x0009, 0x1010, "OB", 40u << 20);
        add("deflate-bomb-40MiB.dcm", "deflate bomb", "at most 16 MiB inflated",
            preambleAndMeta("1.2.840.10008.1.2.1.99") + deflateRaw(d.bytes(), 40ll << 20));
    }

    {
        // 30 MiB of zeros after the header: 3.9 million empty (0000,0000) elements, each of
        // which DCMTK would build and log (4 s per read before the element cap).
        DatasetBytes d;
        ctAttributes(d);
        add("element-flood-deflated.dcm", "millions of empty elements (deflated)", "data elements",
            preambleAndMeta("1.2.840.10008.1.2.1.99") + deflateRaw(d.bytes(), 30ll << 20));
    }

    // Geometry that overflows or lies.
    add("rows-columns-frames-overflow.dcm", "Rows x Columns x Frames overflow", "", explicitFile([](DatasetBytes &d) {
            ctAttributes(d, {65535, 65535, 16, 16, 15});
            d.text(0x0028, 0x0008, "IS", "2147483647").element(0x7fe0, 0x0010, "OW", pixels(64));
        }));
    add("rows-as-UL.dcm", "Rows encoded as UL", "", explicitFile([](DatasetBytes &d) {
            ctAttributes(d);
            QByteArray big;
            d.put32(big, 0x10000000u);
            d.element(0x0028, 0x0010, "UL", big).element(0x7fe0, 0x0010, "OW", pixels(64));
        }));
    add("pixel-data-shorter-than-geometry.dcm", "pixel data shorter than the geometry", "PixelData",
        explicitFile([](DatasetBytes &d) {
            ctAttributes(d, {512, 512, 16, 12, 11});
            d.element(0x7fe0, 0x0010, "OW", pixels(100));
        }));
    add("bits-stored-beyond-allocated.dcm", "BitsStored/HighBit/BitsAllocated mismatch", "BitsStored",
        explicitFile([](DatasetBytes &d) {
            ctAttributes(d, {8, 8, 16, 40, 3});
            d.element(0x7fe0, 0x0010, "OW", pixels(64));
        }));
    add("palette-descriptor-mismatch.dcm", "palette LUT descriptor vs data", "", explicitFile([](DatasetBytes &d) {
            ctAttributes(d, {8, 8, 8, 8, 7, "PALETTE COLOR"});
            QByteArray descriptor;
            d.put16(descriptor, 0);  // 0 means 65536 entries
            d.put16(descriptor, 0);
            d.put16(descriptor, 16);
            for (quint16 e : {0x1101, 0x1102, 0x1103}) d.element(0x0028, e, "US", descriptor);
            for (quint16 e : {0x1201, 0x1202, 0x1203}) d.element(0x0028, e, "OW", QByteArray(2, '\0'));
            d.element(0x7fe0, 0x0010, "OB", pixels(64, 1));
        }));

    // Encapsulated pixel data that lies.
    const auto encapsulated = [](const char *syntax, const ImageHeader &h, const std::function<void(DatasetBytes &)> &items) {
        return explicitFile(
            [&](DatasetBytes &d) {
                ctAttributes(d, h);
                d.header(0x7fe0, 0x0010, "OB", kUndefined);
                items(d);
                d.sequenceEnd();
            },
            syntax);
    };
    add("rle-16-segments.dcm", "RLE with more than 15 segments", "", encapsulated("1.2.840.10008.1.2.5", {}, [](DatasetBytes &d) {
            QByteArray rle;
            d.put32(rle, 16);
            for (int i = 0; i < 15; ++i) d.put32(rle, 64 + quint32(i) * 4);
            rle.append(QByteArray(128, '\x01'));
            d.item(0).item(quint32(rle.size())).raw(rle);
        }));
    add("rle-header-truncated.dcm", "RLE header shorter than 64 bytes", "PixelData", encapsulated("1.2.840.10008.1.2.5", {}, [](DatasetBytes &d) {
            QByteArray rle;
            d.put32(rle, 2);
            d.put32(rle, 64);
            d.put32(rle, 0x7ffffff0u);
            rle.append(QByteArray(8, '\x7f'));
            d.item(0).item(quint32(rle.size())).raw(rle);
        }));
    add("rle-segment-offsets-beyond-fragment.dcm", "RLE segment offset out of range", "RLE segment 2",
        encapsulated("1.2.840.10008.1.2.5", {}, [](DatasetBytes &d) {
            QByteArray rle;
            d.put32(rle, 2);
            d.put32(rle, 64);
            d.put32(rle, 0x7ffffff0u);
            rle.append(QByteArray(64 - rle.size(), '\0')).append(QByteArray(16, '\x7f'));
            d.item(0).item(quint32(rle.size())).raw(rle);
        }));
    add("jpeg-ls-truncated.dcm", "truncated JPEG-LS stream", "PixelData", encapsulated("1.2.840.10008.1.2.4.80", {}, [](DatasetBytes &d) {
            const QByteArray soi("\xff\xd8\xff\xf7\x00\x0b\x0c\x00\x08\x00\x08\x01\x01\x11\x00", 15);
            QByteArray f = soi + QByteArray(1, '\0');
            d.item(0).item(quint32(f.size())).raw(f);
        }));
    add("jpeg-baseline-garbage.dcm", "garbage JPEG stream", "PixelData", encapsulated("1.2.840.10008.1.2.4.50", {8, 8, 8, 8, 7}, [](DatasetBytes &d) {
            QByteArray f("\xff\xd8\xff\xc0\x00\x11\x08\xff\xff\xff\xff\x01\x01\x11\x00", 15);
            f.append(QByteArray(17, '\xff'));
            d.item(0).item(quint32(f.size())).raw(f);
        }));
    add("jpeg2000-siz-mismatch.dcm", "JPEG 2000 SIZ dimensions differ from Rows/Columns", "PixelData",
        encapsulated("1.2.840.10008.1.2.4.90", {}, [](DatasetBytes &d) {
            // SOC, SIZ for a 65535 x 65535 one-component 16-bit image, then nothing.
            QByteArray f("\xff\x4f\xff\x51\x00\x29\x00\x00", 8);
            DatasetBytes be(false, true);
            QByteArray siz;
            for (quint32 v : {0xffffu, 0xffffu, 0u, 0u, 0xffffu, 0xffffu, 0u, 0u}) be.put32(siz, v);
            be.put16(siz, 1);
            siz.append(char(15)).append(char(1)).append(char(1));
            f.append(siz).append("\xff\xd9", 2);
            if (f.size() % 2) f.append('\0');
            d.item(0).item(quint32(f.size())).raw(f);
        }));
    add("jpeg2000-truncated.dcm", "truncated JPEG 2000 stream", "PixelData", encapsulated("1.2.840.10008.1.2.4.91", {}, [](DatasetBytes &d) {
            QByteArray f("\xff\x4f\xff\x51\x00", 6);
            d.item(0).item(quint32(f.size())).raw(f);
        }));
    add("fragment-length-beyond-file.dcm", "encapsulated fragment length beyond the file", "", encapsulated("1.2.840.10008.1.2.4.90", {}, [](DatasetBytes &d) {
            d.item(0).item(0x7ffffff0u).raw(QByteArray(16, '\0'));
        }));
    // Two frames in three fragments: the offset table decides, and it points nowhere.
    add("offset-table-underflow.dcm", "offset table underflow", "Basic Offset Table",
        encapsulated("1.2.840.10008.1.2.4.90", {8, 8, 16, 12, 11, "MONOCHROME2", "2"}, [](DatasetBytes &d) {
            QByteArray table;
            d.put32(table, 0xfffffff8u);
            d.put32(table, 0x7fffffffu);
            d.item(quint32(table.size())).raw(table);
            for (int i = 0; i < 3; ++i) d.item(4).raw(QByteArray("\xff\x4f\xff\x51", 4));
        }));

    // Structure that lies.
    add("meta-duplicate-tags.dcm", "duplicate tags in the meta header", "", [] {
        DatasetBytes d;
        ctAttributes(d);
        d.element(0x7fe0, 0x0010, "OW", pixels(64));
        return preambleAndMeta("1.2.840.10008.1.2.1", [](DatasetBytes &meta) {
                   meta.text(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.2").text(0x0002, 0x0003, "UI", "9.9");
               }) + d.bytes();
    }());
    add("wrong-vr-where-sequence-expected.dcm", "an element of the wrong VR where a sequence is expected", "",
        explicitFile([](DatasetBytes &d) {
            ctAttributes(d);
            d.text(0x0008, 0x1140, "LO", "not a sequence").element(0x5200, 0x9230, "OB", QByteArray(16, '\x11'));
            d.element(0x7fe0, 0x0010, "OW", pixels(64));
        }));
    {
        // DICOMDIR whose file IDs climb out of its folder.
        DatasetBytes d;
        d.text(0x0004, 0x1130, "CS", "HOSTILE").header(0x0004, 0x1220, "SQ", kUndefined).item();
        d.text(0x0004, 0x1430, "CS", "IMAGE").text(0x0004, 0x1500, "CS", "..\\..\\..\\etc\\passwd");
        d.itemEnd().item().text(0x0004, 0x1430, "CS", "IMAGE").text(0x0004, 0x1500, "CS", "/etc/shadow").itemEnd().sequenceEnd();
        QByteArray meta = preambleAndMeta("1.2.840.10008.1.2.1");
        meta.replace(QByteArray("1.2.840.10008.5.1.4.1.1.2"), QByteArray("1.2.840.10008.1.3.10\0\0\0\0\0", 25));
        add("DICOMDIR-path-traversal", "path traversal through DICOMDIR file IDs", "", meta + d.bytes());
    }
    return files;
}

QStringList writeHostileDicomFiles(const QString &dir) {
    QDir().mkpath(dir);
    QStringList written;
    for (const HostileDicomFile &f : hostileDicomFiles()) {
        QFile out(dir + QLatin1Char('/') + f.name);
        if (out.open(QIODevice::WriteOnly | QIODevice::Truncate) && out.write(f.bytes) == f.bytes.size()) written << out.fileName();
    }
    return written;
}

}  // namespace twin::test
