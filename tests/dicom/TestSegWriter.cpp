// SegWriter: the demo patient's structures -> binary DICOM SEG; DCMTK's DcmSegmentation reads it
// back with one segment per structure (labels, colours, codes), only the non-empty frames, each
// frame's pixels equal to the mask on its slice; dcmdump and dciodvfy (no errors) accept it.

#include "ExportTestSupport.h"
#include "twin/dicom/SegReader.h"
#include "TestMain.h"

#include "twin/dicom/DicomSourceSeries.h"
#include "twin/dicom/SegWriter.h"

#include <dcmtk/dcmfg/fginterface.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmfg/fgseg.h>
#include <dcmtk/dcmiod/cielabutil.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>
#include <dcmtk/dcmseg/segutils.h>

#include <QFile>

#include <cmath>
#include <memory>

using namespace twin;
using namespace twin::dicom;

class TestSegWriter : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void demoStructuresRoundTrip();
    void ourReaderReadsItBackIdentically();
};

void TestSegWriter::demoStructuresRoundTrip() {
    const QString dir = test::scratchDir(QStringLiteral("export-seg")) + QStringLiteral("/demo");
    const auto patient = phantom::DemoPatientGenerator::generate(dir, {96, 84, 24, 4.0, 6.0});
    QVERIFY2(patient.ok(), qPrintable(patient.error().message()));
    const phantom::DemoPatient &demo = patient.value();
    const auto source = DicomSourceSeries::fromFiles(demo.files.ctFiles, demo.labels.geometry());
    QVERIFY2(source.ok(), qPrintable(source.error().message()));
    QList<core::LabelMap> masks = test::exportsupport::structureMasks(demo);
    masks.front().labels.front().type = core::CodedConcept{QStringLiteral("12738006"), QStringLiteral("SCT"), QStringLiteral("Brain")};

    const QString path = dir + QStringLiteral("/exported-seg.dcm");
    const core::Status written = SegWriter::write(path, masks, source.value());
    QVERIFY2(written.ok(), qPrintable(written.error().message()));

    DcmSegmentation *loaded = nullptr;
    const OFCondition status = DcmSegmentation::loadFile(QFile::encodeName(path).constData(), loaded);
    QVERIFY2(status.good() && loaded, status.text());
    std::unique_ptr<DcmSegmentation> seg(loaded);
    QCOMPARE(seg->getNumberOfSegments(), std::size_t(masks.size()));

    const core::VolumeGeometry &g = demo.labels.geometry();
    const int w = g.dimensions[0], h = g.dimensions[1];
    std::size_t expectedFrames = 0;
    for (int s = 0; s < masks.size(); ++s) {
        DcmSegment *segment = seg->getSegment(std::size_t(s + 1));
        QVERIFY(segment);
        OFString label;
        segment->getSegmentLabel(label);
        QCOMPARE(QString::fromLatin1(label.c_str()), masks[s].labels.front().name);
        Uint16 L = 0, a = 0, b = 0;
        QVERIFY(segment->getRecommendedDisplayCIELabValue(L, a, b).good());
        double r = 0, gg = 0, bb = 0;
        IODCIELabUtil::dicomLab2RGB(r, gg, bb, L, a, b);
        const auto &rgb = masks[s].labels.front().rgb;
        QVERIFY2(std::abs(std::lround(r * 255) - rgb[0]) <= 1 && std::abs(std::lround(gg * 255) - rgb[1]) <= 1 &&
                     std::abs(std::lround(bb * 255) - rgb[2]) <= 1,
                 qPrintable(masks[s].labels.front().name));
        OFString typeCode;
        segment->getSegmentedPropertyTypeCode().getCodeValue(typeCode);
        QCOMPARE(QString::fromLatin1(typeCode.c_str()), s == 0 ? QStringLiteral("12738006") : QStringLiteral("113343008"));
        for (int k = 0; k < g.dimensions[2]; ++k) {
            const std::int16_t *v = masks[s].volume.slice(k);
            if (std::any_of(v, v + std::size_t(w) * h, [](std::int16_t x) { return x != 0; })) ++expectedFrames;
        }
    }
    QCOMPARE(seg->getNumberOfFrames(), expectedFrames);

    FGInterface &groups = seg->getFunctionalGroups();
    for (std::size_t f = 0; f < expectedFrames; ++f) {
        auto *segmentation = dynamic_cast<FGSegmentation *>(groups.get(Uint32(f), DcmFGTypes::EFG_SEGMENTATION));
        auto *position = dynamic_cast<FGPlanePosPatient *>(groups.get(Uint32(f), DcmFGTypes::EFG_PLANEPOSPATIENT));
        QVERIFY(segmentation && position);
        Uint16 segmentNumber = 0;
        QVERIFY(segmentation->getReferencedSegmentNumber(segmentNumber).good());
        QVERIFY(segmentNumber >= 1 && segmentNumber <= masks.size());
        Float64 x = 0, y = 0, z = 0;
        QVERIFY(position->getImagePositionPatient(x, y, z).good());
        const int k = int(std::lround((z - g.originMm[2]) / g.spacingMm[2]));
        QVERIFY(k >= 0 && k < g.dimensions[2]);
        const DcmIODTypes::Frame *frame = seg->getFrame(f);
        QVERIFY(frame);
        std::unique_ptr<DcmIODTypes::Frame> unpacked;
        const Uint8 *bits = frame->pixData;
        if (frame->length != std::size_t(w) * h) {
            unpacked.reset(DcmSegUtils::unpackBinaryFrame(frame, Uint16(h), Uint16(w)));
            QVERIFY(unpacked);
            bits = unpacked->pixData;
        }
        const std::int16_t *expected = masks[segmentNumber - 1].volume.slice(k);
        for (std::size_t n = 0; n < std::size_t(w) * h; ++n)
            QVERIFY2(bool(bits[n]) == bool(expected[n]), qPrintable(QStringLiteral("frame %1 pixel %2").arg(f).arg(n)));
    }

    const auto checked = test::exportsupport::validateDicom(path);
    if (checked.dcmdumpFound) QCOMPARE(checked.dcmdumpExitCode, 0);
    if (!checked.dciodvfyFound) QSKIP("dciodvfy not installed");
    QVERIFY2(checked.dciodvfyErrors.isEmpty(), qPrintable(checked.dciodvfyErrors.join(QLatin1Char('\n'))));
}

// Export → our own importer: every segment comes back on the CT grid voxel for voxel, with its
// name and colour, and every reference resolves (no warnings).
void TestSegWriter::ourReaderReadsItBackIdentically() {
    const QString dir = test::scratchDir(QStringLiteral("export-seg-roundtrip")) + QStringLiteral("/demo");
    const auto patient = phantom::DemoPatientGenerator::generate(dir, {96, 84, 24, 4.0, 6.0});
    QVERIFY2(patient.ok(), qPrintable(patient.error().message()));
    const phantom::DemoPatient &demo = patient.value();
    const auto source = DicomSourceSeries::fromFiles(demo.files.ctFiles, demo.labels.geometry());
    QVERIFY2(source.ok(), qPrintable(source.error().message()));
    const QList<core::LabelMap> masks = test::exportsupport::structureMasks(demo);
    const QString path = dir + QStringLiteral("/roundtrip-seg.dcm");
    const core::Status written = SegWriter::write(path, masks, source.value());
    QVERIFY2(written.ok(), qPrintable(written.error().message()));

    const auto read = SegReader::read(path);
    QVERIFY2(read.ok(), qPrintable(read.error().message()));
    SegReferenceImage reference;
    reference.geometry = demo.labels.geometry();
    reference.frameOfReferenceUid = source.value().frameOfReferenceUid;
    reference.seriesInstanceUid = source.value().seriesInstanceUid;
    reference.sopInstanceUids = source.value().sopInstanceUids;
    const SegRasterization back = SegRasterizer::rasterize(read.value(), reference);
    QVERIFY2(back.warnings.isEmpty(), qPrintable(back.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(back.masks.size(), masks.size());
    for (const core::LabelMap &expected : masks) {
        const QString name = expected.labels.front().name;
        const SegSegmentMask *mask = back.maskByLabel(name);
        QVERIFY2(mask, qPrintable(name));
        QCOMPARE(mask->mask.labels.front().rgb, expected.labels.front().rgb);
        if (expected.count(1) == 0) continue;  // no frames written for an empty segment
        QCOMPARE(mask->mask.volume.voxels(), expected.volume.voxels());
    }
}

DIDYMOS_TEST_MAIN(TestSegWriter)
#include "TestSegWriter.moc"
