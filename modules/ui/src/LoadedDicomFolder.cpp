#include "twin/ui/LoadedDicomFolder.h"

#include "twin/dicom/DicomFolderScanner.h"
#include "twin/dicom/DicomIndex.h"

#include <QDir>
#include <QFileInfo>

namespace twin::ui {

namespace {

/// Series that hold images (the loader's input), as opposed to RT objects and SEG.
bool isImageSeries(const QString &modality) {
    static const QStringList nonImage{QStringLiteral("RTSTRUCT"), QStringLiteral("RTDOSE"), QStringLiteral("RTPLAN"),
                                      QStringLiteral("RTRECORD"), QStringLiteral("SEG"),    QStringLiteral("SR"),
                                      QStringLiteral("KO"),       QStringLiteral("PR"),     QStringLiteral("REG")};
    return !nonImage.contains(modality);
}

}  // namespace

core::Result<LoadedDicomFolder> LoadedDicomFolder::load(const QString &indexPath, const QString &rootIn,
                                                        core::JobContext *context) {
    // The index stores absolute paths; queries "under" a relative root would match nothing.
    const QString root = QDir::cleanPath(QFileInfo(rootIn).absoluteFilePath());
    auto index = dicom::DicomIndex::open(indexPath);
    if (!index.ok()) return index.error();
    auto report = dicom::DicomFolderScanner::scan(*index.value(), root, context);
    if (!report.ok()) return report.error();
    LoadedDicomFolder folder;
    folder.root = root;
    folder.indexPath = indexPath;
    folder.report = report.value();
    // A DICOMDIR stands for its folder in queries.
    const QString under = root.endsWith(QStringLiteral("DICOMDIR"), Qt::CaseInsensitive) ? root.section(QLatin1Char('/'), 0, -2) : root;
    auto patients = index.value()->patients(under);
    if (!patients.ok()) return patients.error();
    for (const dicom::IndexedPatient &patient : patients.value()) {
        Patient node{patient, {}};
        auto studies = index.value()->studies(patient.key, under);
        if (!studies.ok()) return studies.error();
        for (const dicom::IndexedStudy &study : studies.value()) {
            auto series = index.value()->series(study.key, under);
            if (!series.ok()) return series.error();
            node.studies << Study{study, series.value()};
        }
        folder.patients << node;
    }
    auto problems = index.value()->problems(under);
    if (!problems.ok()) return problems.error();
    folder.problems = problems.value();

    // Overviews: the scan took the first part of the job's progress, these the rest.
    QList<QPair<QString, QString>> imageSeries;  // UID, modality
    for (const Patient &patient : folder.patients)
        for (const Study &study : patient.studies)
            for (const dicom::IndexedSeries &series : study.series)
                if (isImageSeries(series.modality)) imageSeries.append({series.seriesInstanceUid, series.modality});
    for (int i = 0; i < imageSeries.size(); ++i) {
        if (context && context->isCancelled()) return core::Error::cancelled();
        if (context) context->setProgress(double(i) / imageSeries.size(), QStringLiteral("Series overviews"));
        auto files = index.value()->seriesFiles(imageSeries[i].first, under);
        if (!files.ok()) return files.error();
        folder.overviews.insert(imageSeries[i].first, SeriesOverview::of(files.value(), imageSeries[i].second));
    }
    return folder;
}

QString LoadedDicomFolder::defaultSeriesOfStudy(const QString &studyInstanceUid) const {
    for (const Patient &patient : patients) {
        for (const Study &study : patient.studies) {
            if (study.study.studyInstanceUid != studyInstanceUid) continue;
            for (const dicom::IndexedSeries &series : study.series) {
                if (series.modality == QStringLiteral("CT")) return series.seriesInstanceUid;
            }
            for (const dicom::IndexedSeries &series : study.series) {
                if (isImageSeries(series.modality)) return series.seriesInstanceUid;
            }
        }
    }
    return {};
}

const dicom::IndexedSeries *LoadedDicomFolder::findSeries(const QString &seriesInstanceUid) const {
    for (const Patient &patient : patients) {
        for (const Study &study : patient.studies) {
            for (const dicom::IndexedSeries &series : study.series) {
                if (series.seriesInstanceUid == seriesInstanceUid) return &series;
            }
        }
    }
    return nullptr;
}

const dicom::IndexedPatient *LoadedDicomFolder::patientOfSeries(const QString &seriesInstanceUid) const {
    for (const Patient &patient : patients) {
        for (const Study &study : patient.studies) {
            for (const dicom::IndexedSeries &series : study.series) {
                if (series.seriesInstanceUid == seriesInstanceUid) return &patient.patient;
            }
        }
    }
    return nullptr;
}

}  // namespace twin::ui
