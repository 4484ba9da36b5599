#include "DicomCommand.h"

#include "twin/dicom/DicomFolderScanner.h"
#include "twin/dicom/DicomIndex.h"
#include "twin/dicom/SeriesVolumeLoader.h"
#include "twin/dicom/VolumeFileWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace twin::cli {

namespace {

QJsonArray numbers(std::initializer_list<double> values) {
    QJsonArray array;
    for (const double v : values) array.append(v);
    return array;
}

/// The per-series record of `dicom scan --json`: what the loader would build (header reads
/// only: dimensions, spacing, LPS origin, direction) and what it would warn about.
QJsonObject seriesGeometryJson(const dicom::IndexedSeries &series, const QString &studyUid, const QString &patientId,
                               const QStringList &files) {
    QJsonObject o{{QStringLiteral("seriesInstanceUID"), series.seriesInstanceUid},
                  {QStringLiteral("studyInstanceUID"), studyUid},
                  {QStringLiteral("patientId"), patientId},
                  {QStringLiteral("modality"), series.modality},
                  {QStringLiteral("instances"), series.instanceCount}};
    QJsonArray warnings;
    const auto examined = dicom::SeriesVolumeLoader::examine(files);
    const dicom::SeriesLoadable *loadable = examined.ok() ? examined.value().selected() : nullptr;
    if (!loadable) {
        // RT objects, SEG, SR ... are not image series: no grid (null), and why.
        for (const char *key : {"rows", "columns", "slices", "spacing", "origin", "direction"}) o.insert(QLatin1String(key), QJsonValue());
        o.insert(QStringLiteral("transferSyntaxes"), QJsonArray());
        warnings.append(examined.ok() ? QStringLiteral("no image to load") : examined.error().message());
        o.insert(QStringLiteral("warnings"), warnings);
        return o;
    }
    const core::VolumeGeometry g = loadable->acquiredGeometry();
    o.insert(QStringLiteral("rows"), g.dimensions[1]);
    o.insert(QStringLiteral("columns"), g.dimensions[0]);
    o.insert(QStringLiteral("slices"), g.dimensions[2]);
    o.insert(QStringLiteral("spacing"), numbers({g.spacingMm[0], g.spacingMm[1], g.spacingMm[2]}));
    o.insert(QStringLiteral("origin"), numbers({g.originMm[0], g.originMm[1], g.originMm[2]}));
    // Columns of the matrix are the row, column and slice directions (ITK/NRRD), row by row.
    const auto &r = g.rowDirection, &c = g.columnDirection, &n = g.sliceDirection;
    o.insert(QStringLiteral("direction"), numbers({r[0], c[0], n[0], r[1], c[1], n[1], r[2], c[2], n[2]}));
    o.insert(QStringLiteral("transferSyntaxes"), QJsonArray::fromStringList(loadable->transferSyntaxes()));
    if (examined.value().loadables.size() > 1) o.insert(QStringLiteral("loadables"), int(examined.value().loadables.size()));
    for (const dicom::SeriesFinding &finding : examined.value().findings + loadable->findings) {
        if (finding.severity != dicom::SeriesFinding::Severity::Info) warnings.append(finding.message());
    }
    o.insert(QStringLiteral("warnings"), warnings);
    return o;
}

QJsonObject reportJson(const dicom::DicomScanReport &r) {
    return {{QStringLiteral("scanned"), r.scanned},         {QStringLiteral("new"), r.added},
            {QStringLiteral("updated"), r.updated},         {QStringLiteral("unchanged"), r.unchanged},
            {QStringLiteral("removed"), r.removed},         {QStringLiteral("skippedNonDicom"), r.skippedNonDicom},
            {QStringLiteral("broken"), r.broken},           {QStringLiteral("dicomdirs"), r.dicomdirs},
            {QStringLiteral("elapsedMs"), double(r.elapsedMs)}};
}

}  // namespace

int DicomCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err) {
    if (!arguments.isEmpty() && arguments.first() == QStringLiteral("export")) return runExport(arguments, out, err);
    if (arguments.isEmpty() || arguments.first() != QStringLiteral("scan"))
        return usageError(err, QStringLiteral("expected 'scan' or 'export'"));
    QString path;
    QString indexPath;
    bool json = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QStringLiteral("--json")) {
            json = true;
        } else if (argument == QStringLiteral("--index") && i + 1 < arguments.size()) {
            indexPath = arguments.at(++i);
        } else if (argument.startsWith(QLatin1Char('-'))) {
            return usageError(err, QStringLiteral("unknown or incomplete option '%1'").arg(argument));
        } else if (path.isEmpty()) {
            path = argument;
        } else {
            return usageError(err, QStringLiteral("unexpected argument '%1'").arg(argument));
        }
    }
    if (path.isEmpty()) return usageError(err, QStringLiteral("missing DIR"));
    const QFileInfo info(path);
    if (!info.exists()) return failure(err, QStringLiteral("%1: folder does not exist").arg(path));
    if (!info.isDir() && info.fileName().compare(QLatin1String("DICOMDIR"), Qt::CaseInsensitive) != 0)
        return failure(err, QStringLiteral("%1: not a folder or a DICOMDIR").arg(path));
    if (indexPath.isEmpty()) indexPath = dicom::DicomIndex::defaultPath();

    auto opened = dicom::DicomIndex::open(indexPath);
    if (!opened.ok()) return failure(err, opened.error().message());
    dicom::DicomIndex &index = *opened.value();
    const auto scanned = dicom::DicomFolderScanner::scan(index, path);
    if (!scanned.ok()) return failure(err, scanned.error().message());
    const dicom::DicomScanReport &report = scanned.value();
    const QString folder = QDir::cleanPath(info.isDir() ? info.absoluteFilePath() : info.absolutePath());

    auto patients = index.patients(folder);
    if (!patients.ok()) return failure(err, patients.error().message());
    auto problems = index.problems(folder);
    if (!problems.ok()) return failure(err, problems.error().message());

    QJsonArray patientsJson;
    QJsonArray flatSeries;  // one record per series, with its grid (the scan contract)
    QString text;
    QTextStream t(&text);
    t << "Scanned " << report.scanned << " files in " << report.elapsedMs << " ms: " << report.added << " new, "
      << report.updated << " updated, " << report.unchanged << " unchanged, " << report.removed << " removed, "
      << report.skippedNonDicom << " not DICOM, " << report.broken << " broken\n";
    t << "Index: " << index.path() << '\n';
    for (const dicom::IndexedPatient &p : patients.value()) {
        t << "Patient " << (p.name.isEmpty() ? QStringLiteral("(no name)") : p.name) << " ("
          << (p.patientId.isEmpty() ? QStringLiteral("no id") : p.patientId) << ")"
          << (p.sex.isEmpty() ? QString() : QStringLiteral(", ") + p.sex)
          << (p.birthDate.isEmpty() ? QString() : QStringLiteral(", born ") + p.birthDate) << ": " << p.studyCount
          << (p.studyCount == 1 ? " study\n" : " studies\n");
        auto studies = index.studies(p.key, folder);
        if (!studies.ok()) return failure(err, studies.error().message());
        QJsonArray studiesJson;
        for (const dicom::IndexedStudy &st : studies.value()) {
            t << "  Study " << st.studyInstanceUid << (st.date.isEmpty() ? QString() : QStringLiteral(" ") + st.date)
              << (st.description.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(st.description)) << ": "
              << st.seriesCount << " series, " << st.instanceCount << " instances\n";
            auto series = index.series(st.key, folder);
            if (!series.ok()) return failure(err, series.error().message());
            QJsonArray seriesJson;
            for (const dicom::IndexedSeries &se : series.value()) {
                auto files = index.seriesFiles(se.seriesInstanceUid, folder);
                if (!files.ok()) return failure(err, files.error().message());
                flatSeries.append(seriesGeometryJson(se, st.studyInstanceUid, p.patientId, files.value()));
                t << "    Series " << se.number << ' ' << (se.modality.isEmpty() ? QStringLiteral("??") : se.modality)
                  << (se.description.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(se.description)) << ": "
                  << se.instanceCount << (se.instanceCount == 1 ? " instance" : " instances") << " (" << se.seriesInstanceUid
                  << ")\n";
                seriesJson.append(QJsonObject{{QStringLiteral("uid"), se.seriesInstanceUid},
                                              {QStringLiteral("modality"), se.modality},
                                              {QStringLiteral("number"), se.number},
                                              {QStringLiteral("description"), se.description},
                                              {QStringLiteral("frameOfReferenceUid"), se.frameOfReferenceUid},
                                              {QStringLiteral("instances"), se.instanceCount}});
            }
            studiesJson.append(QJsonObject{{QStringLiteral("uid"), st.studyInstanceUid},
                                           {QStringLiteral("date"), st.date},
                                           {QStringLiteral("description"), st.description},
                                           {QStringLiteral("instances"), st.instanceCount},
                                           {QStringLiteral("series"), seriesJson}});
        }
        patientsJson.append(QJsonObject{{QStringLiteral("id"), p.patientId},
                                        {QStringLiteral("name"), p.name},
                                        {QStringLiteral("birthDate"), p.birthDate},
                                        {QStringLiteral("sex"), p.sex},
                                        {QStringLiteral("studies"), studiesJson}});
    }
    QJsonArray problemsJson;
    if (!problems.value().isEmpty()) t << "Problems (" << problems.value().size() << "):\n";
    for (const dicom::IndexProblem &problem : problems.value()) {
        t << "  " << problem.reason << '\n';
        problemsJson.append(QJsonObject{{QStringLiteral("file"), problem.path}, {QStringLiteral("reason"), problem.reason}});
    }
    t.flush();
    if (!json) {
        out << text;
        return kExitOk;
    }
    out << QJsonDocument(QJsonObject{{QStringLiteral("index"), index.path()},
                                     {QStringLiteral("folder"), folder},
                                     {QStringLiteral("scan"), reportJson(report)},
                                     {QStringLiteral("patients"), patientsJson},
                                     {QStringLiteral("series"), flatSeries},
                                     {QStringLiteral("problems"), problemsJson}})
               .toJson(QJsonDocument::Indented);
    return kExitOk;
}

int DicomCommand::runExport(const QStringList &arguments, QTextStream &out, QTextStream &err) {
    QStringList series;
    QString output;
    QString folder;     // `export DIR --series UID`: the series UID looked up in DIR's index
    QString indexPath;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QStringLiteral("--index") && i + 1 < arguments.size()) {
            indexPath = arguments.at(++i);
        } else if (!argument.startsWith(QLatin1Char('-')) && folder.isEmpty() && series.isEmpty()) {
            folder = argument;
        } else if (argument == QStringLiteral("--series") && i + 1 < arguments.size()) {
            // One folder or several files: every following argument up to the next option.
            while (i + 1 < arguments.size() && !arguments.at(i + 1).startsWith(QLatin1Char('-'))) series << arguments.at(++i);
        } else if (argument == QStringLiteral("--out") && i + 1 < arguments.size()) {
            output = arguments.at(++i);
        } else if (argument.startsWith(QLatin1Char('-'))) {
            return usageError(err, QStringLiteral("unknown or incomplete option '%1'").arg(argument));
        } else {
            return usageError(err, QStringLiteral("unexpected argument '%1'").arg(argument));
        }
    }
    if (series.isEmpty()) return usageError(err, QStringLiteral("missing --series DIR_OR_FILES"));
    if (output.isEmpty()) return usageError(err, QStringLiteral("missing --out FILE"));
    if (!dicom::VolumeFileWriter::isSupported(output))
        return usageError(err, QStringLiteral("%1: unknown format (use .nrrd, .mha, .nii or .nii.gz)").arg(output));
    QStringList files;
    if (!folder.isEmpty()) {
        // A DIR and a SeriesInstanceUID: scan DIR (incremental) and take the series' files.
        if (series.size() != 1) return usageError(err, QStringLiteral("with DIR, --series takes one SeriesInstanceUID"));
        if (!QFileInfo(folder).isDir()) return failure(err, QStringLiteral("%1: folder does not exist").arg(folder));
        auto index = dicom::DicomIndex::open(indexPath.isEmpty() ? dicom::DicomIndex::defaultPath() : indexPath);
        if (!index.ok()) return failure(err, index.error().message());
        const auto scanned = dicom::DicomFolderScanner::scan(*index.value(), folder, nullptr);
        if (!scanned.ok()) return failure(err, scanned.error().message());
        const auto found = index.value()->seriesFiles(series.first(), QDir::cleanPath(QFileInfo(folder).absoluteFilePath()));
        if (!found.ok()) return failure(err, found.error().message());
        if (found.value().isEmpty()) return failure(err, QStringLiteral("%1: no series %2").arg(folder, series.first()));
        files = found.value();
        series.clear();
    }
    for (const QString &path : series) {
        const QFileInfo info(path);
        if (!info.exists()) return failure(err, QStringLiteral("%1: does not exist").arg(path));
        if (info.isDir()) {
            const QDir dir(path);
            for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) files << dir.filePath(name);
        } else {
            files << path;
        }
    }
    if (files.isEmpty()) return failure(err, QStringLiteral("%1: no files").arg(series.join(QLatin1Char(' '))));
    const auto loaded = dicom::SeriesVolumeLoader::loadSeries(files);
    if (!loaded.ok()) return failure(err, loaded.error().message());
    const core::ScalarVolume &volume = loaded.value().volume();
    const core::Status written = dicom::VolumeFileWriter::write(output, volume);
    if (!written.ok()) return failure(err, written.error().message());
    const auto &d = volume.geometry().dimensions;
    out << "Wrote " << output << " (" << d[0] << " x " << d[1] << " x " << d[2] << ", "
        << (loaded.value().modality.isEmpty() ? QStringLiteral("image") : loaded.value().modality) << ")\n";
    return kExitOk;
}

}  // namespace twin::cli
