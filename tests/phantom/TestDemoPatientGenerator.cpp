// The demo patient: anatomy and HU, labels, dose, and the DICOM/FHIR files it writes (checked
// with DCMTK, dcmdump and, where installed, dciodvfy from dicom3tools).

#include "TestMain.h"

#include "twin/dicom/DicomFileProbe.h"
#include "twin/ehr/FhirBundleSummary.h"
#include "twin/phantom/DemoPatientGenerator.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/oflog/oflog.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numbers>
#include <optional>
#include <thread>

using twin::phantom::DemoPatient;
using twin::phantom::DemoPatientGenerator;
using twin::phantom::PhantomOptions;

namespace {

using Point = std::array<double, 3>;

/// The voxel nearest to an LPS point (the generator's grids are axis-aligned).
std::array<int, 3> nearestVoxel(const twin::core::ScalarVolume &volume, const Point &point) {
    const auto &g = volume.geometry();
    std::array<int, 3> index{};
    for (int a = 0; a < 3; ++a) {
        index[a] = static_cast<int>(std::lround((point[a] - g.originMm[a]) / g.spacingMm[a]));
        index[a] = std::clamp(index[a], 0, g.dimensions[a] - 1);
    }
    return index;
}

int valueAt(const twin::core::ScalarVolume &volume, const Point &point) {
    const auto index = nearestVoxel(volume, point);
    return volume.at(index[0], index[1], index[2]);
}

/// Mean of the CT in a small cube (2*half+1 voxels a side) around a point: noise averages out.
double meanAround(const twin::core::ScalarVolume &volume, const Point &point, int half = 2) {
    const auto c = nearestVoxel(volume, point);
    double sum = 0.0;
    int count = 0;
    for (int k = c[2] - half; k <= c[2] + half; ++k)
        for (int j = c[1] - half; j <= c[1] + half; ++j)
            for (int i = c[0] - half; i <= c[0] + half; ++i) {
                sum += volume.at(i, j, k);
                ++count;
            }
    return sum / count;
}

struct ProcessResult {
    int exitCode = -1;
    QString output;
};

ProcessResult runTool(const QString &program, const QStringList &arguments) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) return {};
    process.waitForFinished(120000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromLocal8Bit(process.readAll())};
}

QByteArray fileBytes(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const twin::phantom::PhantomStructure *structureNamed(const DemoPatient &patient, const QString &name) {
    for (const auto &structure : patient.structures) {
        if (structure.name == name) return &structure;
    }
    return nullptr;
}

}  // namespace

class TestDemoPatientGenerator : public twin::test::StrictTestCase {
    Q_OBJECT

private:
    QString scratch_;
    std::optional<DemoPatient> patient_;  // the full-size demo patient, written once
    twin::core::JobContext context_;

private slots:
    void initTestCase();
    void ctHasTheDemoGrid();
    void huAtKnownAnatomy();
    void eachStructureHasItsLabelAndHuAtItsInteriorPoint();
    void noiseLooksLikeCt();
    void labelsCoverTheBodyOnly();
    void tumourVolumeMatchesTheSphere();
    void doseCoversTheTumourAndFallsOff();
    void progressReachedTheEnd();
    void filesExist();
    void dicomHeadersAgree();
    void dcmdumpReadsEveryObject();
    void dciodvfyFindsNoErrors();
    void rtStructListsEveryStructure();
    void rtDoseMatchesThePlan();
    void fhirBundleHasTheClinicalRecord();
    void fhirIdentityMatchesDicom();
    void buildIsFast();
    void generationIsDeterministic();
    void cancelBeforeStartReturnsCancelled();
    void cancelWhileWritingReturnsCancelled();
    void invalidOptionsAreRejected();
    void unwritableOutputNamesTheFile();
};

void TestDemoPatientGenerator::initTestCase() {
    // DicomFileProbe stops at PixelData on purpose; DCMTK would log a warning for each file.
    OFLog::configure(OFLogger::ERROR_LOG_LEVEL);
    scratch_ = twin::test::scratchDir(QStringLiteral("phantom"));
    QElapsedTimer timer;
    timer.start();
    auto result = DemoPatientGenerator::generate(scratch_ + QStringLiteral("/demo"), {}, &context_);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message()));
    qInfo("demo patient 512x512x120 generated (volumes + all files) in %lld ms", timer.elapsed());
    patient_ = std::move(result).value();
}

void TestDemoPatientGenerator::ctHasTheDemoGrid() {
    const auto &ct = patient_->ct;
    QCOMPARE(ct.dimension(0), 512);
    QCOMPARE(ct.dimension(1), 512);
    QVERIFY(ct.dimension(2) >= 100);
    QCOMPARE(ct.voxels().size(), ct.geometry().voxelCount());
    QCOMPARE(patient_->labels.geometry().dimensions, ct.geometry().dimensions);
    QCOMPARE(patient_->doseCgy.geometry().dimensions, ct.geometry().dimensions);
    QCOMPARE(patient_->labels.geometry().originMm, ct.geometry().originMm);
    QCOMPARE(ct.geometry().spacingMm[0], 0.9);
    QCOMPARE(ct.geometry().spacingMm[2], 2.5);
}

void TestDemoPatientGenerator::huAtKnownAnatomy() {
    const auto &ct = patient_->ct;
    QCOMPARE(valueAt(ct, {0.0, -200.0, 0.0}), -1000);                         // air in front of the chest
    QCOMPARE(valueAt(ct, {-220.0, 220.0, 100.0}), -1000);                     // a corner of the field of view
    QVERIFY(std::abs(meanAround(ct, {95.0, 0.0, 75.0}) + 850.0) < 60.0);      // left lung
    QVERIFY(std::abs(meanAround(ct, {-110.0, 20.0, 40.0}) + 850.0) < 60.0);   // right lung
    QVERIFY(std::abs(meanAround(ct, {-60.0, -25.0, -80.0}) - 60.0) < 40.0);   // liver
    QVERIFY(std::abs(meanAround(ct, {75.0, 62.0, -100.0}) - 30.0) < 40.0);    // left kidney
    QVERIFY(std::abs(meanAround(ct, {-85.0, -10.0, 85.0}) - 40.0) < 40.0);    // tumour
    QVERIFY(std::abs(meanAround(ct, {0.0, -117.5, 0.0}, 1) + 100.0) < 40.0);  // subcutaneous fat
    QVERIFY(meanAround(ct, {0.0, 50.0, 0.0}) > 300.0);                        // vertebral body
    QVERIFY(std::abs(patient_->tumourCentreMm[0] + 85.0) < 1e-9);
    QCOMPARE(patient_->tumourRadiusMm, 17.5);
}

void TestDemoPatientGenerator::eachStructureHasItsLabelAndHuAtItsInteriorPoint() {
    const QStringList expected{QStringLiteral("External"), QStringLiteral("Lung_R"), QStringLiteral("Lung_L"),
                               QStringLiteral("Heart"),    QStringLiteral("Liver"),  QStringLiteral("Kidney_R"),
                               QStringLiteral("Kidney_L"), QStringLiteral("Spine"),  QStringLiteral("SpinalCord"),
                               QStringLiteral("PTV"),      QStringLiteral("GTV")};
    QStringList names;
    QSet<int> labels;
    for (const auto &structure : patient_->structures) {
        names << structure.name;
        labels.insert(structure.label);
        QVERIFY2(structure.label > 0, qPrintable(structure.name));
        QCOMPARE(valueAt(patient_->labels, structure.interiorPointMm), structure.label);
        const double hu = meanAround(patient_->ct, structure.interiorPointMm, 1);
        QVERIFY2(
            std::abs(hu - structure.meanHu) < 15.0,
            qPrintable(QStringLiteral("%1: %2 HU, expected %3").arg(structure.name).arg(hu).arg(structure.meanHu)));
    }
    QCOMPARE(names, expected);
    QCOMPARE(labels.size(), expected.size());
    QCOMPARE(structureNamed(*patient_, QStringLiteral("GTV"))->rtRoiInterpretedType, QStringLiteral("GTV"));
    QCOMPARE(structureNamed(*patient_, QStringLiteral("External"))->rtRoiInterpretedType, QStringLiteral("EXTERNAL"));
}

void TestDemoPatientGenerator::noiseLooksLikeCt() {
    // Liver: a 5x5x5 block; its SD is that of the noise (triangular +-20 HU: ~8 HU).
    const auto c = nearestVoxel(patient_->ct, {-60.0, -25.0, -80.0});
    double sum = 0.0, sum2 = 0.0;
    int n = 0;
    for (int k = c[2] - 2; k <= c[2] + 2; ++k)
        for (int j = c[1] - 2; j <= c[1] + 2; ++j)
            for (int i = c[0] - 2; i <= c[0] + 2; ++i) {
                const double v = patient_->ct.at(i, j, k);
                sum += v;
                sum2 += v * v;
                ++n;
            }
    const double sd = std::sqrt(sum2 / n - (sum / n) * (sum / n));
    QVERIFY2(sd > 4.0 && sd < 15.0, qPrintable(QString::number(sd)));
}

void TestDemoPatientGenerator::labelsCoverTheBodyOnly() {
    const auto &ct = patient_->ct.voxels();
    const auto &labels = patient_->labels.voxels();
    std::array<std::size_t, 16> counts{};
    for (std::size_t v = 0; v < labels.size(); ++v) {
        QVERIFY(labels[v] >= 0 && labels[v] < 16);
        ++counts[static_cast<std::size_t>(labels[v])];
        if (labels[v] == 0 && ct[v] != -1000) QFAIL("a voxel outside the body is not air");
    }
    for (const auto &structure : patient_->structures) {
        QVERIFY2(counts[static_cast<std::size_t>(structure.label)] > 100, qPrintable(structure.name));
    }
    QVERIFY(counts[0] > labels.size() / 10);  // plenty of air around the body
}

void TestDemoPatientGenerator::tumourVolumeMatchesTheSphere() {
    const int gtv = structureNamed(*patient_, QStringLiteral("GTV"))->label;
    const int ptv = structureNamed(*patient_, QStringLiteral("PTV"))->label;
    const auto &labels = patient_->labels.voxels();
    const double voxel = patient_->labels.geometry().voxelVolumeMm3();
    const double gtvMm3 = static_cast<double>(std::count(labels.begin(), labels.end(), gtv)) * voxel;
    const double ptvMm3 = static_cast<double>(std::count(labels.begin(), labels.end(), ptv)) * voxel + gtvMm3;
    const double r = patient_->tumourRadiusMm;
    const double R = r + patient_->ptvMarginMm;
    const double gtvExpected = 4.0 / 3.0 * std::numbers::pi * r * r * r;
    const double ptvExpected = 4.0 / 3.0 * std::numbers::pi * R * R * R;
    QVERIFY2(std::abs(gtvMm3 / gtvExpected - 1.0) < 0.03,
             qPrintable(QStringLiteral("%1 vs %2").arg(gtvMm3).arg(gtvExpected)));
    QVERIFY2(std::abs(ptvMm3 / ptvExpected - 1.0) < 0.03,
             qPrintable(QStringLiteral("%1 vs %2").arg(ptvMm3).arg(ptvExpected)));
    QVERIFY(std::abs(gtvExpected - 22449.3) < 1.0);  // the 35 mm tumour of the issue
}

void TestDemoPatientGenerator::doseCoversTheTumourAndFallsOff() {
    const auto &dose = patient_->doseCgy;
    const int centre = valueAt(dose, patient_->tumourCentreMm);
    QVERIFY2(centre >= 6000 && centre <= 6500, qPrintable(QString::number(centre)));
    const auto &doses = dose.voxels();
    QVERIFY(*std::max_element(doses.begin(), doses.end()) <= 6500);
    // Every GTV voxel gets at least the prescription, every PTV voxel at least 93 %.
    const int gtv = structureNamed(*patient_, QStringLiteral("GTV"))->label;
    const int ptv = structureNamed(*patient_, QStringLiteral("PTV"))->label;
    const auto &labels = patient_->labels.voxels();
    int gtvMin = 100000, ptvMin = 100000;
    for (std::size_t v = 0; v < labels.size(); ++v) {
        if (labels[v] == gtv) gtvMin = std::min<int>(gtvMin, doses[v]);
        if (labels[v] == ptv) ptvMin = std::min<int>(ptvMin, doses[v]);
        if (labels[v] == 0 && doses[v] != 0) QFAIL("dose outside the body");
    }
    QVERIFY2(gtvMin >= 6000, qPrintable(QString::number(gtvMin)));
    QVERIFY2(ptvMin >= 5580, qPrintable(QString::number(ptvMin)));
    QVERIFY(valueAt(dose, {75.0, 62.0, -100.0}) < 1000);         // left kidney
    QVERIFY(valueAt(dose, {95.0, 0.0, 75.0}) < 1000);            // left lung
    QVERIFY(valueAt(dose, {0.0, 80.0, 0.0}) < 1000);             // spinal cord, below the target
    QVERIFY(valueAt(dose, {-85.0, -10.0, 85.0 + 60.0}) < 2000);  // 6 cm above the tumour
    QCOMPARE(patient_->prescriptionGy, 60.0);
    QCOMPARE(patient_->fractions, 30);
}

void TestDemoPatientGenerator::progressReachedTheEnd() {
    QCOMPARE(context_.progress(), 1.0);
    QVERIFY(!context_.stage().isEmpty());
}

void TestDemoPatientGenerator::filesExist() {
    const auto &files = patient_->files;
    QCOMPARE(files.ctFiles.size(), patient_->ct.dimension(2));
    QVERIFY(files.ctFiles.first().endsWith(QStringLiteral("/ct/CT_0000.dcm")));
    for (const QString &path : files.ctFiles) QVERIFY2(QFileInfo(path).size() > 512 * 512 * 2, qPrintable(path));
    for (const QString &path : {files.rtStructPath, files.rtPlanPath, files.rtDosePath, files.fhirBundlePath}) {
        QVERIFY2(QFileInfo(path).isFile() && QFileInfo(path).size() > 1000, qPrintable(path));
    }
    QVERIFY(files.rtStructPath.endsWith(QStringLiteral("/rtstruct.dcm")));
    QVERIFY(files.rtDosePath.endsWith(QStringLiteral("/rtdose.dcm")));
    QVERIFY(files.fhirBundlePath.endsWith(QStringLiteral("/fhir/patient-bundle.json")));
}

void TestDemoPatientGenerator::dicomHeadersAgree() {
    const auto &identity = patient_->identity;
    QVERIFY(identity.studyInstanceUid.startsWith(QStringLiteral("2.25.")));
    QSet<QString> sopInstances;
    for (const QString &path : patient_->files.ctFiles) {
        const auto header = twin::dicom::DicomFileProbe::read(path);
        QVERIFY2(header.ok(), qPrintable(header.ok() ? QString() : header.error().message()));
        const auto &h = header.value();
        QCOMPARE(h.modality, QStringLiteral("CT"));
        QCOMPARE(h.sopClassUid, QStringLiteral("1.2.840.10008.5.1.4.1.1.2"));
        QCOMPARE(h.patientId, QStringLiteral("DIDYMOS-DEMO-001"));
        QCOMPARE(h.patientName, QStringLiteral("Demo^Didymos"));
        QCOMPARE(h.studyInstanceUid, identity.studyInstanceUid);
        QCOMPARE(h.seriesInstanceUid, identity.ctSeriesInstanceUid);
        QCOMPARE(h.frameOfReferenceUid, identity.frameOfReferenceUid);
        QCOMPARE(h.transferSyntaxUid, QStringLiteral("1.2.840.10008.1.2.1"));
        QCOMPARE(h.rows, 512);
        QCOMPARE(h.columns, 512);
        sopInstances.insert(h.sopInstanceUid);
    }
    QCOMPARE(sopInstances.size(), patient_->files.ctFiles.size());

    const struct {
        QString path;
        QString modality;
    } objects[] = {{patient_->files.rtStructPath, QStringLiteral("RTSTRUCT")},
                   {patient_->files.rtPlanPath, QStringLiteral("RTPLAN")},
                   {patient_->files.rtDosePath, QStringLiteral("RTDOSE")}};
    QSet<QString> series{identity.ctSeriesInstanceUid};
    for (const auto &object : objects) {
        const auto header = twin::dicom::DicomFileProbe::read(object.path);
        QVERIFY2(header.ok(), qPrintable(header.ok() ? QString() : header.error().message()));
        QCOMPARE(header.value().modality, object.modality);
        QCOMPARE(header.value().patientId, identity.patientId);
        QCOMPARE(header.value().studyInstanceUid, identity.studyInstanceUid);
        QCOMPARE(header.value().frameOfReferenceUid, identity.frameOfReferenceUid);
        QVERIFY(!sopInstances.contains(header.value().sopInstanceUid));
        series.insert(header.value().seriesInstanceUid);
    }
    QCOMPARE(series.size(), 4);  // each object its own series
}

void TestDemoPatientGenerator::dcmdumpReadsEveryObject() {
    const QString dcmdump = QStandardPaths::findExecutable(QStringLiteral("dcmdump"));
    if (dcmdump.isEmpty()) {
        if (twin::test::runningUnderCi()) QFAIL("dcmdump not found (install dcmtk)");
        QSKIP("dcmdump not found (install dcmtk)");
    }
    const auto &files = patient_->files;
    for (const QString &path :
         {files.ctFiles.first(), files.ctFiles.last(), files.rtStructPath, files.rtPlanPath, files.rtDosePath}) {
        const ProcessResult result = runTool(dcmdump, {QStringLiteral("-q"), path});
        QVERIFY2(result.exitCode == 0, qPrintable(path + QLatin1Char('\n') + result.output));
        QVERIFY2(result.output.contains(QStringLiteral("[Demo^Didymos]")), qPrintable(path));
        QVERIFY2(!result.output.contains(QStringLiteral("E: ")), qPrintable(result.output.left(2000)));
    }
    const ProcessResult rtStruct = runTool(dcmdump, {QStringLiteral("-q"), files.rtStructPath});
    for (const auto &structure : patient_->structures) {
        QVERIFY2(rtStruct.output.contains(QStringLiteral("[%1]").arg(structure.name)), qPrintable(structure.name));
    }
    QVERIFY(rtStruct.output.contains(QStringLiteral("CLOSED_PLANAR")));
    QVERIFY(rtStruct.output.contains(QStringLiteral("[%1]").arg(patient_->identity.frameOfReferenceUid)));
    const ProcessResult rtDose = runTool(dcmdump, {QStringLiteral("-q"), files.rtDosePath});
    QVERIFY(rtDose.output.contains(QStringLiteral("(3004,0002) CS [GY]")));
    QVERIFY(rtDose.output.contains(QStringLiteral("(3004,000a) CS [PLAN]")));
}

void TestDemoPatientGenerator::dciodvfyFindsNoErrors() {
    const QString dciodvfy = QStandardPaths::findExecutable(QStringLiteral("dciodvfy"));
    if (dciodvfy.isEmpty()) {
        if (twin::test::runningUnderCi()) QFAIL("dciodvfy not found (install dicom3tools)");
        QSKIP("dciodvfy not found (install dicom3tools)");
    }
    const auto &files = patient_->files;
    for (const QString &path : {files.ctFiles.first(), files.rtStructPath, files.rtPlanPath, files.rtDosePath}) {
        const ProcessResult result = runTool(dciodvfy, {path});
        QVERIFY2(result.exitCode >= 0, qPrintable(path));
        const QStringList lines = result.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QStringList errors, warnings;
        for (const QString &line : lines) {
            if (line.startsWith(QStringLiteral("Error"))) errors << line;
            if (line.startsWith(QStringLiteral("Warning"))) warnings << line;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(path + QLatin1Char('\n') + errors.join(QLatin1Char('\n'))));
        qInfo("dciodvfy %s: 0 errors, %lld warnings", qPrintable(QFileInfo(path).fileName()),
              static_cast<long long>(warnings.size()));
    }
}

void TestDemoPatientGenerator::rtStructListsEveryStructure() {
    DcmFileFormat file;
    QVERIFY(file.loadFile(QFile::encodeName(patient_->files.rtStructPath).constData()).good());
    DcmDataset *data = file.getDataset();
    DcmSequenceOfItems *rois = nullptr, *contours = nullptr, *observations = nullptr;
    QVERIFY(data->findAndGetSequence(DCM_StructureSetROISequence, rois).good());
    QVERIFY(data->findAndGetSequence(DCM_ROIContourSequence, contours).good());
    QVERIFY(data->findAndGetSequence(DCM_RTROIObservationsSequence, observations).good());
    const auto count = static_cast<unsigned long>(patient_->structures.size());
    QCOMPARE(rois->card(), count);
    QCOMPARE(contours->card(), count);
    QCOMPARE(observations->card(), count);
    // The GTV: one closed polygon per CT slice through the sphere, on the slice's plane.
    const int gtv = structureNamed(*patient_, QStringLiteral("GTV"))->label;
    for (unsigned long i = 0; i < count; ++i) {
        DcmItem *roi = contours->getItem(i);
        Sint32 number = 0;
        QVERIFY(roi->findAndGetSint32(DCM_ReferencedROINumber, number).good());
        if (number != gtv) continue;
        DcmSequenceOfItems *planes = nullptr;
        QVERIFY(roi->findAndGetSequence(DCM_ContourSequence, planes).good());
        QCOMPARE(planes->card(), 14ul);  // 35 mm / 2.5 mm
        Float64 z = 0.0;
        QVERIFY(planes->getItem(0)->findAndGetFloat64(DCM_ContourData, z, 2).good());
        const double firstSlice = patient_->ct.geometry().originMm[2];
        const double k = (z - firstSlice) / patient_->ct.geometry().spacingMm[2];
        QVERIFY(std::abs(k - std::round(k)) < 1e-6);
        DcmItem *image = nullptr;
        QVERIFY(planes->getItem(0)->findAndGetSequenceItem(DCM_ContourImageSequence, image).good());
        OFString referenced;
        QVERIFY(image->findAndGetOFString(DCM_ReferencedSOPInstanceUID, referenced).good());
        const auto probe =
            twin::dicom::DicomFileProbe::read(patient_->files.ctFiles.at(static_cast<int>(std::lround(k))));
        QVERIFY(probe.ok());
        QCOMPARE(QString::fromLatin1(referenced.c_str()), probe.value().sopInstanceUid);
    }
}

void TestDemoPatientGenerator::rtDoseMatchesThePlan() {
    DcmFileFormat file;
    QVERIFY(file.loadFile(QFile::encodeName(patient_->files.rtDosePath).constData()).good());
    DcmDataset *data = file.getDataset();
    Float64 scaling = 0.0;
    QVERIFY(data->findAndGetFloat64(DCM_DoseGridScaling, scaling).good());
    Uint16 rows = 0, columns = 0;
    QVERIFY(data->findAndGetUint16(DCM_Rows, rows).good());
    QVERIFY(data->findAndGetUint16(DCM_Columns, columns).good());
    Sint32 frames = 0;
    QVERIFY(data->findAndGetSint32(DCM_NumberOfFrames, frames).good());
    const Uint16 *pixels = nullptr;
    unsigned long count = 0;
    QVERIFY(data->findAndGetUint16Array(DCM_PixelData, pixels, &count).good());
    QCOMPARE(count, static_cast<unsigned long>(rows) * columns * static_cast<unsigned long>(frames));
    const double maxGy = *std::max_element(pixels, pixels + count) * scaling;
    QVERIFY2(maxGy >= 60.0 && maxGy <= 65.0, qPrintable(QString::number(maxGy)));
    OFString offsets;
    QVERIFY(data->findAndGetOFStringArray(DCM_GridFrameOffsetVector, offsets).good());
    QCOMPARE(static_cast<Sint32>(QString::fromLatin1(offsets.c_str()).split(QLatin1Char('\\')).size()), frames);

    // The grid's dose near the tumour centre agrees with doseCgy on the CT grid.
    Float64 origin[3] = {0, 0, 0}, spacing = 0.0;
    for (unsigned long a = 0; a < 3; ++a)
        QVERIFY(data->findAndGetFloat64(DCM_ImagePositionPatient, origin[a], a).good());
    QVERIFY(data->findAndGetFloat64(DCM_PixelSpacing, spacing, 0).good());
    const auto &c = patient_->tumourCentreMm;
    const long i = std::lround((c[0] - origin[0]) / spacing), j = std::lround((c[1] - origin[1]) / spacing),
               k = std::lround((c[2] - origin[2]) / spacing);
    const double gridGy = pixels[(k * rows + j) * columns + i] * scaling;
    const double ctGy =
        valueAt(patient_->doseCgy, {origin[0] + i * spacing, origin[1] + j * spacing, origin[2] + k * spacing}) / 100.0;
    QVERIFY2(std::abs(gridGy - ctGy) < 0.5, qPrintable(QStringLiteral("%1 vs %2").arg(gridGy).arg(ctGy)));

    DcmItem *plan = nullptr;
    QVERIFY(data->findAndGetSequenceItem(DCM_ReferencedRTPlanSequence, plan).good());
    OFString planUid;
    QVERIFY(plan->findAndGetOFString(DCM_ReferencedSOPInstanceUID, planUid).good());
    const auto planHeader = twin::dicom::DicomFileProbe::read(patient_->files.rtPlanPath);
    QVERIFY(planHeader.ok());
    QCOMPARE(QString::fromLatin1(planUid.c_str()), planHeader.value().sopInstanceUid);
}

void TestDemoPatientGenerator::fhirBundleHasTheClinicalRecord() {
    const auto summary = twin::ehr::FhirBundleSummary::readFile(patient_->files.fhirBundlePath);
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message()));
    const auto &counts = summary.value().countsByType;
    QCOMPARE(summary.value().bundleType, QStringLiteral("collection"));
    QCOMPARE(counts.value(QStringLiteral("Patient")), 1);
    QVERIFY(counts.value(QStringLiteral("Observation")) >= 5);
    QVERIFY(counts.value(QStringLiteral("Condition")) >= 1);
    QVERIFY(counts.value(QStringLiteral("MedicationRequest")) >= 1);
    QVERIFY(summary.value().warnings.isEmpty());
}

void TestDemoPatientGenerator::fhirIdentityMatchesDicom() {
    const QJsonObject bundle = QJsonDocument::fromJson(fileBytes(patient_->files.fhirBundlePath)).object();
    QSet<QString> fullUrls, references;
    QSet<QString> loincCodes;
    QSet<QString> observationDates;
    double weight = 0.0;
    QJsonObject patient;
    for (const QJsonValue &entryValue : bundle.value(QStringLiteral("entry")).toArray()) {
        const QJsonObject entry = entryValue.toObject();
        const QString fullUrl = entry.value(QStringLiteral("fullUrl")).toString();
        QVERIFY2(fullUrl.startsWith(QStringLiteral("urn:uuid:")), qPrintable(fullUrl));
        fullUrls.insert(fullUrl);
        const QJsonObject resource = entry.value(QStringLiteral("resource")).toObject();
        QCOMPARE(QStringLiteral("urn:uuid:") + resource.value(QStringLiteral("id")).toString(), fullUrl);
        const QString type = resource.value(QStringLiteral("resourceType")).toString();
        if (type == QLatin1String("Patient")) patient = resource;
        const QString subject =
            resource.value(QStringLiteral("subject")).toObject().value(QStringLiteral("reference")).toString();
        if (!subject.isEmpty()) references.insert(subject);
        if (type == QLatin1String("Observation")) {
            const QJsonObject coding = resource.value(QStringLiteral("code"))
                                           .toObject()
                                           .value(QStringLiteral("coding"))
                                           .toArray()
                                           .first()
                                           .toObject();
            QCOMPARE(coding.value(QStringLiteral("system")).toString(), QStringLiteral("http://loinc.org"));
            loincCodes.insert(coding.value(QStringLiteral("code")).toString());
            const QJsonObject quantity = resource.value(QStringLiteral("valueQuantity")).toObject();
            if (resource.contains(QStringLiteral("valueCodeableConcept"))) {  // ECOG: a LOINC answer code
                QCOMPARE(coding.value(QStringLiteral("code")).toString(), QStringLiteral("89247-1"));
            } else {
                QCOMPARE(quantity.value(QStringLiteral("system")).toString(), QStringLiteral("http://unitsofmeasure.org"));
            }
            if (coding.value(QStringLiteral("code")).toString() == QLatin1String("29463-7")) {
                weight = quantity.value(QStringLiteral("value")).toDouble();
                QCOMPARE(quantity.value(QStringLiteral("code")).toString(), QStringLiteral("kg"));
            }
            observationDates.insert(resource.value(QStringLiteral("effectiveDateTime")).toString().left(10));
        }
        if (type == QLatin1String("Condition")) {
            const QJsonObject coding = resource.value(QStringLiteral("code"))
                                           .toObject()
                                           .value(QStringLiteral("coding"))
                                           .toArray()
                                           .first()
                                           .toObject();
            QCOMPARE(coding.value(QStringLiteral("code")).toString(), QStringLiteral("254637007"));
            QVERIFY(!resource.value(QStringLiteral("stage")).toArray().isEmpty());
        }
        if (type == QLatin1String("MedicationRequest")) {
            const QJsonObject coding = resource.value(QStringLiteral("medicationCodeableConcept"))
                                           .toObject()
                                           .value(QStringLiteral("coding"))
                                           .toArray()
                                           .first()
                                           .toObject();
            QCOMPARE(coding.value(QStringLiteral("system")).toString(),
                     QStringLiteral("http://www.nlm.nih.gov/research/umls/rxnorm"));
            QVERIFY(!coding.value(QStringLiteral("code")).toString().isEmpty());
        }
    }
    for (const QString &reference : references) QVERIFY2(fullUrls.contains(reference), qPrintable(reference));
    for (const char *code : {"29463-7", "8302-2", "2160-0", "751-8", "718-7"}) {
        QVERIFY2(loincCodes.contains(QString::fromLatin1(code)), code);
    }
    QVERIFY(observationDates.size() >= 2);  // prior labs at an earlier date
    QCOMPARE(weight, patient_->weightKg);

    const auto &identity = patient_->identity;
    const QJsonObject name = patient.value(QStringLiteral("name")).toArray().first().toObject();
    QCOMPARE(patient.value(QStringLiteral("identifier"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("value"))
                 .toString(),
             identity.patientId);
    QCOMPARE(name.value(QStringLiteral("family")).toString(), identity.familyName);
    QCOMPARE(name.value(QStringLiteral("given")).toArray().first().toString(), identity.givenName);
    QCOMPARE(patient.value(QStringLiteral("birthDate")).toString(), identity.birthDate);
    QCOMPARE(patient.value(QStringLiteral("gender")).toString(), identity.sex);

    // The same facts in the DICOM header.
    DcmFileFormat file;
    QVERIFY(file.loadFile(QFile::encodeName(patient_->files.ctFiles.first()).constData()).good());
    OFString value;
    QVERIFY(file.getDataset()->findAndGetOFString(DCM_PatientName, value).good());
    QCOMPARE(QString::fromLatin1(value.c_str()), identity.familyName + QLatin1Char('^') + identity.givenName);
    QVERIFY(file.getDataset()->findAndGetOFString(DCM_PatientBirthDate, value).good());
    QCOMPARE(QString::fromLatin1(value.c_str()), QString(identity.birthDate).remove(QLatin1Char('-')));
    QVERIFY(file.getDataset()->findAndGetOFString(DCM_PatientSex, value).good());
    QCOMPARE(QString::fromLatin1(value.c_str()),
             identity.sex == QLatin1String("female") ? QStringLiteral("F") : QStringLiteral("M"));
    Float64 dicomWeight = 0.0;
    QVERIFY(file.getDataset()->findAndGetFloat64(DCM_PatientWeight, dicomWeight).good());
    QCOMPARE(dicomWeight, patient_->weightKg);
}

void TestDemoPatientGenerator::buildIsFast() {
    QElapsedTimer timer;
    timer.start();
    const auto built = DemoPatientGenerator::build();
    const qint64 ms = timer.elapsed();
    QVERIFY(built.ok());
    qInfo("demo patient volumes 512x512x120 (CT, labels, dose) built in %lld ms", ms);
    QVERIFY(built.value().files.ctFiles.isEmpty());  // build() writes nothing
    QCOMPARE(built.value().ct.voxels(), patient_->ct.voxels());
    QCOMPARE(built.value().labels.voxels(), patient_->labels.voxels());
    QCOMPARE(built.value().doseCgy.voxels(), patient_->doseCgy.voxels());
    QVERIFY2(ms < 30000, "far slower than the ~1-3 s target");
}

void TestDemoPatientGenerator::generationIsDeterministic() {
    const PhantomOptions small{128, 128, 100, 3.6, 2.5};
    const QString first = scratch_ + QStringLiteral("/small-a"), second = scratch_ + QStringLiteral("/small-b");
    const auto a = DemoPatientGenerator::generate(first, small);
    const auto b = DemoPatientGenerator::generate(second, small);
    QVERIFY(a.ok() && b.ok());
    for (const auto pick :
         {&twin::phantom::DemoPatientFiles::rtStructPath, &twin::phantom::DemoPatientFiles::rtPlanPath,
          &twin::phantom::DemoPatientFiles::rtDosePath, &twin::phantom::DemoPatientFiles::fhirBundlePath}) {
        const QByteArray bytesA = fileBytes(a.value().files.*pick);
        QVERIFY(!bytesA.isEmpty());
        QVERIFY2(bytesA == fileBytes(b.value().files.*pick), qPrintable(a.value().files.*pick));
    }
    QCOMPARE(fileBytes(a.value().files.ctFiles.at(40)), fileBytes(b.value().files.ctFiles.at(40)));
    // Another grid is another study: no UID is shared with the full-size demo patient.
    QVERIFY(a.value().identity.studyInstanceUid != patient_->identity.studyInstanceUid);
    QCOMPARE(a.value().identity.patientId, patient_->identity.patientId);
    // The anatomy is the same in millimetres at any resolution.
    const auto *gtv = structureNamed(a.value(), QStringLiteral("GTV"));
    QCOMPARE(valueAt(a.value().labels, gtv->interiorPointMm), gtv->label);
}

void TestDemoPatientGenerator::cancelBeforeStartReturnsCancelled() {
    twin::core::JobContext context;
    context.requestCancel();
    const auto built = DemoPatientGenerator::build({128, 128, 100, 3.6, 2.5}, &context);
    QVERIFY(!built.ok());
    QCOMPARE(built.error().code(), twin::core::Error::Code::Cancelled);
    const auto generated =
        DemoPatientGenerator::generate(scratch_ + QStringLiteral("/cancelled"), {128, 128, 100, 3.6, 2.5}, &context);
    QVERIFY(!generated.ok());
    QCOMPARE(generated.error().code(), twin::core::Error::Code::Cancelled);
}

void TestDemoPatientGenerator::cancelWhileWritingReturnsCancelled() {
    twin::core::JobContext context;
    std::atomic<bool> finished{false};
    std::optional<twin::core::Result<DemoPatient>> result;
    const QString directory = scratch_ + QStringLiteral("/cancel-midway");
    std::thread worker([&] {
        result.emplace(DemoPatientGenerator::generate(directory, {128, 128, 100, 3.6, 2.5}, &context));
        finished = true;
    });
    // Cancel as soon as the CT series is being written (progress 0.35 .. 0.85).
    while (context.progress() < 0.4 && !finished) QThread::yieldCurrentThread();
    const double progressAtCancel = context.progress();
    context.requestCancel();
    worker.join();
    QVERIFY(result.has_value());
    if (progressAtCancel >= 1.0) QSKIP("the generation finished before it could be cancelled");
    QVERIFY2(!result->ok(), "generation went on after the cancel request");
    QCOMPARE(result->error().code(), twin::core::Error::Code::Cancelled);
    if (progressAtCancel < 0.85) {
        QVERIFY(QDir(directory + QStringLiteral("/ct")).entryList(QDir::Files).size() < 100);
        QVERIFY(!QFileInfo::exists(directory + QStringLiteral("/rtstruct.dcm")));
    }
}

void TestDemoPatientGenerator::invalidOptionsAreRejected() {
    const auto result = DemoPatientGenerator::build({0, 512, 120, 0.9, 2.5});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), twin::core::Error::Code::InvalidInput);
    QVERIFY(!result.error().field().isEmpty());
    QCOMPARE(DemoPatientGenerator::build({64, 64, 10, -1.0, 2.5}).error().code(),
             twin::core::Error::Code::InvalidInput);
}

void TestDemoPatientGenerator::unwritableOutputNamesTheFile() {
    const QString blocker = scratch_ + QStringLiteral("/not-a-directory");
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const auto result = DemoPatientGenerator::generate(blocker + QStringLiteral("/demo"), {32, 32, 4, 12.0, 40.0});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code(), twin::core::Error::Code::Io);
    QVERIFY2(result.error().file().startsWith(blocker), qPrintable(result.error().message()));
}

DIDYMOS_TEST_MAIN(TestDemoPatientGenerator)
#include "TestDemoPatientGenerator.moc"
