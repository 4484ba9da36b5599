// SeriesVolumeLoader on public data: the STS_019 sarcoma CT / MR / PET and the OpenTPS 200^3 CT
// (dimensions, spacing, origin = IPP of the first slice after sorting, direction from IOP,
// plausible values, shuffled file order), the tiny CT as single-frame files and as one enhanced
// multi-frame file (same geometry and pixels), the same image in several lossless encodings
// (identical pixels), JPEG 2000, and every malformed file (an error naming the file, or a volume).
//
// Expected geometry is read here independently with DCMTK from the files themselves.

#include "TestMain.h"

#include "twin/dicom/SeriesVolumeLoader.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <random>

using twin::dicom::LoadedSeriesVolume;
using twin::dicom::SeriesVolumeLoader;

namespace {

QStringList dicomFilesIn(const QString &dir) {
    QStringList files;
    for (const QFileInfo &info : QDir(dir).entryInfoList({QStringLiteral("*.dcm")}, QDir::Files, QDir::Name))
        files << info.absoluteFilePath();
    return files;
}

struct PlaneOf {
    std::array<double, 3> ipp{};
    std::array<double, 6> iop{};
    std::array<double, 2> spacing{};
};

PlaneOf planeOf(const QString &path) {
    DcmFileFormat file;
    file.loadFile(OFFilename(QFile::encodeName(path).constData()));
    PlaneOf p;
    Float64 v = 0;
    for (unsigned long i = 0; i < 3; ++i) file.getDataset()->findAndGetFloat64(DCM_ImagePositionPatient, v, i), p.ipp[i] = v;
    for (unsigned long i = 0; i < 6; ++i) file.getDataset()->findAndGetFloat64(DCM_ImageOrientationPatient, v, i), p.iop[i] = v;
    for (unsigned long i = 0; i < 2; ++i) file.getDataset()->findAndGetFloat64(DCM_PixelSpacing, v, i), p.spacing[i] = v;
    return p;
}

bool near(double a, double b, double tolerance = 1e-4) { return std::fabs(a - b) <= tolerance; }

}  // namespace

class TestSeriesVolumeLoader : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void loadsSarcomaSeries_data();
    void loadsSarcomaSeries();
    void loadsOpenTpsCt();
    void enhancedMultiframeEqualsSingleFrames();
    void losslessEncodingsDecodeIdentically_data();
    void losslessEncodingsDecodeIdentically();
    void decodesJpeg2000();
    void malformedFilesGiveNamedErrorOrVolume_data();
    void malformedFilesGiveNamedErrorOrVolume();
};

void TestSeriesVolumeLoader::loadsSarcomaSeries_data() {
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("modality");
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("rows");
    QTest::addColumn<double>("minReal");
    QTest::addColumn<double>("maxReal");
    // Rows x Columns as DicomFileProbe reads them: CT 134 x 136, MR 110 x 112.
    QTest::newRow("CT") << "CT" << "CT" << 136 << 134 << -1100.0 << 4000.0;
    QTest::newRow("MR T1") << "MR_T1" << "MR" << 112 << 110 << 0.0 << 70000.0;
    QTest::newRow("PET") << "PET" << "PT" << 28 << 28 << 0.0 << 1e7;
}

void TestSeriesVolumeLoader::loadsSarcomaSeries() {
    QFETCH(QString, folder);
    QFETCH(QString, modality);
    QFETCH(int, columns);
    QFETCH(int, rows);
    QFETCH(double, minReal);
    QFETCH(double, maxReal);
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/ct-mr-pet-sarcoma-rtstruct/dicom/STS_019");
    QStringList files = dicomFilesIn(root + QLatin1Char('/') + folder + QStringLiteral("/image"));
    QCOMPARE(files.size(), 47);

    const auto loaded = SeriesVolumeLoader::loadSeries(files);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message()));
    QCOMPARE(loaded.value().modality, modality);
    const auto &volume = loaded.value().volume();
    const auto &g = volume.geometry();
    QVERIFY2(g.dimensions == (std::array<int, 3>{columns, rows, 47}),
             qPrintable(QStringLiteral("%1 x %2 x %3, %4").arg(g.dimensions[0]).arg(g.dimensions[1]).arg(g.dimensions[2])
                            .arg(loaded.value().name)));

    // Independent expectation: sort the files' IPPs along the IOP normal.
    std::vector<PlaneOf> planes;
    for (const QString &f : files) planes.push_back(planeOf(f));
    const auto &o = planes.front().iop;
    const std::array<double, 3> n{o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
    auto along = [&](const PlaneOf &p) { return p.ipp[0] * n[0] + p.ipp[1] * n[1] + p.ipp[2] * n[2]; };
    std::sort(planes.begin(), planes.end(), [&](const auto &a, const auto &b) { return along(a) < along(b); });
    for (int a = 0; a < 3; ++a) {
        QVERIFY(near(g.originMm[a], planes.front().ipp[a]));
        QVERIFY(near(g.rowDirection[a], o[a]));
        QVERIFY(near(g.columnDirection[a], o[a + 3]));
        QVERIFY(near(g.sliceDirection[a], n[a], 1e-3));
    }
    QVERIFY(near(g.spacingMm[0], planes.front().spacing[1]));
    QVERIFY(near(g.spacingMm[1], planes.front().spacing[0]));
    QVERIFY(near(g.spacingMm[2], (along(planes.back()) - along(planes.front())) / 46.0));

    double lo = 1e300, hi = -1e300;
    for (std::int16_t s : volume.voxels()) {
        lo = std::min(lo, volume.toReal(s));
        hi = std::max(hi, volume.toReal(s));
    }
    QVERIFY2(lo >= minReal && hi <= maxReal && hi > lo, qPrintable(QStringLiteral("range %1 .. %2").arg(lo).arg(hi)));
    if (modality == QLatin1String("CT")) QVERIFY2(lo < -500 && hi > 100, "CT holds air and soft tissue in HU");

    // Shuffled file order: the same volume.
    std::shuffle(files.begin(), files.end(), std::mt19937(7));
    const auto shuffled = SeriesVolumeLoader::loadSeries(files);
    QVERIFY(shuffled.ok());
    QVERIFY(shuffled.value().volume().voxels() == volume.voxels());
    QCOMPARE(shuffled.value().volume().geometry().originMm, g.originMm);
    QCOMPARE(shuffled.value().volume().valueScale(), volume.valueScale());
}

void TestSeriesVolumeLoader::loadsOpenTpsCt() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/ct-digital-phantom-opentps-rtstruct/SimpleFantomWithStruct");
    QStringList files;
    for (const QString &f : dicomFilesIn(root))
        if (QFileInfo(f).fileName().startsWith(QLatin1String("CT"))) files << f;
    QCOMPARE(files.size(), 200);
    twin::core::JobContext context;
    const auto loaded = SeriesVolumeLoader::loadSeries(files, {}, &context);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message()));
    QCOMPARE(context.progress(), 1.0);
    const auto &g = loaded.value().volume().geometry();
    QCOMPARE(g.dimensions, (std::array<int, 3>{200, 200, 200}));
    for (int a = 0; a < 3; ++a) QVERIFY(near(g.spacingMm[a], 1.0));
    QVERIFY(loaded.value().volume().hasIdentityValueMapping());
}

void TestSeriesVolumeLoader::enhancedMultiframeEqualsSingleFrames() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/dicom-seg/dcmqi-tiny-23x38x3");
    const auto single = SeriesVolumeLoader::loadSeries(dicomFilesIn(root + QStringLiteral("/image")));
    const auto multi = SeriesVolumeLoader::loadSeries({root + QStringLiteral("/multiframe/mf.dcm")});
    QVERIFY2(single.ok(), qPrintable(single.error().message()));
    QVERIFY2(multi.ok(), qPrintable(multi.error().message()));
    const auto &a = single.value().volume().geometry(), &b = multi.value().volume().geometry();
    QCOMPARE(a.dimensions, (std::array<int, 3>{23, 38, 3}));
    QCOMPARE(b.dimensions, a.dimensions);
    for (int axis = 0; axis < 3; ++axis) {
        QVERIFY(near(a.originMm[axis], b.originMm[axis]));
        QVERIFY(near(a.spacingMm[axis], b.spacingMm[axis]));
        QVERIFY(near(a.sliceDirection[axis], b.sliceDirection[axis]));
    }
    QVERIFY(near(a.originMm[2], -177.75) && near(a.spacingMm[2], 2.5) && near(a.spacingMm[0], 0.7));
    QVERIFY(single.value().volume().voxels() == multi.value().volume().voxels());
}

void TestSeriesVolumeLoader::losslessEncodingsDecodeIdentically_data() {
    QTest::addColumn<QStringList>("group");
    const QString mf = QStringLiteral("dicom-encodings/cornerstone-dicomParser/encapsulated/multi-frame/CT0012.");
    QTest::newRow("CT 512x512: implicit LE, explicit BE, JPEG-LS")
        << QStringList{"dicom-encodings/cornerstone-dicomParser/CT1_UNC.implicit_little_endian.dcm",
                       "dicom-encodings/cornerstone-dicomParser/CT1_UNC.explicit_big_endian.dcm",
                       "dicom-encodings/cornerstone-dicomParser/encapsulated/single-frame/CT1_UNC.fragmented_bot_jpeg_ls.80.dcm"};
    QTest::newRow("enhanced CT 2 frames: RLE, JPEG lossless 57/70, JPEG-LS")
        << QStringList{mf + "not_fragmented_bot_rle.dcm", mf + "fragmented_no_bot_jpeg_lossless.57.dcm",
                       mf + "fragmented_no_bot_jpeg_lossless.70.dcm", mf + "fragmented_no_bot_jpeg_ls.80.dcm",
                       mf + "not_fragmented_no_bot_jpeg_ls.80.dcm"};
    QTest::newRow("MR 64x64: explicit LE/BE, implicit LE")
        << QStringList{"dicom-encodings/pydicom/MR_small.dcm", "dicom-encodings/pydicom/MR_small_bigendian.dcm",
                       "dicom-encodings/pydicom/MR_small_expb.dcm", "dicom-encodings/pydicom/MR_small_implicit.dcm"};
}

void TestSeriesVolumeLoader::losslessEncodingsDecodeIdentically() {
    QFETCH(QStringList, group);
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom");
    std::optional<LoadedSeriesVolume> reference;
    for (const QString &relative : group) {
        const auto loaded = SeriesVolumeLoader::loadSeries({root + QLatin1Char('/') + relative});
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message()));
        if (!reference) {
            reference = loaded.value();
            continue;
        }
        QCOMPARE(loaded.value().volume().geometry().dimensions, reference->volume().geometry().dimensions);
        QVERIFY2(loaded.value().volume().voxels() == reference->volume().voxels(), qPrintable(relative));
    }
}

void TestSeriesVolumeLoader::decodesJpeg2000() {
    // Lossy JPEG 2000 of the NM image also stored as JPEG extended: same size, close values.
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/dicom-encodings/pydicom");
    const auto j2k = SeriesVolumeLoader::loadSeries({root + QStringLiteral("/JPEG2000.dcm")});
    QVERIFY2(j2k.ok(), qPrintable(j2k.error().message()));
    const auto jpeg = SeriesVolumeLoader::loadSeries({root + QStringLiteral("/JPGExtended.dcm")});
    QVERIFY2(jpeg.ok(), qPrintable(jpeg.error().message()));
    const auto &a = j2k.value().volume().voxels(), &b = jpeg.value().volume().voxels();
    QCOMPARE(j2k.value().volume().geometry().dimensions, (std::array<int, 3>{256, 1024, 1}));
    QCOMPARE(a.size(), b.size());
    // Header: SmallestImagePixelValue 0, LargestImagePixelValue 278. Lossy codecs differ a
    // little: the images must correlate closely.
    const auto [lo, hi] = std::minmax_element(a.begin(), a.end());
    QVERIFY2(*lo >= -64 && *hi <= 300 && *hi > 200, qPrintable(QStringLiteral("range %1 .. %2").arg(*lo).arg(*hi)));
    double meanA = 0, meanB = 0;
    for (std::size_t i = 0; i < a.size(); ++i) meanA += a[i], meanB += b[i];
    meanA /= double(a.size());
    meanB /= double(b.size());
    double ab = 0, aa = 0, bb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ab += (a[i] - meanA) * (b[i] - meanB);
        aa += (a[i] - meanA) * (a[i] - meanA);
        bb += (b[i] - meanB) * (b[i] - meanB);
    }
    const double correlation = ab / std::sqrt(aa * bb);
    QVERIFY2(correlation > 0.95, qPrintable(QStringLiteral("correlation %1").arg(correlation)));
}

void TestSeriesVolumeLoader::malformedFilesGiveNamedErrorOrVolume_data() {
    QTest::addColumn<QString>("file");
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/dicom-malformed");
    QDirIterator it(root, {QStringLiteral("*.dcm")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext()) files << it.next();
    files.sort();
    for (const QString &f : files) QTest::newRow(qPrintable(QDir(root).relativeFilePath(f))) << f;
}

void TestSeriesVolumeLoader::malformedFilesGiveNamedErrorOrVolume() {
    QFETCH(QString, file);
    const auto loaded = SeriesVolumeLoader::loadSeries({file});
    if (loaded.ok()) {
        QVERIFY(!loaded.value().volumes.empty());
        QVERIFY(loaded.value().volume().voxels().size() == loaded.value().volume().geometry().voxelCount());
        return;
    }
    QCOMPARE(loaded.error().file(), file);
    QVERIFY2(loaded.error().message().startsWith(file + QStringLiteral(": ")), qPrintable(loaded.error().message()));
    qInfo("%s", qPrintable(loaded.error().message()));
}

DIDYMOS_TEST_MAIN(TestSeriesVolumeLoader)
#include "TestSeriesVolumeLoader.moc"
