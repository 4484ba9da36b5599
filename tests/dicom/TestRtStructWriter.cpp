// RtStructWriter: the demo patient's structures (in-memory labels) -> RTSTRUCT -> RtStructReader
// + RtStructRasterizer gives every mask back (Dice >= 0.99, same names and colours); the file
// references the CT series and passes dcmdump and dciodvfy (no errors); boundary tracing keeps
// holes and diagonal islands.

#include "ExportTestSupport.h"
#include "TestMain.h"

#include "twin/dicom/DicomSourceSeries.h"
#include "twin/dicom/RtStructRasterizer.h"
#include "twin/dicom/RtStructReader.h"
#include "twin/dicom/RtStructWriter.h"

#include <QDir>
#include <QFile>

using namespace twin;
using namespace twin::dicom;

class TestRtStructWriter : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void tracedLoopsRefillTheMask();
    void demoStructuresRoundTrip();
    void gridMismatchIsAnErrorNamingTheFile();
};

void TestRtStructWriter::tracedLoopsRefillTheMask() {
    // A ring (hole), a pixel touching another only at a corner, and a pixel on the border.
    const int w = 12, h = 10;
    std::vector<unsigned char> mask(w * h, 0);
    for (int j = 1; j < 6; ++j)
        for (int i = 1; i < 6; ++i) mask[j * w + i] = (i == 3 && j == 3) ? 0 : 1;
    mask[6 * w + 6] = 1;  // diagonal neighbour of (5,5)
    mask[7 * w + 7] = 1;
    mask[0 * w + 11] = 1;
    mask[9 * w + 0] = 1;
    const auto loops = RtStructWriter::traceBoundaries(mask, w, h);
    QList<std::vector<std::array<double, 2>>> polygons;
    for (const auto &loop : loops) {
        std::vector<std::array<double, 2>> polygon;
        for (const auto &c : loop) polygon.push_back({c[0] - 0.5, c[1] - 0.5});
        polygons.append(polygon);
    }
    std::vector<unsigned char> refilled;
    RtStructRasterizer::fillEvenOdd(polygons, w, h, refilled);
    QCOMPARE(refilled.size(), mask.size());
    for (std::size_t n = 0; n < mask.size(); ++n) QCOMPARE(bool(refilled[n]), bool(mask[n]));
    QCOMPARE(loops.size(), 6);  // outer ring, hole, two diagonal pixels apart, two border pixels
}

void TestRtStructWriter::demoStructuresRoundTrip() {
    const QString dir = test::scratchDir(QStringLiteral("export-rtstruct")) + QStringLiteral("/demo");
    const auto patient = phantom::DemoPatientGenerator::generate(dir, {96, 84, 24, 4.0, 6.0});
    QVERIFY2(patient.ok(), qPrintable(patient.error().message()));
    const phantom::DemoPatient &demo = patient.value();
    const auto source = DicomSourceSeries::fromFiles(demo.files.ctFiles, demo.labels.geometry());
    QVERIFY2(source.ok(), qPrintable(source.error().message()));
    QCOMPARE(source.value().frameOfReferenceUid, demo.identity.frameOfReferenceUid);
    QCOMPARE(source.value().seriesInstanceUid, demo.identity.ctSeriesInstanceUid);

    const QList<core::LabelMap> masks = test::exportsupport::structureMasks(demo);
    const QString path = dir + QStringLiteral("/exported-rtstruct.dcm");
    const core::Status written = RtStructWriter::write(path, masks, source.value());
    QVERIFY2(written.ok(), qPrintable(written.error().message()));
    QVERIFY(QDir(dir).entryList({QStringLiteral("*.tmp")}, QDir::Hidden | QDir::Files).isEmpty());

    const auto set = RtStructReader::read(path);
    QVERIFY2(set.ok(), qPrintable(set.error().message()));
    QVERIFY2(set.value().warnings.isEmpty(), qPrintable(set.value().warnings.join(QLatin1Char('\n'))));
    QCOMPARE(set.value().frameOfReferenceUid, demo.identity.frameOfReferenceUid);
    QCOMPARE(set.value().rois.size(), masks.size());
    QCOMPARE(set.value().referencedSopInstanceUids.size(), demo.labels.dimension(2));

    const RtImageReference image{demo.labels.geometry(), demo.identity.frameOfReferenceUid, source.value().sopInstanceUids};
    const RtStructRasterization raster = RtStructRasterizer::rasterize(set.value(), image);
    QVERIFY2(raster.warnings.isEmpty(), qPrintable(raster.warnings.join(QLatin1Char('\n'))));
    for (const core::LabelMap &expected : masks) {
        const QString name = expected.labels.front().name;
        const RtRoiMask *mask = raster.maskByName(name);
        QVERIFY2(mask, qPrintable(name));
        QCOMPARE(mask->mask.labels.front().rgb, expected.labels.front().rgb);
        QVERIFY(mask->mask.labels.front().hasColour);
        const auto &e = expected.volume.voxels();
        const auto &a = mask->mask.volume.voxels();
        QCOMPARE(a.size(), e.size());
        std::size_t ne = 0, na = 0, both = 0;
        for (std::size_t n = 0; n < e.size(); ++n) {
            ne += e[n] ? 1 : 0;
            na += a[n] ? 1 : 0;
            both += (e[n] && a[n]) ? 1 : 0;
        }
        const double dice = ne + na == 0 ? 1.0 : 2.0 * double(both) / double(ne + na);
        qInfo("%-12s voxels %7zu back %7zu Dice %.5f", qPrintable(name), ne, na, dice);
        QVERIFY2(dice >= 0.99, qPrintable(QStringLiteral("%1: Dice %2").arg(name).arg(dice)));
    }

    const auto checked = test::exportsupport::validateDicom(path);
    if (checked.dcmdumpFound) QCOMPARE(checked.dcmdumpExitCode, 0);
    if (!checked.dciodvfyFound) QSKIP("dciodvfy not installed");
    QVERIFY2(checked.dciodvfyErrors.isEmpty(), qPrintable(checked.dciodvfyErrors.join(QLatin1Char('\n'))));
}

void TestRtStructWriter::gridMismatchIsAnErrorNamingTheFile() {
    DicomSourceSeries source;
    source.geometry.dimensions = {4, 4, 2};
    source.sopInstanceUids = {QStringLiteral("1.2.3"), QStringLiteral("1.2.4")};
    core::VolumeGeometry other;
    other.dimensions = {4, 4, 3};
    core::LabelMap map{core::ScalarVolume(other), {core::LabelInfo{}}};
    const QString path = test::scratchDir(QStringLiteral("export-rtstruct-bad")) + QStringLiteral("/bad.dcm");
    const core::Status written = RtStructWriter::write(path, {map}, source);
    QVERIFY(!written.ok());
    QVERIFY2(written.error().message().contains(path), qPrintable(written.error().message()));
    QVERIFY(!QFile::exists(path));
}

DIDYMOS_TEST_MAIN(TestRtStructWriter)
#include "TestRtStructWriter.moc"
