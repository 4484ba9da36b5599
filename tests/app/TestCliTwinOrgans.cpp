// `didymos-cli twin organs` on the demo patient as a script runs it: the demo is written by
// `demo write`, its organ twin built from the files. Checked against the phantom itself
// (built here with the same options): GTV and PTV volumes within 2 % of their analytic
// spheres, CT numbers of the GTV near its nominal value, and GTV/PTV dose metrics against
// values computed here from the phantom's dose grid and labels directly. Meshes and DVH tables
// are written; usage and missing folders are clear errors.

#include "CliProcess.h"
#include "TestData.h"
#include "TestMain.h"

#include "twin/dicom/RtStructReader.h"
#include "twin/phantom/DemoPatientGenerator.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <map>
#include <cmath>
#include <numbers>
#include <vector>

using namespace twin;

class TestCliTwinOrgans : public QObject {
    Q_OBJECT
    QString demoDir_;
    QString outDir_;
    QJsonObject result_;
    phantom::DemoPatient patient_;
private slots:
    void initTestCase();
    void structuresMatchTheAnalyticPhantom();
    void doseMetricsMatchTheDoseGrid();
    void meshesAndDvhTablesAreWritten();
    void badInvocationsAreClearErrors();
    void sharedDataVolumesMatchTheirContours();
};

namespace {

constexpr int kSize = 256;

test::CliRun cli(const QStringList &arguments) {
    return test::runProgramIsolated(QStringLiteral(DIDYMOS_CLI_PATH), arguments, QStringLiteral("cli-twin-home"));
}

QJsonObject structureNamed(const QJsonObject &result, const QString &name) {
    for (const QJsonValue &v : result[QStringLiteral("structures")].toArray())
        if (v.toObject()[QStringLiteral("name")].toString() == name) return v.toObject();
    return {};
}

/// D_x% and the mean of the phantom's own dose (Gy) over the voxels of `label`.
struct DirectDose {
    double mean = 0, d95 = 0, d2 = 0;
};
DirectDose directDose(const phantom::DemoPatient &patient, int label, bool includeInner) {
    std::vector<double> doses;
    const auto &labels = patient.labels.voxels();
    const auto &dose = patient.doseCgy.voxels();
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] == label || (includeInner && labels[i] > label)) doses.push_back(dose[i] / 100.0);
    std::sort(doses.begin(), doses.end());
    DirectDose d;
    for (double v : doses) d.mean += v;
    d.mean /= double(doses.size());
    d.d95 = doses[doses.size() - std::size_t(std::ceil(0.95 * double(doses.size())))];
    d.d2 = doses[doses.size() - std::size_t(std::ceil(0.02 * double(doses.size())))];
    return d;
}

// Area (mm²) of a closed planar contour projected on the axial plane (shoelace).
double axialArea(const std::vector<std::array<double, 3>> &points) {
    double twice = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto &a = points[i], &b = points[(i + 1) % points.size()];
        twice += a[0] * b[1] - b[0] * a[1];
    }
    return std::abs(twice) / 2.0;
}

bool insideAxial(const std::array<double, 3> &p, const std::vector<std::array<double, 3>> &polygon) {
    bool inside = false;
    for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
        const auto &a = polygon[i], &b = polygon[j];
        if ((a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
    return inside;
}

/// Volume (mL) of an ROI from its contour polygons alone, no voxels: per plane, the polygon
/// areas with holes subtracted (a contour inside an odd number of others is a hole), times
/// the spacing between contour planes.
double contourVolumeMl(const dicom::RtRoi &roi) {
    std::map<long long, std::vector<const dicom::RtContour *>> planes;  // by z in µm
    for (const dicom::RtContour &c : roi.contours)
        if (c.geometricType == QStringLiteral("CLOSED_PLANAR") && c.pointsMm.size() >= 3)
            planes[std::llround(c.pointsMm.front()[2] * 1000.0)].push_back(&c);
    if (planes.size() < 2) return 0.0;
    std::vector<double> gaps;
    for (auto it = std::next(planes.begin()); it != planes.end(); ++it) gaps.push_back((it->first - std::prev(it)->first) / 1000.0);
    std::sort(gaps.begin(), gaps.end());
    const double spacing = gaps[gaps.size() / 2];
    double volume = 0;
    for (const auto &[z, contours] : planes) {
        for (const dicom::RtContour *c : contours) {
            int depth = 0;
            for (const dicom::RtContour *other : contours)
                if (other != c && insideAxial(c->pointsMm.front(), other->pointsMm)) ++depth;
            volume += (depth % 2 == 0 ? 1.0 : -1.0) * axialArea(c->pointsMm) * spacing;
        }
    }
    return volume / 1000.0;
}

}  // namespace

void TestCliTwinOrgans::initTestCase() {
    const QString scratch = test::scratchDir(QStringLiteral("cli-twin-organs"));
    demoDir_ = scratch + QStringLiteral("/demo");
    outDir_ = scratch + QStringLiteral("/out");
    const auto written = cli({QStringLiteral("demo"), QStringLiteral("write"), demoDir_, QStringLiteral("--size"), QString::number(kSize)});
    QVERIFY2(written.exitCode == 0, qPrintable(written.err));
    phantom::PhantomOptions options;
    options.columns = options.rows = kSize;
    options.pixelSpacingMm = 460.0 / kSize;  // as `demo write --size` does
    auto built = phantom::DemoPatientGenerator::build(options);
    QVERIFY(built.ok());
    patient_ = std::move(built).value();

    const auto run = cli({QStringLiteral("twin"), QStringLiteral("organs"), QStringLiteral("--dicom"), demoDir_, QStringLiteral("--json"),
                          QStringLiteral("--meshes"), outDir_ + QStringLiteral("/meshes"), QStringLiteral("--dvh-csv"),
                          outDir_ + QStringLiteral("/dvh")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    result_ = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QVERIFY(!result_.isEmpty());
}

void TestCliTwinOrgans::structuresMatchTheAnalyticPhantom() {
    QCOMPARE(result_[QStringLiteral("structures")].toArray().size(), qsizetype(patient_.structures.size()));
    const double r = patient_.tumourRadiusMm, ptv = r + patient_.ptvMarginMm;
    const double gtvMl = 4.0 / 3.0 * std::numbers::pi * r * r * r / 1000.0;
    const double ptvMl = 4.0 / 3.0 * std::numbers::pi * ptv * ptv * ptv / 1000.0;
    const QJsonObject gtv = structureNamed(result_, QStringLiteral("GTV")), ptvJson = structureNamed(result_, QStringLiteral("PTV"));
    const double gtvVolume = gtv[QStringLiteral("volumeMl")].toDouble(), ptvVolume = ptvJson[QStringLiteral("volumeMl")].toDouble();
    QVERIFY2(std::abs(gtvVolume - gtvMl) / gtvMl < 0.02, qPrintable(QStringLiteral("GTV %1 mL, analytic %2").arg(gtvVolume).arg(gtvMl)));
    QVERIFY2(std::abs(ptvVolume - ptvMl) / ptvMl < 0.02, qPrintable(QStringLiteral("PTV %1 mL, analytic %2").arg(ptvVolume).arg(ptvMl)));
    // The GTV diameter (RECIST-like) is the sphere's, within a pixel.
    QVERIFY(std::abs(gtv[QStringLiteral("longestAxialDiameterMm")].toDouble() - 2 * r) <= 460.0 / kSize + 0.5);
    for (const phantom::PhantomStructure &s : patient_.structures) {
        const QJsonObject o = structureNamed(result_, s.name);
        QVERIFY2(!o.isEmpty(), qPrintable(s.name));
        for (const char *key : {"volumeMl", "huMean", "huStd", "surfaceAreaCm2"}) QVERIFY2(o.contains(QLatin1String(key)), key);
        QVERIFY(o[QStringLiteral("surfaceAreaCm2")].toDouble() > 0);
        QVERIFY(o.contains(QStringLiteral("dose")));
    }
    const phantom::PhantomStructure *gtvInfo = nullptr;
    for (const auto &s : patient_.structures)
        if (s.name == QStringLiteral("GTV")) gtvInfo = &s;
    QVERIFY(gtvInfo);
    QVERIFY2(std::abs(gtv[QStringLiteral("huMean")].toDouble() - gtvInfo->meanHu) < 10, qPrintable(QString::number(gtv[QStringLiteral("huMean")].toDouble())));
}

void TestCliTwinOrgans::doseMetricsMatchTheDoseGrid() {
    // The phantom's labels hold the innermost structure: the GTV is its own label, the PTV its
    // label plus the GTV inside it. Contours rasterised from the RTSTRUCT and the RTDOSE grid
    // resampled onto the CT differ from these at the edges only: 1 Gy on a 60 Gy plan.
    for (const auto &[name, includeInner] : {std::pair{QStringLiteral("GTV"), false}, std::pair{QStringLiteral("PTV"), true}}) {
        int label = 0;
        for (const auto &s : patient_.structures)
            if (s.name == name) label = s.label;
        const DirectDose direct = directDose(patient_, label, includeInner);
        const QJsonObject dose = structureNamed(result_, name)[QStringLiteral("dose")].toObject();
        QVERIFY2(std::abs(dose[QStringLiteral("meanGy")].toDouble() - direct.mean) < 1.0,
                 qPrintable(QStringLiteral("%1 Dmean %2 vs %3").arg(name).arg(dose[QStringLiteral("meanGy")].toDouble()).arg(direct.mean)));
        QVERIFY2(std::abs(dose[QStringLiteral("d95Gy")].toDouble() - direct.d95) < 1.0,
                 qPrintable(QStringLiteral("%1 D95 %2 vs %3").arg(name).arg(dose[QStringLiteral("d95Gy")].toDouble()).arg(direct.d95)));
        QVERIFY2(std::abs(dose[QStringLiteral("d2Gy")].toDouble() - direct.d2) < 1.0,
                 qPrintable(QStringLiteral("%1 D2 %2 vs %3").arg(name).arg(dose[QStringLiteral("d2Gy")].toDouble()).arg(direct.d2)));
        QCOMPARE(dose[QStringLiteral("v20GyPct")].toDouble(), 100.0);  // the target is covered
    }
    // The prescription: the PTV's D95 is near 60 Gy, the far lung gets almost nothing.
    QVERIFY(std::abs(structureNamed(result_, QStringLiteral("PTV"))[QStringLiteral("dose")][QStringLiteral("d95Gy")].toDouble() -
                     patient_.prescriptionGy) < 0.1 * patient_.prescriptionGy);
    QVERIFY(structureNamed(result_, QStringLiteral("Lung_L"))[QStringLiteral("dose")][QStringLiteral("meanGy")].toDouble() < 1.0);
}

void TestCliTwinOrgans::meshesAndDvhTablesAreWritten() {
    for (const phantom::PhantomStructure &s : patient_.structures) {
        const QJsonObject o = structureNamed(result_, s.name);
        const QString mesh = o[QStringLiteral("mesh")].toString();
        QVERIFY2(mesh.endsWith(QStringLiteral(".vtp")) && QFileInfo(mesh).size() > 1000, qPrintable(mesh));
        QFile csv(outDir_ + QStringLiteral("/dvh/") + s.name + QStringLiteral(".csv"));
        QVERIFY2(csv.open(QIODevice::ReadOnly), qPrintable(csv.fileName()));
        const QList<QByteArray> rows = csv.readAll().trimmed().split('\n');
        QCOMPARE(rows.first(), QByteArray("dose_gy,cumulative_volume_pct,differential_volume_pct"));
        QVERIFY(rows.at(1).startsWith("0.000,100.0000"));
    }
    const auto stl = cli({QStringLiteral("twin"), QStringLiteral("organs"), QStringLiteral("--dicom"), demoDir_, QStringLiteral("--meshes"),
                          outDir_ + QStringLiteral("/stl"), QStringLiteral("--mesh-format"), QStringLiteral("stl")});
    QVERIFY2(stl.exitCode == 0, qPrintable(stl.err));
    QVERIFY(stl.out.contains(QStringLiteral("GTV: ")));
    QVERIFY(QFileInfo(outDir_ + QStringLiteral("/stl/GTV.stl")).size() > 1000);
}

void TestCliTwinOrgans::badInvocationsAreClearErrors() {
    const auto missing = cli({QStringLiteral("twin"), QStringLiteral("organs"), QStringLiteral("--dicom"), QStringLiteral("/nonexistent/folder")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(QStringLiteral("/nonexistent/folder")), qPrintable(missing.err));
    const auto usage = cli({QStringLiteral("twin"), QStringLiteral("organs")});
    QCOMPARE(usage.exitCode, 2);
    QVERIFY(usage.err.contains(QStringLiteral("--dicom")));
    const auto both = cli({QStringLiteral("twin"), QStringLiteral("organs"), QStringLiteral("--dicom"), demoDir_, QStringLiteral("--rtstruct"),
                           QStringLiteral("a.dcm"), QStringLiteral("--seg"), QStringLiteral("b.dcm")});
    QCOMPARE(both.exitCode, 2);
    const auto noStructures = cli({QStringLiteral("twin"), QStringLiteral("organs"), QStringLiteral("--dicom"), demoDir_ + QStringLiteral("/ct")});
    QCOMPARE(noStructures.exitCode, 1);
    QVERIFY2(noStructures.err.contains(QStringLiteral("RTSTRUCT")), qPrintable(noStructures.err));
}

// RTSTRUCT volumes of the public samples against an independent computation from the contour
// polygons. Tolerance 4 %: the rasteriser includes a voxel when its centre is inside the
// contour, so the boundary is off by up to half a pixel (1 mm pixels: about 3 % of a 40 mm
// sphere's volume); contour-plane spacing equals the slice spacing.
void TestCliTwinOrgans::sharedDataVolumesMatchTheirContours() {
    DIDYMOS_REQUIRE_TEST_DATA(folder, "dicom/ct-digital-phantom-opentps-rtstruct");
    const auto run = cli({QStringLiteral("twin"), QStringLiteral("organs"), QStringLiteral("--dicom"), folder, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject result = QJsonDocument::fromJson(run.out.toUtf8()).object();
    // The structure set says Modality RTDOSE; it is found by its SOP class.
    const QString rtstruct = result[QStringLiteral("structuresFile")].toString();
    QVERIFY2(QFileInfo(rtstruct).fileName().startsWith(QStringLiteral("RS")), qPrintable(rtstruct));
    auto set = dicom::RtStructReader::read(rtstruct);
    QVERIFY2(set.ok(), qPrintable(set.ok() ? QString() : set.error().message()));
    int compared = 0;
    for (const dicom::RtRoi &roi : set.value().rois) {
        const double expected = contourVolumeMl(roi);
        if (expected <= 0) continue;
        const QJsonObject structure = structureNamed(result, roi.name);
        QVERIFY2(!structure.isEmpty(), qPrintable(roi.name));
        const double ours = structure[QStringLiteral("volumeMl")].toDouble();
        QVERIFY2(std::abs(ours - expected) / expected < 0.04,
                 qPrintable(QStringLiteral("%1: %2 mL, contours %3 mL").arg(roi.name).arg(ours).arg(expected)));
        qInfo("%s: %.2f mL from voxels, %.2f mL from contours", qPrintable(roi.name), ours, expected);
        ++compared;
    }
    QVERIFY(compared > 0);
}

DIDYMOS_TEST_MAIN(TestCliTwinOrgans)
#include "TestCliTwinOrgans.moc"