// RTSTRUCT -> per-ROI masks (twin::dicom::RtStructReader + RtStructRasterizer):
//  - the demo patient: every structure's mask agrees with the generator's in-memory labels
//    (Dice >= 0.95 and volume within 3 %);
//  - a synthetic RTSTRUCT written here with DCMTK: a ring (outer + inner contour) gives an
//    annulus within 2 % of its analytic area, two islands on one slice both fill, and every
//    mismatch (frame of reference, no contours, POINT type, contour beyond the grid) warns;
//  - the TCIA sarcoma set: contours placed by frame of reference on the cropped CT, with the
//    unresolved-reference warning.

#include "TestMain.h"
#include "TestData.h"

#include "twin/dicom/RtStructRasterizer.h"
#include "twin/dicom/RtStructReader.h"
#include "twin/dicom/SeriesVolumeLoader.h"
#include "twin/phantom/DemoPatientGenerator.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>

#include <QDir>
#include <QFile>
#include <QSet>

#include <cmath>
#include <numbers>

using namespace twin::dicom;

namespace {

QString joined(const QStringList &warnings) { return warnings.join(QLatin1Char('\n')); }

bool anyWarning(const QStringList &warnings, const QString &a, const QString &b = {}) {
    for (const QString &w : warnings)
        if (w.contains(a) && (b.isEmpty() || w.contains(b))) return true;
    return false;
}

std::size_t countOnes(const twin::core::ScalarVolume &v) {
    std::size_t n = 0;
    for (auto x : v.voxels()) n += x ? 1 : 0;
    return n;
}

QString circle(double cx, double cy, double r, double z, int points) {
    QStringList values;
    for (int n = 0; n < points; ++n) {
        const double a = 2.0 * std::numbers::pi * n / points;
        values << QString::number(cx + r * std::cos(a), 'f', 4) << QString::number(cy + r * std::sin(a), 'f', 4)
               << QString::number(z, 'f', 4);
    }
    return values.join(QLatin1Char('\\'));
}

QString square(double x0, double y0, double side, double z) {
    return QStringLiteral("%1\\%2\\%5\\%3\\%2\\%5\\%3\\%4\\%5\\%1\\%4\\%5")
        .arg(x0).arg(y0).arg(x0 + side).arg(y0 + side).arg(z);
}

void addRoi(DcmDataset &data, int number, const char *name, const char *frameOfReference) {
    DcmItem *roi = nullptr;
    data.findOrCreateSequenceItem(DCM_StructureSetROISequence, roi, -2);
    roi->putAndInsertString(DCM_ROINumber, QByteArray::number(number).constData());
    roi->putAndInsertString(DCM_ROIName, name);
    roi->putAndInsertString(DCM_ReferencedFrameOfReferenceUID, frameOfReference);
}

DcmItem *addRoiContour(DcmDataset &data, int number, const char *colour) {
    DcmItem *item = nullptr;
    data.findOrCreateSequenceItem(DCM_ROIContourSequence, item, -2);
    item->putAndInsertString(DCM_ReferencedROINumber, QByteArray::number(number).constData());
    if (colour) item->putAndInsertString(DCM_ROIDisplayColor, colour);
    return item;
}

void addContour(DcmItem *roiContour, const char *type, const QString &data) {
    DcmItem *contour = nullptr;
    roiContour->findOrCreateSequenceItem(DCM_ContourSequence, contour, -2);
    contour->putAndInsertString(DCM_ContourGeometricType, type);
    contour->putAndInsertString(DCM_NumberOfContourPoints,
                                QByteArray::number(data.count(QLatin1Char('\\')) / 3 + 1).constData());
    contour->putAndInsertString(DCM_ContourData, data.toLatin1().constData());
}

}  // namespace

class TestRtStruct : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void demoPatientMasksMatchGeneratorLabels();
    void ringHolesIslandsAndWarnings();
    void sarcomaContoursPlacedByFrameOfReference();
    void notAStructureSetIsAClearError();
};

void TestRtStruct::demoPatientMasksMatchGeneratorLabels() {
    const QString dir = twin::test::scratchDir(QStringLiteral("rtstruct-demo")) + QStringLiteral("/demo");
    const auto patient = twin::phantom::DemoPatientGenerator::generate(dir, {128, 112, 48, 3.2, 5.0});
    QVERIFY2(patient.ok(), qPrintable(patient.error().message()));
    const auto &demo = patient.value();
    const auto loadedCt = SeriesVolumeLoader::loadSeries(demo.files.ctFiles);
    QVERIFY2(loadedCt.ok(), qPrintable(loadedCt.error().message()));

    const auto set = RtStructReader::read(demo.files.rtStructPath);
    QVERIFY2(set.ok(), qPrintable(set.error().message()));
    QVERIFY2(set.value().warnings.isEmpty(), qPrintable(joined(set.value().warnings)));
    QCOMPARE(set.value().rois.size(), demo.structures.size());
    QCOMPARE(set.value().frameOfReferenceUid, demo.identity.frameOfReferenceUid);

    RtImageReference image{loadedCt.value().volume().geometry(), demo.identity.frameOfReferenceUid, {}};
    const RtStructRasterization raster = RtStructRasterizer::rasterize(set.value(), image);
    QVERIFY2(raster.warnings.isEmpty(), qPrintable(joined(raster.warnings)));
    QCOMPARE(raster.masks.size(), demo.structures.size());

    const auto &labels = demo.labels.voxels();
    for (const auto &structure : demo.structures) {
        const RtRoiMask *mask = raster.maskByName(structure.name);
        QVERIFY2(mask, qPrintable(structure.name));
        QCOMPARE(mask->roiNumber, structure.label);
        QCOMPARE(mask->mask.labels.front().rgb, structure.rgb);
        const auto &m = mask->mask.volume.voxels();
        QCOMPARE(m.size(), labels.size());
        // Structures are disjoint or nested: the expected mask is the structure's label plus
        // every label lying (mostly) inside it.
        QHash<int, std::size_t> total, inside;
        for (std::size_t n = 0; n < labels.size(); ++n) {
            ++total[labels[n]];
            if (m[n]) ++inside[labels[n]];
        }
        QSet<int> expectedLabels{structure.label};
        for (auto it = total.begin(); it != total.end(); ++it)
            if (it.key() != 0 && inside.value(it.key()) * 2 > it.value()) expectedLabels.insert(it.key());
        std::size_t expected = 0, actual = 0, both = 0;
        for (std::size_t n = 0; n < labels.size(); ++n) {
            const bool e = expectedLabels.contains(labels[n]);
            expected += e;
            actual += m[n] ? 1 : 0;
            both += (e && m[n]) ? 1 : 0;
        }
        QVERIFY2(expected > 0, qPrintable(structure.name));
        const double dice = 2.0 * double(both) / double(expected + actual);
        const double volumeError = std::fabs(double(actual) - double(expected)) / double(expected);
        qInfo("%-12s voxels expected %7zu rasterised %7zu  Dice %.4f  volume error %.2f %%", qPrintable(structure.name),
              expected, actual, dice, 100.0 * volumeError);
        QVERIFY2(dice >= 0.95, qPrintable(QStringLiteral("%1: Dice %2").arg(structure.name).arg(dice)));
        QVERIFY2(volumeError <= 0.03, qPrintable(QStringLiteral("%1: volume error %2").arg(structure.name).arg(volumeError)));
    }
}

void TestRtStruct::ringHolesIslandsAndWarnings() {
    const QString path = twin::test::scratchDir(QStringLiteral("rtstruct-ring")) + QStringLiteral("/ring.dcm");
    {
        DcmFileFormat file;
        DcmDataset &data = *file.getDataset();
        data.putAndInsertString(DCM_SOPClassUID, "1.2.840.10008.5.1.4.1.1.481.3");
        data.putAndInsertString(DCM_SOPInstanceUID, "1.2.826.0.1.3680043.9.7.1.1");
        data.putAndInsertString(DCM_Modality, "RTSTRUCT");
        DcmItem *frame = nullptr;
        data.findOrCreateSequenceItem(DCM_ReferencedFrameOfReferenceSequence, frame, -2);
        frame->putAndInsertString(DCM_FrameOfReferenceUID, "1.2.3.4");
        addRoi(data, 1, "Ring", "1.2.3.4");
        addRoi(data, 2, "Islands", "1.2.3.4");
        addRoi(data, 3, "Empty", "1.2.3.4");
        addRoi(data, 4, "Marker", "1.2.3.4");
        addRoi(data, 5, "Elsewhere", "9.9.9");
        DcmItem *ring = addRoiContour(data, 1, "255\\0\\0");
        for (int k = 0; k < 5; ++k) {
            addContour(ring, "CLOSED_PLANAR", circle(2.0, -3.0, 40.0, 2.0 * k, 720));
            addContour(ring, "CLOSED_PLANAR", circle(2.0, -3.0, 20.0, 2.0 * k, 720));
        }
        DcmItem *islands = addRoiContour(data, 2, "0\\255\\0");
        addContour(islands, "CLOSED_PLANAR", square(-50.0, -50.0, 10.0, 4.0));
        addContour(islands, "CLOSED_PLANAR", square(30.0, 30.0, 20.0, 4.0));
        DcmItem *marker = addRoiContour(data, 4, nullptr);
        addContour(marker, "POINT", QStringLiteral("1\\2\\4"));
        DcmItem *elsewhere = addRoiContour(data, 5, "0\\0\\255");
        addContour(elsewhere, "CLOSED_PLANAR", square(0.0, 0.0, 10.0, 4.0));
        addContour(elsewhere, "CLOSED_PLANAR", square(0.0, 0.0, 10.0, 100.0));  // beyond the last slice
        QVERIFY(file.saveFile(QFile::encodeName(path).constData(), EXS_LittleEndianExplicit).good());
    }
    const auto set = RtStructReader::read(path);
    QVERIFY2(set.ok(), qPrintable(set.error().message()));
    QCOMPARE(set.value().rois.size(), 5);
    QVERIFY(anyWarning(set.value().warnings, QStringLiteral("\"Empty\""), QStringLiteral("ContourSequence")));

    twin::core::VolumeGeometry g;
    g.dimensions = {256, 256, 5};
    g.spacingMm = {0.5, 0.5, 2.0};
    g.originMm = {-63.75, -63.75, 0.0};
    const RtStructRasterization raster = RtStructRasterizer::rasterize(set.value(), {g, QStringLiteral("1.2.3.4"), {}});
    const auto &w = raster.warnings;
    QVERIFY2(anyWarning(w, QStringLiteral("\"Elsewhere\""), QStringLiteral("(3006,0024)")), qPrintable(joined(w)));
    QVERIFY2(anyWarning(w, QStringLiteral("\"Elsewhere\""), QStringLiteral("outside the grid")), qPrintable(joined(w)));
    QVERIFY2(anyWarning(w, QStringLiteral("\"Marker\""), QStringLiteral("POINT")), qPrintable(joined(w)));
    QVERIFY2(anyWarning(w, QStringLiteral("\"Empty\""), QStringLiteral("(3006,0040)")), qPrintable(joined(w)));
    QVERIFY(!anyWarning(w, QStringLiteral("\"Ring\"")));

    const RtRoiMask *ringMask = raster.maskByName(QStringLiteral("Ring"));
    QVERIFY(ringMask);
    QCOMPARE(ringMask->mask.labels.front().rgb, (std::array<int, 3>{255, 0, 0}));
    const double analytic = std::numbers::pi * (40.0 * 40.0 - 20.0 * 20.0);
    for (int k = 0; k < 5; ++k) {
        std::size_t n = 0;
        const std::int16_t *s = ringMask->mask.volume.slice(k);
        for (int v = 0; v < 256 * 256; ++v) n += s[v] ? 1 : 0;
        const double area = n * 0.25;
        QVERIFY2(std::fabs(area - analytic) / analytic < 0.02,
                 qPrintable(QStringLiteral("slice %1: annulus %2 mm2, analytic %3").arg(k).arg(area).arg(analytic)));
    }
    // The hole is empty: the centre (2, -3) is outside; a point at radius 30 is inside.
    QCOMPARE(ringMask->mask.volume.at(int((2.0 + 63.75) / 0.5), int((-3.0 + 63.75) / 0.5), 2), std::int16_t(0));
    QCOMPARE(ringMask->mask.volume.at(int((32.0 + 63.75) / 0.5), int((-3.0 + 63.75) / 0.5), 2), std::int16_t(1));

    const RtRoiMask *islandMask = raster.maskByName(QStringLiteral("Islands"));
    QVERIFY(islandMask);
    // 10 mm and 20 mm squares with 0.5 mm pixels: 20x20 + 40x40 pixel centres, on slice 2 only.
    QCOMPARE(countOnes(islandMask->mask.volume), std::size_t(400 + 1600));
    const RtRoiMask *elsewhere = raster.maskByName(QStringLiteral("Elsewhere"));
    QCOMPARE(countOnes(elsewhere->mask.volume), std::size_t(400));
    QCOMPARE(countOnes(raster.maskByName(QStringLiteral("Empty"))->mask.volume), std::size_t(0));
}

void TestRtStruct::sarcomaContoursPlacedByFrameOfReference() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/ct-mr-pet-sarcoma-rtstruct/dicom/STS_019/CT");
    QStringList files;
    QStringList sopUids;
    QString frameOfReference;
    for (const QFileInfo &info : QDir(root + QStringLiteral("/image")).entryInfoList(QDir::Files)) {
        files << info.absoluteFilePath();
        DcmFileFormat file;
        QVERIFY(file.loadFile(QFile::encodeName(info.absoluteFilePath()).constData()).good());
        OFString uid;
        file.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, uid);
        sopUids << QString::fromLatin1(uid.c_str());
        file.getDataset()->findAndGetOFString(DCM_FrameOfReferenceUID, uid);
        frameOfReference = QString::fromLatin1(uid.c_str());
    }
    QCOMPARE(files.size(), 47);
    const auto ct = SeriesVolumeLoader::loadSeries(files);
    QVERIFY2(ct.ok(), qPrintable(ct.error().message()));

    const auto set = RtStructReader::read(root + QStringLiteral("/mask/RS.dcm"));
    QVERIFY2(set.ok(), qPrintable(set.error().message()));
    QCOMPARE(set.value().frameOfReferenceUid, frameOfReference);
    const RtRoi *gtv = nullptr;
    for (const RtRoi &roi : set.value().rois)
        if (roi.name.contains(QStringLiteral("GTV"), Qt::CaseInsensitive)) gtv = &roi;
    QVERIFY(gtv);

    const RtStructRasterization raster =
        RtStructRasterizer::rasterize(set.value(), {ct.value().volume().geometry(), frameOfReference, sopUids});
    QVERIFY2(anyWarning(raster.warnings, QStringLiteral("unresolved references")), qPrintable(joined(raster.warnings)));
    QVERIFY2(!anyWarning(raster.warnings, QStringLiteral("(3006,0024)")), qPrintable(joined(raster.warnings)));
    const RtRoiMask *mask = raster.maskByName(gtv->name);
    QVERIFY(mask);
    const std::size_t voxels = countOnes(mask->mask.volume);
    const double ml = voxels * ct.value().volume().geometry().voxelVolumeMm3() / 1000.0;
    qInfo("%s: %zu voxels, %.1f ml; warnings:\n%s", qPrintable(gtv->name), voxels, ml, qPrintable(joined(raster.warnings)));
    QVERIFY(voxels > 1000);
    // Every slice carrying a contour carries mask voxels.
    int slicesWithMask = 0;
    for (int k = 0; k < mask->mask.volume.dimension(2); ++k) {
        const std::int16_t *s = mask->mask.volume.slice(k);
        bool any = false;
        for (int v = 0; v < mask->mask.volume.dimension(0) * mask->mask.volume.dimension(1) && !any; ++v) any = s[v] != 0;
        slicesWithMask += any;
    }
    QVERIFY(slicesWithMask >= gtv->contours.size() * 0.9);
}

void TestRtStruct::notAStructureSetIsAClearError() {
    DIDYMOS_REQUIRE_TEST_DATA(dose, "dicom/rt-plan-dose-objects/pydicom-rt-minimal/rtdose.dcm");
    const auto set = RtStructReader::read(dose);
    QVERIFY(!set.ok());
    QCOMPARE(set.error().file(), dose);
    QVERIFY2(!set.error().tag().isEmpty(), qPrintable(set.error().message()));
    const auto missing = RtStructReader::read(QStringLiteral("/nonexistent/rs.dcm"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code(), twin::core::Error::Code::NotFound);
    // No preamble, no meta header, implicit VR: still read.
    DIDYMOS_REQUIRE_TEST_DATA(tiny, "dicom/rt-plan-dose-objects/pydicom-rt-minimal/rtstruct.dcm");
    const auto minimal = RtStructReader::read(tiny);
    QVERIFY2(minimal.ok(), qPrintable(minimal.error().message()));
    QVERIFY(!minimal.value().rois.isEmpty());
}

DIDYMOS_TEST_MAIN(TestRtStruct)
#include "TestRtStruct.moc"
