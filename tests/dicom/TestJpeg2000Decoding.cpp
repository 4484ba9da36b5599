// JPEG 2000 pixel data (decoded by OpenJPEG from the fragments DCMTK extracts):
// - lossless J2K made by an independent encoder (GDCM's gdcmconv) from public uncompressed
//   and RLE images decodes to exactly the same voxels (signed 16-bit MR, 2-frame CT);
// - the fragment layouts PS3.5 A.4 allows (one per frame, several per frame with a Basic
//   Offset Table, several without one) decode identically;
// - damaged codestreams and headers that disagree with the codestream are errors naming the
//   file and (7FE0,0010), never a crash and never a partly filled image.

#include "TestMain.h"

#include "CliProcess.h"
#include "twin/dicom/SeriesVolumeLoader.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <QFileInfo>
#include <QStandardPaths>

#include <memory>
#include <vector>

using twin::dicom::SeriesVolumeLoader;

class TestJpeg2000Decoding : public QObject {
    Q_OBJECT
private slots:
    void losslessMatchesSource_data();
    void losslessMatchesSource();
    void fragmentLayoutsDecodeIdentically_data();
    void fragmentLayoutsDecodeIdentically();
    void damagedFilesAreNamedErrors_data();
    void damagedFilesAreNamedErrors();
};

namespace {

using Frames = std::vector<std::vector<Uint8>>;

/// gdcmconv --j2k (lossless) of `source` into the scratch folder; empty when it failed.
QString encodeJpeg2000(const QString &source, const QString &name) {
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("gdcmconv"));
    if (tool.isEmpty()) return {};
    const QString out = twin::test::scratchDir(QStringLiteral("TestJpeg2000Decoding")) + QLatin1Char('/') + name;
    QFile::remove(out);
    const auto run = twin::test::runProgram(tool, {QStringLiteral("--j2k"), source, out});
    return run.exitCode == 0 && QFileInfo::exists(out) ? out : QString();
}

#define REQUIRE_J2K_COPY(var, source, name)                                                        \
    const QString var = encodeJpeg2000(source, name);                                              \
    if (var.isEmpty()) {                                                                           \
        if (twin::test::runningUnderCi()) QFAIL("gdcmconv (libgdcm-tools) missing or failed");   \
        QSKIP("gdcmconv (libgdcm-tools) missing or failed: install it to run this test");          \
    }

struct OpenedFile {
    std::unique_ptr<DcmFileFormat> file = std::make_unique<DcmFileFormat>();
    DcmPixelData *pixelData = nullptr;
    DcmPixelSequence *sequence = nullptr;
    E_TransferSyntax xfer = EXS_Unknown;
};

OpenedFile openEncapsulated(const QString &path) {
    OpenedFile opened;
    if (opened.file->loadFile(OFFilename(QFile::encodeName(path).constData())).bad()) return opened;
    DcmElement *element = nullptr;
    DcmDataset *data = opened.file->getDataset();
    opened.xfer = data->getOriginalXfer();
    if (data->findAndGetElement(DCM_PixelData, element).good()) opened.pixelData = dynamic_cast<DcmPixelData *>(element);
    if (opened.pixelData) opened.pixelData->getEncapsulatedRepresentation(opened.xfer, nullptr, opened.sequence);
    return opened;
}

/// The codestream of each frame of a file written with one fragment per frame.
Frames codestreams(const OpenedFile &opened) {
    Frames frames;
    for (unsigned long i = 1; opened.sequence && i < opened.sequence->card(); ++i) {
        DcmPixelItem *item = nullptr;
        Uint8 *bytes = nullptr;
        if (opened.sequence->getItem(item, i).bad() || item->getUint8Array(bytes).bad()) return {};
        frames.emplace_back(bytes, bytes + item->getLength());
    }
    return frames;
}

std::unique_ptr<DcmPixelItem> itemWith(const std::vector<Uint8> &bytes) {
    auto item = std::make_unique<DcmPixelItem>(DcmTag(DCM_Item, EVR_OB));
    if (!bytes.empty()) item->putUint8Array(bytes.data(), static_cast<unsigned long>(bytes.size()));
    return item;
}

/// Rewrites `opened` with each frame's codestream split into `pieces` even-length fragments,
/// with or without a Basic Offset Table, and saves it as `out`.
bool writeFragmented(OpenedFile &opened, const Frames &frames, int pieces, bool offsetTable, const QString &out) {
    auto sequence = std::make_unique<DcmPixelSequence>(DcmTag(DCM_PixelData, EVR_OB));
    std::vector<Uint8> table;
    std::vector<std::vector<Uint8>> fragments;
    Uint32 position = 0;
    for (const auto &frame : frames) {
        for (int b = 0; b < 4; ++b) table.push_back(Uint8(position >> (8 * b)));
        const std::size_t step = ((frame.size() + std::size_t(pieces) - 1) / std::size_t(pieces) + 1) & ~std::size_t(1);
        for (std::size_t at = 0; at < frame.size(); at += step) {
            std::vector<Uint8> piece(frame.begin() + long(at), frame.begin() + long(std::min(frame.size(), at + step)));
            if (piece.size() % 2) piece.push_back(0);
            position += 8 + Uint32(piece.size());
            fragments.push_back(std::move(piece));
        }
    }
    sequence->insert(itemWith(offsetTable ? table : std::vector<Uint8>{}).release());
    for (const auto &f : fragments) sequence->insert(itemWith(f).release());
    opened.pixelData->putOriginalRepresentation(opened.xfer, nullptr, sequence.release());
    QFile::remove(out);
    return opened.file->saveFile(OFFilename(QFile::encodeName(out).constData()), opened.xfer).good();
}

QString scratch(const QString &name) {
    return twin::test::scratchDir(QStringLiteral("TestJpeg2000Decoding")) + QLatin1Char('/') + name;
}

}  // namespace

void TestJpeg2000Decoding::losslessMatchesSource_data() {
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("frames");
    QTest::newRow("MR 64x64, signed 16-bit") << QStringLiteral("dicom-encodings/pydicom/MR_small.dcm") << 1;
    QTest::newRow("CT 512x512, 2 frames, from RLE")
        << QStringLiteral("dicom-encodings/cornerstone-dicomParser/encapsulated/multi-frame/CT0012.not_fragmented_bot_rle.dcm") << 2;
}

void TestJpeg2000Decoding::losslessMatchesSource() {
    QFETCH(QString, source);
    QFETCH(int, frames);
    DIDYMOS_REQUIRE_TEST_DATA(path, QStringLiteral("dicom/") + source);
    REQUIRE_J2K_COPY(j2k, path, QFileInfo(path).baseName() + QStringLiteral("_j2k.dcm"));
    const auto reference = SeriesVolumeLoader::loadSeries({path});
    QVERIFY2(reference.ok(), qPrintable(reference.error().message()));
    const auto decoded = SeriesVolumeLoader::loadSeries({j2k});
    QVERIFY2(decoded.ok(), qPrintable(decoded.error().message()));
    QCOMPARE(decoded.value().volume().geometry().dimensions[2], frames);
    QCOMPARE(decoded.value().volume().geometry().dimensions, reference.value().volume().geometry().dimensions);
    QVERIFY(decoded.value().volume().voxels() == reference.value().volume().voxels());
    const auto [lo, hi] = std::minmax_element(decoded.value().volume().voxels().begin(), decoded.value().volume().voxels().end());
    QVERIFY2(*lo < *hi, "a constant image proves nothing");
}

void TestJpeg2000Decoding::fragmentLayoutsDecodeIdentically_data() {
    QTest::addColumn<int>("pieces");
    QTest::addColumn<bool>("offsetTable");
    QTest::newRow("3 fragments per frame, offset table") << 3 << true;
    QTest::newRow("3 fragments per frame, no offset table") << 3 << false;
    QTest::newRow("1 fragment per frame, offset table") << 1 << true;
}

void TestJpeg2000Decoding::fragmentLayoutsDecodeIdentically() {
    QFETCH(int, pieces);
    QFETCH(bool, offsetTable);
    DIDYMOS_REQUIRE_TEST_DATA(path, "dicom/dicom-encodings/cornerstone-dicomParser/encapsulated/multi-frame/CT0012.not_fragmented_bot_rle.dcm");
    REQUIRE_J2K_COPY(j2k, path, QStringLiteral("CT0012_j2k.dcm"));
    OpenedFile opened = openEncapsulated(j2k);
    const Frames frames = codestreams(opened);
    QCOMPARE(frames.size(), std::size_t(2));
    const QString out = scratch(QStringLiteral("fragmented_%1_%2.dcm").arg(pieces).arg(offsetTable));
    QVERIFY(writeFragmented(opened, frames, pieces, offsetTable, out));
    QCOMPARE(openEncapsulated(out).sequence->card(), 1ul + 2ul * unsigned(pieces));

    const auto reference = SeriesVolumeLoader::loadSeries({path});
    const auto decoded = SeriesVolumeLoader::loadSeries({out});
    QVERIFY2(decoded.ok(), qPrintable(decoded.error().message()));
    QVERIFY(decoded.value().volume().voxels() == reference.value().volume().voxels());
}

void TestJpeg2000Decoding::damagedFilesAreNamedErrors_data() {
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("codestream cut in half") << QStringLiteral("truncate") << QStringLiteral("could not be decoded");
    QTest::newRow("SIZ marker zeroed") << QStringLiteral("zero-siz") << QStringLiteral("header could not be read");
    QTest::newRow("Rows disagree with the codestream") << QStringLiteral("rows") << QStringLiteral("the DICOM header says 64 x 32");
    QTest::newRow("empty fragment") << QStringLiteral("empty") << QStringLiteral("empty");
}

void TestJpeg2000Decoding::damagedFilesAreNamedErrors() {
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    DIDYMOS_REQUIRE_TEST_DATA(path, "dicom/dicom-encodings/pydicom/MR_small.dcm");
    REQUIRE_J2K_COPY(j2k, path, QStringLiteral("MR_small_j2k.dcm"));
    OpenedFile opened = openEncapsulated(j2k);
    Frames frames = codestreams(opened);
    QCOMPARE(frames.size(), std::size_t(1));
    std::vector<Uint8> &stream = frames.front();
    if (damage == QLatin1String("truncate")) stream.resize((stream.size() / 2) & ~std::size_t(1));
    if (damage == QLatin1String("zero-siz")) std::fill(stream.begin() + 2, stream.begin() + 40, Uint8(0));
    if (damage == QLatin1String("empty")) stream.clear();
    if (damage == QLatin1String("rows")) opened.file->getDataset()->putAndInsertUint16(DCM_Rows, 32);
    const QString out = scratch(QStringLiteral("damaged_%1.dcm").arg(damage));
    QVERIFY(writeFragmented(opened, frames, 1, false, out));

    const auto loaded = SeriesVolumeLoader::loadSeries({out});
    QVERIFY2(!loaded.ok(), qPrintable(damage));
    QCOMPARE(loaded.error().file(), out);
    QCOMPARE(loaded.error().tag(), QStringLiteral("(7FE0,0010) PixelData"));
    QVERIFY2(loaded.error().message().contains(expected), qPrintable(loaded.error().message()));
}

DIDYMOS_TEST_MAIN(TestJpeg2000Decoding)
#include "TestJpeg2000Decoding.moc"
