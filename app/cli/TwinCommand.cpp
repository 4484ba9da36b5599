#include "TwinCommand.h"

#include "OrganTwinAssembler.h"

#include <vtkNew.h>
#include <vtkOBJWriter.h>
#include <vtkSTLWriter.h>
#include <vtkTriangleFilter.h>
#include <vtkXMLPolyDataWriter.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace twin::cli {

namespace {

QJsonArray triple(const std::array<double, 3> &v) { return QJsonArray{v[0], v[1], v[2]}; }

QJsonObject doseJson(const imaging::DoseVolumeHistogram &dvh) {
    QJsonObject dose{{QStringLiteral("meanGy"), dvh.meanGy()},
                     {QStringLiteral("minGy"), dvh.minGy()},
                     {QStringLiteral("maxGy"), dvh.maxGy()},
                     {QStringLiteral("d2Gy"), dvh.doseAtVolumePercent(2)},
                     {QStringLiteral("d50Gy"), dvh.doseAtVolumePercent(50)},
                     {QStringLiteral("d95Gy"), dvh.doseAtVolumePercent(95)},
                     {QStringLiteral("d98Gy"), dvh.doseAtVolumePercent(98)},
                     {QStringLiteral("volumeCc"), dvh.volumeCc()}};
    for (int gy = 5; gy <= 70; gy += 5) dose.insert(QStringLiteral("v%1GyPct").arg(gy), dvh.volumePercentAtDose(gy));
    return dose;
}

QString safeFileName(const QString &name) {
    QString safe = name;
    for (QChar &c : safe)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_')) c = QLatin1Char('_');
    return safe.isEmpty() ? QStringLiteral("structure") : safe;
}

bool writeMesh(vtkPolyData *mesh, const QString &path, const QString &format) {
    const QByteArray file = QFile::encodeName(path);
    if (format == QLatin1String("stl")) {
        vtkNew<vtkTriangleFilter> triangles;
        triangles->SetInputData(mesh);
        vtkNew<vtkSTLWriter> writer;
        writer->SetInputConnection(triangles->GetOutputPort());
        writer->SetFileName(file.constData());
        writer->SetFileTypeToBinary();
        return writer->Write() == 1;
    }
    if (format == QLatin1String("obj")) {
        vtkNew<vtkOBJWriter> writer;
        writer->SetInputData(mesh);
        writer->SetFileName(file.constData());
        return writer->Write() == 1;
    }
    vtkNew<vtkXMLPolyDataWriter> writer;
    writer->SetInputData(mesh);
    writer->SetFileName(file.constData());
    writer->SetDataModeToBinary();
    return writer->Write() == 1;
}

}  // namespace

int TwinCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err) {
    if (!arguments.isEmpty() && arguments.first() == QStringLiteral("course")) return runCourse(arguments, out, err);
    if (arguments.isEmpty() || arguments.first() != QStringLiteral("organs"))
        return usageError(err, QStringLiteral("expected 'organs' or 'course'"));
    app::OrganTwinRequest request;
    bool json = false;
    QString meshDir, meshFormat = QStringLiteral("vtp"), dvhDir;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        const bool hasValue = i + 1 < arguments.size();
        if (a == QStringLiteral("--json")) json = true;
        else if (a == QStringLiteral("--dicom") && hasValue) request.dicomDir = arguments.at(++i);
        else if (a == QStringLiteral("--rtstruct") && hasValue) request.rtstructPath = arguments.at(++i);
        else if (a == QStringLiteral("--seg") && hasValue) request.segPath = arguments.at(++i);
        else if (a == QStringLiteral("--meshes") && hasValue) meshDir = arguments.at(++i);
        else if (a == QStringLiteral("--mesh-format") && hasValue) meshFormat = arguments.at(++i);
        else if (a == QStringLiteral("--dvh-csv") && hasValue) dvhDir = arguments.at(++i);
        else return usageError(err, QStringLiteral("unknown or incomplete option '%1'").arg(a));
    }
    if (request.dicomDir.isEmpty()) return usageError(err, QStringLiteral("missing --dicom DIR"));
    if (!request.rtstructPath.isEmpty() && !request.segPath.isEmpty())
        return usageError(err, QStringLiteral("give --rtstruct or --seg, not both"));
    if (!QStringList{QStringLiteral("vtp"), QStringLiteral("stl"), QStringLiteral("obj")}.contains(meshFormat))
        return usageError(err, QStringLiteral("--mesh-format must be vtp, stl or obj, not '%1'").arg(meshFormat));

    auto assembled = app::OrganTwinAssembler::assemble(request);
    if (!assembled.ok()) return failure(err, assembled.error().message());
    const app::OrganTwin &twin = assembled.value();

    for (const QString &dir : {meshDir, dvhDir})
        if (!dir.isEmpty() && !QDir().mkpath(dir)) return failure(err, QStringLiteral("%1: cannot create the folder").arg(dir));
    QJsonArray structures;
    for (const app::OrganTwinStructure &s : twin.structures) {
        const imaging::StructureStatistics &st = s.statistics;
        QJsonObject o{{QStringLiteral("name"), s.name},
                      {QStringLiteral("voxels"), qint64(st.voxelCount)},
                      {QStringLiteral("volumeMl"), st.volumeMl},
                      {QStringLiteral("huMean"), st.huMean},
                      {QStringLiteral("huStd"), st.huStd},
                      {QStringLiteral("huPercentiles"), QJsonObject{{QStringLiteral("p5"), st.huP5}, {QStringLiteral("p50"), st.huP50},
                                                                    {QStringLiteral("p95"), st.huP95}}},
                      {QStringLiteral("surfaceAreaCm2"), st.surfaceAreaCm2},
                      {QStringLiteral("centroidMm"), triple(st.centroidMm)},
                      {QStringLiteral("boundsMinMm"), triple(st.boundsMinMm)},
                      {QStringLiteral("boundsMaxMm"), triple(st.boundsMaxMm)},
                      {QStringLiteral("longestAxialDiameterMm"), st.longestAxialDiameterMm}};
        if (s.dvh) o.insert(QStringLiteral("dose"), doseJson(*s.dvh));
        if (!meshDir.isEmpty() && s.mesh) {
            const QString path = QDir(meshDir).filePath(safeFileName(s.name) + QLatin1Char('.') + meshFormat);
            if (!writeMesh(s.mesh, path, meshFormat)) return failure(err, QStringLiteral("%1: cannot write the mesh").arg(path));
            o.insert(QStringLiteral("mesh"), path);
        }
        if (!dvhDir.isEmpty() && s.dvh) {
            QSaveFile csv(QDir(dvhDir).filePath(safeFileName(s.name) + QStringLiteral(".csv")));
            if (!csv.open(QIODevice::WriteOnly) || csv.write(s.dvh->toCsv().toUtf8()) < 0 || !csv.commit())
                return failure(err, QStringLiteral("%1: cannot write the DVH").arg(csv.fileName()));
        }
        structures.append(o);
    }
    if (json) {
        const QJsonObject root{{QStringLiteral("image"), twin.image.seriesInstanceUid},
                               {QStringLiteral("modality"), twin.image.modality},
                               {QStringLiteral("structuresFile"), twin.structuresPath},
                               {QStringLiteral("doseFile"), twin.dosePath},
                               {QStringLiteral("structures"), structures},
                               {QStringLiteral("warnings"), QJsonArray::fromStringList(twin.warnings)}};
        out << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    out << QStringLiteral("%1 structures on %2 %3%4\n").arg(twin.structures.size()).arg(twin.image.modality, twin.image.seriesInstanceUid,
                                                              twin.dosePath.isEmpty() ? QString() : QStringLiteral(", dose ") + twin.dosePath);
    for (const QJsonValue &v : structures) {
        const QJsonObject o = v.toObject();
        QString line = QStringLiteral("  %1: %2 mL, HU %3 ± %4").arg(o[QStringLiteral("name")].toString())
                           .arg(o[QStringLiteral("volumeMl")].toDouble(), 0, 'f', 1)
                           .arg(o[QStringLiteral("huMean")].toDouble(), 0, 'f', 0)
                           .arg(o[QStringLiteral("huStd")].toDouble(), 0, 'f', 0);
        if (o.contains(QStringLiteral("dose")))
            line += QStringLiteral(", Dmean %1 Gy, D95 %2 Gy").arg(o[QStringLiteral("dose")][QStringLiteral("meanGy")].toDouble(), 0, 'f', 2)
                        .arg(o[QStringLiteral("dose")][QStringLiteral("d95Gy")].toDouble(), 0, 'f', 2);
        out << line << '\n';
    }
    for (const QString &w : twin.warnings) out << QStringLiteral("warning: ") << w << '\n';
    return kExitOk;
}

}  // namespace twin::cli
