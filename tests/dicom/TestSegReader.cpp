// DICOM SEG -> per-segment masks (twin::dicom::SegReader + SegRasterizer):
//  - DICOM scaled CIELab -> sRGB against known values (primaries, white, black, grey, Slicer's liver);
//  - dcmqi liver SEG on its 3 source CT slices (loaded with SeriesVolumeLoader): the mask lies
//    on those slices, label, codes and colour read, every reference resolves;
//  - the tiny 23x38x3 CT with its SEG;
//  - highdicom binary, binary-as-fractional, true fractional and overlapping SEGs on their
//    source CT (sparse: 3 of its slices): binary and fractional >= 0.5 masks agree, the
//    overlapping segments are both present and overlap;
//  - dcmqi partial overlaps (5 segments, 7 frames) and the sparse LABELMAP SEG;
//  - the 96-frame TCGA-GBM SEG without its MR: the grid is built from the frames;
//  - every file of dicom/dicom-malformed: no crash, errors name the file;
//  - hostile variants of a real SEG written here (huge Rows x Columns, short or missing pixel
//    data, bad type, bits, segment numbers, frames without segment or position): errors name
//    the file and the tag, unknown segments and positionless frames are warnings.

#include "TestMain.h"
#include "TestData.h"

#include "twin/core/VolumeIndexing.h"
#include "twin/dicom/SegReader.h"
#include "twin/dicom/SeriesVolumeLoader.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>

#include <functional>
#include <QSet>

#include <cmath>

using namespace twin::dicom;

namespace {

QString joined(const QStringList &warnings) { return warnings.join(QLatin1Char('\n')); }

std::size_t countOnes(const twin::core::ScalarVolume &v) {
    std::size_t n = 0;
    for (auto x : v.voxels()) n += x ? 1 : 0;
    return n;
}

/// Slices (k) holding at least one voxel of the mask.
QSet<int> slicesWithVoxels(const twin::core::ScalarVolume &v) {
    QSet<int> slices;
    const std::size_t perSlice = std::size_t(v.dimension(0)) * std::size_t(v.dimension(1));
    for (int k = 0; k < v.dimension(2); ++k) {
        const std::int16_t *s = v.slice(k);
        for (std::size_t i = 0; i < perSlice; ++i)
            if (s[i]) {
                slices << k;
                break;
            }
    }
    return slices;
}

/// Slices (k) of `geometry` on which the frames of `segment` lie.
QSet<int> frameSlices(const SegDocument &seg, int segment, const twin::core::VolumeGeometry &geometry) {
    QSet<int> slices;
    for (const SegFrame &f : seg.frames) {
        if (segment && f.segmentNumber != segment) continue;
        const auto index = twin::core::patientToIndex(geometry, f.positionMm);
        if (index) slices << int(std::lround((*index)[2]));
    }
    return slices;
}

QStringList filesIn(const QString &dir) {
    QStringList files;
    for (const QString &name : QDir(dir).entryList(QDir::Files, QDir::Name))
        if (!name.endsWith(QLatin1String(".txt"))) files << QDir(dir).filePath(name);
    return files;
}

SegReferenceImage referenceOf(const LoadedSeriesVolume &loaded) {
    return {loaded.volume().geometry(), loaded.frameOfReferenceUid, loaded.seriesInstanceUid, loaded.sliceSopInstanceUids};
}

}  // namespace

class TestSegReader : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void cieLabToRgb_data();
    void cieLabToRgb();
    void liverSegOnItsThreeCtSlices();
    void tinySegOnItsCt();
    void highdicomBinaryFractionalAndOverlap();
    void partialOverlapsAndSparseLabelmap();
    void gbmSegBuildsItsOwnGrid();
    void malformedFilesFailCleanly();
    void hostileSegVariantsFailCleanly();
};

void TestSegReader::cieLabToRgb_data() {
    QTest::addColumn<int>("L");
    QTest::addColumn<int>("a");
    QTest::addColumn<int>("b");
    QTest::addColumn<int>("r");
    QTest::addColumn<int>("g");
    QTest::addColumn<int>("bl");
    // Lab of the sRGB primaries (D65): red (53.24, 80.09, 67.20), green (87.73, -86.18, 83.18),
    // blue (32.30, 79.19, -107.86), scaled L*655.35, (a+128)*65535/255.
    QTest::newRow("red") << 34891 << 53480 << 50167 << 255 << 0 << 0;
    QTest::newRow("green") << 57497 << 10747 << 54273 << 0 << 255 << 0;
    QTest::newRow("blue") << 21166 << 53247 << 5176 << 0 << 0 << 255;
    QTest::newRow("white") << 65535 << 32896 << 32896 << 255 << 255 << 255;
    QTest::newRow("black") << 0 << 32896 << 32896 << 0 << 0 << 0;
    QTest::newRow("grey L=53.585") << 35117 << 32896 << 32896 << 128 << 128 << 128;
    // dcmqi's liver colour is 3D Slicer's liver (221, 130, 101).
    QTest::newRow("slicer liver") << 41661 << 41167 << 40792 << 221 << 130 << 101;
}

void TestSegReader::cieLabToRgb() {
    QFETCH(int, L);
    QFETCH(int, a);
    QFETCH(int, b);
    QFETCH(int, r);
    QFETCH(int, g);
    QFETCH(int, bl);
    const auto rgb = dicomLabToRgb({L, a, b});
    QVERIFY2(std::abs(rgb[0] - r) <= 1 && std::abs(rgb[1] - g) <= 1 && std::abs(rgb[2] - bl) <= 1,
             qPrintable(QStringLiteral("got %1 %2 %3").arg(rgb[0]).arg(rgb[1]).arg(rgb[2])));
}

void TestSegReader::liverSegOnItsThreeCtSlices() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/dicom-seg/dcmqi-liver-ct3slice");
    const auto ct = SeriesVolumeLoader::loadSeries(filesIn(root + QStringLiteral("/ct-3slice")));
    QVERIFY2(ct.ok(), qPrintable(ct.error().message()));
    QCOMPARE(ct.value().volume().dimension(2), 3);
    QCOMPARE(ct.value().sliceSopInstanceUids.size(), 3);
    QVERIFY(!ct.value().frameOfReferenceUid.isEmpty());
    QVERIFY(!ct.value().studyInstanceUid.isEmpty());

    const auto seg = SegReader::read(root + QStringLiteral("/liver.dcm"));
    QVERIFY2(seg.ok(), qPrintable(seg.error().message()));
    const SegDocument &doc = seg.value();
    QCOMPARE(doc.type, SegDocument::Type::Binary);
    QCOMPARE(doc.frames.size(), 3);
    QCOMPARE(doc.segments.size(), 1);
    const SegSegment &liver = doc.segments.front();
    QCOMPARE(liver.number, 1);
    QCOMPARE(liver.label, QStringLiteral("Liver"));
    QVERIFY(liver.hasColour);
    QVERIFY(std::abs(liver.rgb[0] - 221) <= 1 && std::abs(liver.rgb[1] - 130) <= 1 && std::abs(liver.rgb[2] - 101) <= 1);
    QVERIFY(liver.type.has_value());
    QCOMPARE(liver.type->meaning, QStringLiteral("Liver"));
    QVERIFY(liver.type->value == QLatin1String("T-62000") || liver.type->value == QLatin1String("10200004"));  // SRT or SCT
    QVERIFY(liver.type->scheme == QLatin1String("SRT") || liver.type->scheme == QLatin1String("SCT"));
    QVERIFY(liver.category.has_value());
    QCOMPARE(liver.category->meaning, QStringLiteral("Tissue"));
    QVERIFY(!liver.algorithmType.isEmpty());
    // Every referenced instance is one of the three CT slices.
    for (const SegFrame &f : doc.frames) QVERIFY(ct.value().sliceSopInstanceUids.contains(f.referencedSopInstanceUid));
    QVERIFY(doc.referencedSeriesUids.contains(ct.value().seriesInstanceUid));

    const SegRasterization raster = SegRasterizer::rasterize(doc, referenceOf(ct.value()));
    QVERIFY2(raster.warnings.isEmpty(), qPrintable(joined(raster.warnings)));
    QCOMPARE(raster.masks.size(), 1);
    const SegSegmentMask &mask = raster.masks.front();
    QCOMPARE(mask.frameCount, 3);
    QCOMPARE(mask.mask.labels.size(), 1);
    QCOMPARE(mask.mask.labels.front().name, QStringLiteral("Liver"));
    QVERIFY(mask.mask.labels.front().hasColour);
    QCOMPARE(mask.mask.labels.front().rgb, liver.rgb);
    QCOMPARE(mask.mask.labels.front().type->value, liver.type->value);
    QVERIFY(mask.fraction.isEmpty());
    const std::size_t voxels = countOnes(mask.mask.volume);
    QVERIFY(voxels > 1000);
    // The number of mask voxels equals the set pixels of the frames (same grid, one-to-one).
    std::size_t pixels = 0;
    for (std::uint16_t v : doc.pixels) pixels += v ? 1 : 0;
    QCOMPARE(voxels, pixels);
    QVERIFY(slicesWithVoxels(mask.mask.volume).subtract(frameSlices(doc, 1, mask.mask.volume.geometry())).isEmpty());
    qInfo("liver: %zu voxels, %.1f ml, on slices of %d", voxels, mask.mask.volumeMm3(1) / 1000.0, mask.mask.volume.dimension(2));

    // A reference of another series and frame of reference warns, naming the tags.
    SegReferenceImage other = referenceOf(ct.value());
    other.frameOfReferenceUid = QStringLiteral("1.2.3");
    other.seriesInstanceUid = QStringLiteral("1.2.3.4");
    other.sopInstanceUids = {QStringLiteral("9.9")};
    const SegRasterization warned = SegRasterizer::rasterize(doc, other);
    const QString all = joined(warned.warnings);
    QVERIFY2(all.contains(QLatin1String("(0020,0052)")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("(0008,1115)")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("\"Liver\"")) && all.contains(QLatin1String("(0008,1155)")), qPrintable(all));
    QCOMPARE(countOnes(warned.masks.front().mask.volume), voxels);
}

void TestSegReader::tinySegOnItsCt() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/dicom-seg/dcmqi-tiny-23x38x3");
    const auto ct = SeriesVolumeLoader::loadSeries(filesIn(root + QStringLiteral("/image")));
    QVERIFY2(ct.ok(), qPrintable(ct.error().message()));
    const auto &g = ct.value().volume().geometry();
    QCOMPARE(g.dimensions, (std::array<int, 3>{23, 38, 3}));
    const auto seg = SegReader::read(root + QStringLiteral("/seg/label.seg"));
    QVERIFY2(seg.ok(), qPrintable(seg.error().message()));
    QCOMPARE(seg.value().rows, 38);
    QCOMPARE(seg.value().columns, 23);
    QCOMPARE(seg.value().frames.size(), 3);
    const SegRasterization raster = SegRasterizer::rasterize(seg.value(), referenceOf(ct.value()));
    QVERIFY2(raster.warnings.isEmpty(), qPrintable(joined(raster.warnings)));
    QCOMPARE(raster.masks.size(), 1);
    const auto &mask = raster.masks.front().mask;
    QCOMPARE(mask.labels.front().name, QStringLiteral("Liver"));
    std::size_t pixels = 0;
    for (std::uint16_t v : seg.value().pixels) pixels += v ? 1 : 0;
    QVERIFY(pixels > 0);
    QCOMPARE(countOnes(mask.volume), pixels);

    // The same SEG on its own grid (built from the frames) matches the CT's grid.
    const auto own = SegRasterizer::geometryFromFrames(seg.value());
    QVERIFY2(own.ok(), qPrintable(own.error().message()));
    QCOMPARE(own.value().dimensions, g.dimensions);
    for (int a = 0; a < 3; ++a) QVERIFY(std::fabs(own.value().spacingMm[a] - g.spacingMm[a]) < 1e-3);

    // The same CT as one enhanced multi-frame file (another series, one SOP instance): the
    // SEG maps onto it identically, with warnings naming the unknown series and instances.
    const auto mf = SeriesVolumeLoader::loadSeries({root + QStringLiteral("/multiframe/mf.dcm")});
    QVERIFY2(mf.ok(), qPrintable(mf.error().message()));
    QCOMPARE(mf.value().sliceSopInstanceUids.size(), 3);
    QCOMPARE(QSet<QString>(mf.value().sliceSopInstanceUids.begin(), mf.value().sliceSopInstanceUids.end()).size(), 1);
    const SegRasterization onMf = SegRasterizer::rasterize(seg.value(), referenceOf(mf.value()));
    const QString all = joined(onMf.warnings);
    QVERIFY2(all.contains(QLatin1String("(0008,1115)")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("\"Liver\"")) && all.contains(QLatin1String("(0008,1155)")), qPrintable(all));
    QVERIFY(onMf.masks.front().mask.volume.voxels() == mask.volume.voxels());
}

void TestSegReader::highdicomBinaryFractionalAndOverlap() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/dicom-seg/highdicom");
    // The source CT: 3 contiguous slices 1.25 mm apart and one 200 mm away; resampled to a
    // uniform grid the SEG frames land on 3 of its 165 slices (sparse).
    SeriesLoadOptions options;
    options.resampleToUniformSpacing = true;
    const auto ct = SeriesVolumeLoader::loadSeries(filesIn(root + QStringLiteral("/source-ct-pydicom-77654033-CT2")), options);
    QVERIFY2(ct.ok(), qPrintable(ct.error().message()));
    QCOMPARE(ct.value().sliceSopInstanceUids.size(), 4);
    const SegReferenceImage reference = referenceOf(ct.value());
    qInfo("source CT grid %d x %d x %d", reference.geometry.dimensions[0], reference.geometry.dimensions[1],
          reference.geometry.dimensions[2]);

    auto rasterized = [&](const char *name, SegDocument *document = nullptr) {
        const auto seg = SegReader::read(root + QLatin1Char('/') + QLatin1String(name));
        if (!seg.ok()) qWarning("%s", qPrintable(seg.error().message()));
        if (document && seg.ok()) *document = seg.value();
        return seg.ok() ? SegRasterizer::rasterize(seg.value(), reference) : SegRasterization{};
    };
    SegDocument binaryDoc, fractionalDoc, trueDoc, overlapDoc;
    const SegRasterization binary = rasterized("seg_image_ct_binary.dcm", &binaryDoc);
    const SegRasterization asFractional = rasterized("seg_image_ct_binary_fractional.dcm", &fractionalDoc);
    const SegRasterization trueFractional = rasterized("seg_image_ct_true_fractional.dcm", &trueDoc);
    const SegRasterization overlap = rasterized("seg_image_ct_binary_overlap.dcm", &overlapDoc);
    for (const SegRasterization *r : {&binary, &asFractional, &trueFractional, &overlap}) {
        QCOMPARE(r->masks.isEmpty(), false);
        QVERIFY2(r->warnings.isEmpty(), qPrintable(joined(r->warnings)));
    }
    QCOMPARE(binaryDoc.type, SegDocument::Type::Binary);
    QCOMPARE(fractionalDoc.type, SegDocument::Type::Fractional);
    QCOMPARE(fractionalDoc.maxFractionalValue, 255);
    QCOMPARE(trueDoc.fractionalType, QStringLiteral("PROBABILITY"));
    QCOMPARE(binaryDoc.segments.front().label, QStringLiteral("first segment"));
    QCOMPARE(binaryDoc.segments.front().algorithmType, QStringLiteral("AUTOMATIC"));
    QCOMPARE(trueDoc.segments.front().type->meaning, QStringLiteral("Bone"));

    // Binary and fractional >= 0.5 agree voxel for voxel; the mask lies on the frames' slices.
    const auto &b = binary.masks.front().mask.volume;
    const std::size_t voxels = countOnes(b);
    QVERIFY(voxels > 0);
    QVERIFY(b.voxels() == asFractional.masks.front().mask.volume.voxels());
    QCOMPARE(slicesWithVoxels(b).size() <= 3, true);
    QVERIFY(slicesWithVoxels(b).subtract(frameSlices(binaryDoc, 1, b.geometry())).isEmpty());
    QVERIFY(binary.masks.front().fraction.isEmpty());
    QVERIFY(!asFractional.masks.front().fraction.isEmpty());

    // True fractional: the fractions are kept, and the mask is exactly fraction >= 0.5.
    const SegSegmentMask &tf = trueFractional.masks.front();
    QVERIFY(!tf.fraction.isEmpty());
    std::size_t partial = 0, above = 0;
    for (std::size_t i = 0; i < tf.fraction.values().size(); ++i) {
        const float f = tf.fraction.values()[i];
        QVERIFY(f >= 0.0f && f <= 1.0f);
        partial += (f > 0.0f && f < 1.0f) ? 1 : 0;
        above += f >= 0.5f ? 1 : 0;
        QCOMPARE(tf.mask.volume.voxels()[i] != 0, f >= 0.5f);
    }
    QVERIFY(partial > 0);
    QCOMPARE(countOnes(tf.mask.volume), above);
    qInfo("binary %zu voxels; true fractional: %zu partial voxels, %zu >= 0.5", voxels, partial, above);

    // Overlapping segments: both present, separate masks, and they share voxels.
    QCOMPARE(overlap.masks.size(), 2);
    QCOMPARE(overlap.masks[0].mask.labels.front().name, QStringLiteral("first segment"));
    QCOMPARE(overlap.masks[1].mask.labels.front().name, QStringLiteral("second segment"));
    const auto &m1 = overlap.masks[0].mask.volume, &m2 = overlap.masks[1].mask.volume;
    std::size_t both = 0;
    for (std::size_t i = 0; i < m1.voxels().size(); ++i) both += (m1.voxels()[i] && m2.voxels()[i]) ? 1 : 0;
    QVERIFY(countOnes(m1) > 0);
    QVERIFY(countOnes(m2) > 0);
    QVERIFY(both > 0);
    QVERIFY(overlap.maskByLabel(QStringLiteral("second segment")) == &overlap.masks[1]);
    qInfo("overlap: %zu and %zu voxels, %zu in both", countOnes(m1), countOnes(m2), both);
}

void TestSegReader::partialOverlapsAndSparseLabelmap() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/dicom-seg/dcmqi-liver-ct3slice");
    const auto ct = SeriesVolumeLoader::loadSeries(filesIn(root + QStringLiteral("/ct-3slice")));
    QVERIFY2(ct.ok(), qPrintable(ct.error().message()));
    const auto seg = SegReader::read(root + QStringLiteral("/partial_overlaps.dcm"));
    QVERIFY2(seg.ok(), qPrintable(seg.error().message()));
    QCOMPARE(seg.value().segments.size(), 5);
    QCOMPARE(seg.value().frames.size(), 7);
    const SegRasterization raster = SegRasterizer::rasterize(seg.value(), referenceOf(ct.value()));
    qInfo("partial overlaps warnings: %s", qPrintable(joined(raster.warnings)));
    QCOMPARE(raster.masks.size(), 5);
    int framesMapped = 0;
    for (const SegSegmentMask &m : raster.masks) {
        QVERIFY(m.mask.labels.front().hasColour);
        framesMapped += m.frameCount;
        qInfo("  %-10s rgb %3d %3d %3d  %zu voxels", qPrintable(m.mask.labels.front().name), m.mask.labels.front().rgb[0],
              m.mask.labels.front().rgb[1], m.mask.labels.front().rgb[2], countOnes(m.mask.volume));
    }
    QCOMPARE(framesMapped, 7);
    const SegSegmentMask *green = raster.maskByLabel(QStringLiteral("GREEN"));
    QVERIFY(green);
    const auto &rgb = green->mask.labels.front().rgb;
    QVERIFY2(rgb[1] > rgb[0] && rgb[1] > rgb[2], "GREEN is green");

    // LABELMAP SEGs (pixel values are segment numbers; segment 0 is the declared background;
    // the second one marks unsegmented pixels with PixelPaddingValue 5): masks on their own grid.
    std::size_t liverVoxels[2] = {0, 0};
    int n = 0;
    for (const char *name : {"sparse-labelmap-noppv.dcm", "sparse-labelmap-ppv5.dcm"}) {
        const auto labelmap = SegReader::read(root + QLatin1Char('/') + QLatin1String(name));
        QVERIFY2(labelmap.ok(), qPrintable(labelmap.error().message()));
        QCOMPARE(labelmap.value().type, SegDocument::Type::Labelmap);
        QCOMPARE(labelmap.value().segments.size(), 2);
        const auto own = SegRasterizer::rasterize(labelmap.value());
        QVERIFY2(own.ok(), qPrintable(own.error().message()));
        const SegSegmentMask *liver = own.value().maskByLabel(QStringLiteral("Liver"));
        QVERIFY(liver);
        QCOMPARE(liver->mask.labels.front().rgb, (std::array<int, 3>{221, 130, 101}));
        liverVoxels[n++] = countOnes(liver->mask.volume);
        const SegSegmentMask *background = own.value().maskByLabel(QStringLiteral("Background"));
        QVERIFY(background);
        qInfo("%s: liver %zu voxels, background %zu of %zu; warnings: %s", name, liverVoxels[n - 1],
              countOnes(background->mask.volume), own.value().geometry.voxelCount(), qPrintable(joined(own.value().warnings)));
    }
    QVERIFY(liverVoxels[0] > 0);
    QCOMPARE(liverVoxels[0], liverVoxels[1]);
}

void TestSegReader::gbmSegBuildsItsOwnGrid() {
    DIDYMOS_REQUIRE_TEST_DATA(path, "dicom/dicom-seg/orthanc-tcga-gbm-seg/DicomSeg.dcm");
    const auto seg = SegReader::read(path);
    QVERIFY2(seg.ok(), qPrintable(seg.error().message()));
    QCOMPARE(seg.value().frames.size(), 96);
    QCOMPARE(seg.value().segments.size(), 3);
    const auto raster = SegRasterizer::rasterize(seg.value());
    QVERIFY2(raster.ok(), qPrintable(raster.error().message()));
    const auto &g = raster.value().geometry;
    QCOMPARE(g.dimensions[0], 256);
    QCOMPARE(g.dimensions[1], 256);
    QVERIFY(g.dimensions[2] >= 32);
    QVERIFY(std::fabs(g.spacingMm[0] - 0.859375) < 1e-6);
    QVERIFY(std::fabs(g.spacingMm[2] - 5.0) < 1e-6);
    QVERIFY2(raster.value().warnings.isEmpty(), qPrintable(joined(raster.value().warnings)));
    QCOMPARE(raster.value().masks.size(), 3);
    for (const SegSegmentMask &m : raster.value().masks) {
        QCOMPARE(m.frameCount, 32);
        QVERIFY(countOnes(m.mask.volume) > 0);
        QVERIFY(slicesWithVoxels(m.mask.volume).subtract(frameSlices(seg.value(), m.segmentNumber, g)).isEmpty());
        qInfo("  %-18s %zu voxels, %.1f ml", qPrintable(m.mask.labels.front().name), countOnes(m.mask.volume),
              m.mask.volumeMm3(1) / 1000.0);
    }
    QVERIFY(raster.value().maskByLabel(QStringLiteral("Edema")));
}

void TestSegReader::malformedFilesFailCleanly() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/dicom-malformed");
    QStringList files;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.endsWith(QLatin1String(".txt")) && !path.endsWith(QLatin1String(".dump")) &&
            !path.endsWith(QLatin1String(".tsv")))
            files << path;
    }
    files.sort();
    QVERIFY(files.size() >= 20);
    twin::core::VolumeGeometry grid;
    grid.dimensions = {16, 16, 4};
    for (const QString &path : files) {
        const auto seg = SegReader::read(path);
        if (seg.ok()) {
            (void)SegRasterizer::rasterize(seg.value(), SegReferenceImage{grid, {}, {}, {}});
            (void)SegRasterizer::rasterize(seg.value());
        } else {
            QCOMPARE(seg.error().file(), path);
        }
        qInfo("%s: %s", qPrintable(path.mid(root.size() + 1)), seg.ok() ? "read" : qPrintable(seg.error().message().mid(path.size() + 2)));
    }
}

void TestSegReader::hostileSegVariantsFailCleanly() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/dicom-seg/highdicom");
    const QString dir = twin::test::scratchDir(QStringLiteral("seg-hostile"));
    using Edit = std::function<void(DcmDataset &)>;
    auto perFrame = [](DcmDataset &d, int frame, const DcmTagKey &sequence) {
        DcmItem *item = nullptr, *sub = nullptr;
        d.findAndGetSequenceItem(DCM_PerFrameFunctionalGroupsSequence, item, frame);
        if (item) item->findAndGetSequenceItem(sequence, sub, 0);
        return sub;
    };
    auto write = [&](const QString &name, const char *source, const Edit &edit) {
        DcmFileFormat file;
        const QString from = root + QLatin1Char('/') + QLatin1String(source);
        if (file.loadFile(QFile::encodeName(from).constData()).bad()) return QString();
        edit(*file.getDataset());
        const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".dcm");
        if (file.saveFile(QFile::encodeName(path).constData(), EXS_LittleEndianExplicit).bad()) return QString();
        return path;
    };
    struct Case {
        const char *name;
        const char *source;
        Edit edit;
        const char *tag;  // expected in the error; nullptr: reads, with a warning
    };
    const QList<Case> cases{
        {"huge-grid", "seg_image_ct_binary.dcm", [](DcmDataset &d) { d.putAndInsertUint16(DCM_Rows, 65535); d.putAndInsertUint16(DCM_Columns, 65535); }, "(0028,0008)"},
        {"short-pixels", "seg_image_ct_binary.dcm", [](DcmDataset &d) { d.putAndInsertUint16(DCM_Rows, 64); }, "(7FE0,0010)"},
        {"no-pixels", "seg_image_ct_binary.dcm", [](DcmDataset &d) { d.findAndDeleteElement(DCM_PixelData); }, "(7FE0,0010)"},
        {"bad-type", "seg_image_ct_binary.dcm", [](DcmDataset &d) { d.putAndInsertString(DCM_SegmentationType, "FOO"); }, "(0062,0001)"},
        {"bad-bits", "seg_image_ct_binary.dcm", [](DcmDataset &d) { d.putAndInsertUint16(DCM_BitsAllocated, 16); }, "(0028,0100)"},
        {"bad-frames", "seg_image_ct_binary.dcm", [](DcmDataset &d) { d.putAndInsertString(DCM_NumberOfFrames, "abc"); }, "(0028,0008)"},
        {"frames-vs-groups", "seg_image_ct_binary.dcm", [](DcmDataset &d) { d.putAndInsertString(DCM_NumberOfFrames, "7"); }, "(5200,9230)"},
        {"no-segments", "seg_image_ct_binary.dcm", [](DcmDataset &d) { d.findAndDeleteElement(DCM_SegmentSequence); }, "(0062,0002)"},
        {"no-max-fraction", "seg_image_ct_true_fractional.dcm", [](DcmDataset &d) { d.findAndDeleteElement(DCM_MaximumFractionalValue); }, "(0062,000E)"},
        {"duplicate-segment", "seg_image_ct_binary_overlap.dcm", [](DcmDataset &d) {
             DcmItem *second = nullptr;
             d.findAndGetSequenceItem(DCM_SegmentSequence, second, 1);
             if (second) second->putAndInsertUint16(DCM_SegmentNumber, 1);
         }, "(0062,0004)"},
        {"frame-without-segment", "seg_image_ct_binary.dcm", [&](DcmDataset &d) {
             if (DcmItem *id = perFrame(d, 1, DCM_SegmentIdentificationSequence)) id->findAndDeleteElement(DCM_ReferencedSegmentNumber);
         }, "(0062,000B)"},
        {"unknown-segment", "seg_image_ct_binary.dcm", [&](DcmDataset &d) {
             if (DcmItem *id = perFrame(d, 1, DCM_SegmentIdentificationSequence)) id->putAndInsertUint16(DCM_ReferencedSegmentNumber, 7);
         }, nullptr},
        {"frame-without-position", "seg_image_ct_binary.dcm", [&](DcmDataset &d) {
             if (DcmItem *p = perFrame(d, 2, DCM_PlanePositionSequence)) p->findAndDeleteElement(DCM_ImagePositionPatient);
         }, nullptr},
    };
    twin::core::VolumeGeometry grid;
    grid.dimensions = {16, 16, 4};
    for (const Case &c : cases) {
        const QString path = write(QLatin1String(c.name), c.source, c.edit);
        QVERIFY2(!path.isEmpty(), c.name);
        const auto seg = SegReader::read(path);
        if (c.tag) {
            QVERIFY2(!seg.ok(), c.name);
            QCOMPARE(seg.error().file(), path);
            QVERIFY2(seg.error().tag().startsWith(QLatin1String(c.tag)), qPrintable(seg.error().message()));
            qInfo("%-22s %s", c.name, qPrintable(seg.error().message().mid(path.size() + 2)));
            continue;
        }
        QVERIFY2(seg.ok(), qPrintable(seg.error().message()));
        const SegRasterization raster = SegRasterizer::rasterize(seg.value(), SegReferenceImage{grid, {}, {}, {}});
        const auto own = SegRasterizer::rasterize(seg.value());
        const QString all = joined(raster.warnings);
        qInfo("%-22s read; warnings: %s; own grid: %s", c.name, qPrintable(all),
              own.ok() ? "built" : qPrintable(own.error().message().mid(path.size() + 2)));
        if (QLatin1String(c.name) == QLatin1String("unknown-segment")) {
            QVERIFY2(all.contains(QLatin1String("(0062,000B)")), qPrintable(all));
            QVERIFY(own.ok());
            QCOMPARE(own.value().masks.front().frameCount, 2);
        } else {
            QVERIFY2(all.contains(QLatin1String("(0020,9113)")) && all.contains(QLatin1String("\"first segment\"")), qPrintable(all));
            QVERIFY(!own.ok());
            QVERIFY(own.error().tag().startsWith(QLatin1String("(0020,9113)")));
            // No frame lands on the 16 x 16 x 4 grid at the origin: an unallocated mask, said so.
            QVERIFY(raster.masks.front().mask.volume.isEmpty());
            QCOMPARE(raster.masks.front().frameCount, 0);
            QVERIFY2(all.contains(QLatin1String("empty mask")), qPrintable(all));
        }
    }
}

DIDYMOS_TEST_MAIN(TestSegReader)
#include "TestSegReader.moc"
