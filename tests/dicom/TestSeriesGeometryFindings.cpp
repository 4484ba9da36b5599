// SeriesVolumeLoader on small series written here with DCMTK (8x8 pixels, 6 slices): sorting by
// position whatever the file order, missing slices, uneven spacing, gantry tilt, mixed sizes,
// localizers, echoes as 4D, fractional rescale, unsupported transfer syntax, cancellation.

#include "SyntheticDicomSeries.h"
#include "TestMain.h"

#include "twin/dicom/SeriesVolumeLoader.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

using twin::dicom::SeriesFinding;
using twin::dicom::SeriesLoadOptions;
using twin::dicom::SeriesVolumeLoader;
using Kind = SeriesFinding::Kind;

using twin::test::Slice;
using twin::test::pixelOf;
using twin::test::writeSlice;

namespace {

QList<SeriesFinding> ofKind(const QList<SeriesFinding> &findings, Kind kind) {
    QList<SeriesFinding> out;
    for (const auto &f : findings)
        if (f.kind == kind) out << f;
    return out;
}

QString allText(const QList<SeriesFinding> &findings) {
    QStringList lines;
    for (const auto &f : findings) lines << f.message();
    return lines.join(QLatin1Char('\n'));
}

}  // namespace

class TestSeriesGeometryFindings : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase() { scratch_ = twin::test::scratchDir(QStringLiteral("series-geometry")); }
    void sortsByPositionNotByFileOrInstanceNumber();
    void reportsMissingSliceAndResamplesOnRequest();
    void reportsNonUniformSpacing();
    void keepsGantryTiltAsSlantedSliceDirection();
    void splitsMixedImageSizes();
    void excludesLocalizers();
    void groupsEchoesAs4D();
    void keepsFractionalRescaleExactly();
    void unsupportedTransferSyntaxNamesUidAndFile();
    void cancelledJobStops();

private:
    QStringList writeSeries(const QString &name, const QList<Slice> &slices) {
        const QString dir = scratch_ + QLatin1Char('/') + name;
        QDir().mkpath(dir);
        QStringList files;
        for (int k = 0; k < slices.size(); ++k) {
            files << dir + QStringLiteral("/s%1.dcm").arg(k);
            const QString error = writeSlice(files.back(), slices[k]);
            if (!error.isEmpty()) qFatal("%s", qPrintable(error));
        }
        return files;
    }
    static QList<Slice> regular(int count, double spacing = 2.0) {
        QList<Slice> slices;
        for (int k = 0; k < count; ++k) {
            Slice s;
            s.z = 10.0 + k * spacing;
            s.instance = k + 1;
            slices << s;
        }
        return slices;
    }
    QString scratch_;
};

void TestSeriesGeometryFindings::sortsByPositionNotByFileOrInstanceNumber() {
    QList<Slice> slices = regular(6);
    std::reverse(slices.begin(), slices.end());   // files s0.. hold z descending
    for (int k = 0; k < 6; ++k) slices[k].instance = (k * 5) % 6 + 1;  // InstanceNumber scrambled
    const auto result = SeriesVolumeLoader::loadSeries(writeSeries(QStringLiteral("sorted"), slices));
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const auto &v = result.value().volume();
    QCOMPARE(v.geometry().dimensions, (std::array<int, 3>{8, 8, 6}));
    QCOMPARE(v.geometry().originMm, (std::array<double, 3>{0.0, -20.0, 10.0}));
    QCOMPARE(v.geometry().spacingMm, (std::array<double, 3>{0.75, 0.5, 2.0}));  // column, row, slice
    QCOMPARE(v.geometry().sliceDirection, (std::array<double, 3>{0.0, 0.0, 1.0}));
    for (int k = 0; k < 6; ++k) QCOMPARE(int(v.at(3, 5, k)), pixelOf(3, 5, 10.0 + 2 * k) - 1024);
    QVERIFY(v.hasIdentityValueMapping());
    QVERIFY2(result.value().findings.isEmpty(), qPrintable(allText(result.value().findings)));
}

void TestSeriesGeometryFindings::reportsMissingSliceAndResamplesOnRequest() {
    QList<Slice> slices = regular(6);
    slices.removeAt(3);  // z = 16 missing
    const QStringList files = writeSeries(QStringLiteral("missing"), slices);
    const auto result = SeriesVolumeLoader::loadSeries(files);
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const auto missing = ofKind(result.value().findings, Kind::MissingSlices);
    QCOMPARE(missing.size(), 1);
    QCOMPARE(missing[0].severity, SeriesFinding::Severity::Warning);
    QCOMPARE(missing[0].text, QStringLiteral("1 slice(s) missing between 14 mm and 18 mm along the normal (gap 4 mm, "
                                             "spacing 2 mm), after %1 and before %2").arg(files[2], files[3]));
    QCOMPARE(result.value().volume().geometry().dimensions[2], 5);
    QCOMPARE(result.value().volume().geometry().spacingMm[2], 2.5);  // mean: spans the true extent

    SeriesLoadOptions options;
    options.resampleToUniformSpacing = true;
    const auto resampled = SeriesVolumeLoader::loadSeries(files, options);
    QVERIFY2(resampled.ok(), qPrintable(resampled.error().message()));
    const auto &v = resampled.value().volume();
    QCOMPARE(v.geometry().dimensions[2], 6);
    QCOMPARE(v.geometry().spacingMm[2], 2.0);
    QCOMPARE(ofKind(resampled.value().findings, Kind::ResampledToUniformSpacing).size(), 1);
    // The missing slice at z = 16 is the mean of its neighbours at 14 and 18.
    QCOMPARE(int(v.at(2, 2, 3)), (pixelOf(2, 2, 14) + pixelOf(2, 2, 18)) / 2 - 1024);
    QCOMPARE(int(v.at(2, 2, 4)), pixelOf(2, 2, 18) - 1024);
}

void TestSeriesGeometryFindings::reportsNonUniformSpacing() {
    QList<Slice> slices = regular(6);
    slices[4].z = 18.6;  // steps 2, 2, 2, 2.6, 1.4
    const auto result = SeriesVolumeLoader::loadSeries(writeSeries(QStringLiteral("uneven"), slices));
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const auto uneven = ofKind(result.value().findings, Kind::NonUniformSpacing);
    QCOMPARE(uneven.size(), 1);
    QCOMPARE(uneven[0].text, QStringLiteral("slice spacing varies from 1.4 to 2.6 mm (typical 2 mm): 2.6 mm between 16 mm "
                                            "and 18.6 mm; 1.4 mm between 18.6 mm and 20 mm"));
    QVERIFY(ofKind(result.value().findings, Kind::MissingSlices).isEmpty());
}

void TestSeriesGeometryFindings::keepsGantryTiltAsSlantedSliceDirection() {
    QList<Slice> slices = regular(6);
    for (int k = 0; k < 6; ++k) slices[k].x = 0.5 * k;  // 2 mm along z, 0.5 mm along x per slice
    const auto result = SeriesVolumeLoader::loadSeries(writeSeries(QStringLiteral("tilt"), slices));
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const auto tilt = ofKind(result.value().findings, Kind::GantryTilt);
    QCOMPARE(tilt.size(), 1);
    QVERIFY2(tilt[0].text.startsWith(QStringLiteral("gantry tilt: slices are stacked 14.04 degrees off their normal")),
             qPrintable(tilt[0].text));
    const auto &g = result.value().volume().geometry();
    // Every slice keeps its acquired position.
    for (int k = 0; k < 6; ++k) {
        const auto p = g.indexToPatient(0, 0, k);
        QVERIFY(std::fabs(p[0] - 0.5 * k) < 1e-9 && std::fabs(p[2] - (10.0 + 2 * k)) < 1e-9);
    }
}

void TestSeriesGeometryFindings::splitsMixedImageSizes() {
    QList<Slice> slices = regular(6);
    slices[5].rows = 6;
    slices[5].columns = 10;
    QList<Slice> more = regular(2, 2.0);
    for (auto &s : more) { s.rows = 6; s.columns = 10; s.z += 100; }
    const auto examined = SeriesVolumeLoader::examine(writeSeries(QStringLiteral("mixed-size"), slices + more));
    QVERIFY2(examined.ok(), qPrintable(examined.error().message()));
    const auto &e = examined.value();
    QCOMPARE(e.loadables.size(), 2);
    QVERIFY(e.loadables[0].selected && !e.loadables[1].selected);
    QCOMPARE(e.loadables[0].name, QStringLiteral("CT 8x8x5"));
    QCOMPARE(e.loadables[1].name, QStringLiteral("CT 10x6x3"));
    QVERIFY(e.loadables[0].confidence > e.loadables[1].confidence);
    QVERIFY2(e.loadables[0].reason.startsWith(QStringLiteral("5 of 8 frames share this size and orientation")),
             qPrintable(e.loadables[0].reason));
    const auto mixed = ofKind(e.findings, Kind::MixedImageSize);
    QCOMPARE(mixed.size(), 1);
    QVERIFY2(mixed[0].text.startsWith(QStringLiteral("series mixes image sizes (Rows/Columns)")), qPrintable(mixed[0].text));
    QVERIFY(mixed[0].text.contains(QStringLiteral("10x6")) && mixed[0].text.contains(QStringLiteral("8x8")));
}

void TestSeriesGeometryFindings::excludesLocalizers() {
    QList<Slice> slices = regular(6);
    Slice scout;
    scout.imageType = QStringLiteral("ORIGINAL\\PRIMARY\\LOCALIZER");
    scout.orientation = QStringLiteral("0\\1\\0\\0\\0\\-1");
    Slice sagittal;  // no LOCALIZER in ImageType, but a single slice of another orientation
    sagittal.orientation = QStringLiteral("0\\1\\0\\0\\0\\-1");
    sagittal.z = 50;
    const QStringList files = writeSeries(QStringLiteral("localizer"), slices + QList<Slice>{scout, sagittal});
    const auto result = SeriesVolumeLoader::loadSeries(files);
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    QCOMPARE(result.value().volume().geometry().dimensions[2], 6);
    const auto excluded = ofKind(result.value().findings, Kind::LocalizerExcluded);
    QCOMPARE(excluded.size(), 2);
    QCOMPARE(excluded[0].text, QStringLiteral("%1 is a localizer (ImageType ORIGINAL\\PRIMARY\\LOCALIZER): left out of the volume")
                                   .arg(files[6]));
    QCOMPARE(excluded[1].file, files[7]);
    QVERIFY2(excluded[1].text.startsWith(files[7] + QStringLiteral(" is a single slice with another orientation")),
             qPrintable(excluded[1].text));
    QVERIFY(ofKind(result.value().findings, Kind::MixedOrientation).isEmpty());
}

void TestSeriesGeometryFindings::groupsEchoesAs4D() {
    QList<Slice> slices;
    for (int echo = 1; echo <= 2; ++echo)
        for (Slice s : regular(4)) {
            s.echo = echo;
            s.intercept = QString::number(echo * 100);
            slices << s;
        }
    const auto result = SeriesVolumeLoader::loadSeries(writeSeries(QStringLiteral("echoes"), slices));
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    QCOMPARE(result.value().volumes.size(), std::size_t(2));
    QCOMPARE(result.value().volumeLabel, QStringLiteral("echo"));
    QCOMPARE(int(result.value().volumes[1].at(1, 1, 2)), pixelOf(1, 1, 14) + 200);
    QCOMPARE(ofKind(result.value().findings, Kind::MultipleVolumes).size(), 1);
    QVERIFY(ofKind(result.value().findings, Kind::DuplicatePosition).isEmpty());
}

void TestSeriesGeometryFindings::keepsFractionalRescaleExactly() {
    QList<Slice> slices = regular(6);
    for (auto &s : slices) { s.slope = QStringLiteral("0.25"); s.intercept = QStringLiteral("-3.5"); }
    const auto result = SeriesVolumeLoader::loadSeries(writeSeries(QStringLiteral("fractional"), slices));
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const auto &v = result.value().volume();
    QVERIFY(!v.hasIdentityValueMapping());
    for (int k = 0; k < 6; ++k) QCOMPARE(v.realAt(4, 7, k), pixelOf(4, 7, 10 + 2 * k) * 0.25 - 3.5);
    QVERIFY(ofKind(result.value().findings, Kind::ValuesQuantised).isEmpty());

    slices[2].slope = QStringLiteral("0.3");  // per-slice slopes: quantised over the range, reported
    const auto mixed = SeriesVolumeLoader::loadSeries(writeSeries(QStringLiteral("fractional-mixed"), slices));
    QVERIFY2(mixed.ok(), qPrintable(mixed.error().message()));
    const auto quantised = ofKind(mixed.value().findings, Kind::ValuesQuantised);
    QCOMPARE(quantised.size(), 1);
    const double error = mixed.value().volume().valueScale() / 2 + 1e-9;
    QVERIFY(std::fabs(mixed.value().volume().realAt(4, 7, 2) - (pixelOf(4, 7, 14) * 0.3 - 3.5)) <= error);
}

void TestSeriesGeometryFindings::unsupportedTransferSyntaxNamesUidAndFile() {
    Slice s;
    s.transferSyntax = "1.2.840.10008.1.2.4.100";  // MPEG2
    const QStringList files = writeSeries(QStringLiteral("mpeg2"), {s});
    const auto result = SeriesVolumeLoader::loadSeries(files);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), twin::core::Error::Code::Unsupported);
    QCOMPARE(result.error().file(), files[0]);
    QVERIFY2(result.error().message().contains(QStringLiteral("1.2.840.10008.1.2.4.100")), qPrintable(result.error().message()));
}

void TestSeriesGeometryFindings::cancelledJobStops() {
    const QStringList files = writeSeries(QStringLiteral("cancel"), regular(6));
    twin::core::JobContext context;
    const auto examined = SeriesVolumeLoader::examine(files, &context);
    QVERIFY(examined.ok());
    QCOMPARE(context.progress(), 1.0);
    context.requestCancel();
    const auto loaded = SeriesVolumeLoader::load(*examined.value().selected(), {}, &context);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code(), twin::core::Error::Code::Cancelled);
}

DIDYMOS_TEST_MAIN(TestSeriesGeometryFindings)
#include "TestSeriesGeometryFindings.moc"
