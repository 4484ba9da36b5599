#include "twin/ui/DicomFolderController.h"

#include "twin/core/Job.h"
#include "twin/dicom/DicomIndex.h"
#include "twin/dicom/SeriesVolumeLoader.h"
#include "twin/ui/PatientBrowserPanel.h"

namespace twin::ui {

DicomFolderController::DicomFolderController(PatientBrowserPanel *browser, QObject *parent)
    : QObject(parent), browser_(browser) {}

std::unique_ptr<core::Job> DicomFolderController::makeScanJob(const QString &root, const QString &indexPath) {
    auto result = std::make_shared<LoadedDicomFolder>();
    auto job = std::make_unique<core::Job>(tr("Scanning DICOM folder"), [root, indexPath, result](core::JobContext &context) -> core::Status {
        auto loaded = LoadedDicomFolder::load(indexPath, root, &context);
        if (!loaded.ok()) return loaded.error();
        *result = std::move(loaded).value();
        return {};
    });
    connect(job.get(), &core::Job::finished, this, [this, result] {
        folder_ = result;
        browser_->showDicomFolder(*folder_);
        emit folderShown();
    });
    return job;
}

std::unique_ptr<core::Job> DicomFolderController::makeSeriesJob(const QString &seriesInstanceUid) {
    if (!folder_ || !folder_->findSeries(seriesInstanceUid)) return nullptr;
    auto result = std::make_shared<dicom::LoadedSeriesVolume>();
    const QString indexPath = folder_->indexPath;
    auto job = std::make_unique<core::Job>(tr("Loading series"), [indexPath, seriesInstanceUid, result](core::JobContext &context) -> core::Status {
        auto index = dicom::DicomIndex::open(indexPath);  // a connection of this worker thread
        if (!index.ok()) return index.error();
        auto files = index.value()->seriesFiles(seriesInstanceUid);
        if (!files.ok()) return files.error();
        auto loaded = dicom::SeriesVolumeLoader::loadSeries(files.value(), {}, &context);
        if (!loaded.ok()) return loaded.error();
        *result = std::move(loaded).value();
        return {};
    });
    connect(job.get(), &core::Job::finished, this, [this, result] {
        series_ = result;
        emit seriesLoaded();
    });
    return job;
}

}  // namespace twin::ui
