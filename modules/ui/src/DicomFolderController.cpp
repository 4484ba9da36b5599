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

std::unique_ptr<core::Job> DicomFolderController::makeSeriesJob(const QString &seriesInstanceUid, int loadableIndex) {
    if (!folder_ || !folder_->findSeries(seriesInstanceUid)) return nullptr;
    // Re-use the examination when a loadable of the series just examined is asked for.
    std::shared_ptr<const dicom::SeriesExamination> known =
        (loadableIndex >= 0 && examinedSeries_ == seriesInstanceUid) ? examination_ : nullptr;
    if (loadableIndex >= 0 && (!known || loadableIndex >= known->loadables.size())) return nullptr;
    auto result = std::make_shared<dicom::LoadedSeriesVolume>();
    auto examination = std::make_shared<dicom::SeriesExamination>(known ? *known : dicom::SeriesExamination{});
    const QString indexPath = folder_->indexPath;
    auto job = std::make_unique<core::Job>(tr("Loading series"), [indexPath, seriesInstanceUid, loadableIndex, examination,
                                                                  result](core::JobContext &context) -> core::Status {
        if (loadableIndex < 0) {
            auto index = dicom::DicomIndex::open(indexPath);  // a connection of this worker thread
            if (!index.ok()) return index.error();
            auto files = index.value()->seriesFiles(seriesInstanceUid);
            if (!files.ok()) return files.error();
            auto examined = dicom::SeriesVolumeLoader::examine(files.value(), &context);
            if (!examined.ok()) return examined.error();
            *examination = std::move(examined).value();
        }
        const dicom::SeriesLoadable &loadable = examination->loadables.at(loadableIndex < 0 ? 0 : loadableIndex);
        auto loaded = dicom::SeriesVolumeLoader::load(loadable, {}, &context);
        if (!loaded.ok()) return loaded.error();
        *result = std::move(loaded).value();
        result->findings = examination->findings + result->findings;
        return {};
    });
    connect(job.get(), &core::Job::finished, this, [this, result, examination, seriesInstanceUid, loadableIndex] {
        series_ = result;
        examination_ = examination;
        examinedSeries_ = seriesInstanceUid;
        browser_->showSeriesLoadables(seriesInstanceUid, *examination, loadableIndex < 0 ? 0 : loadableIndex);
        emit seriesLoaded();
    });
    return job;
}

}  // namespace twin::ui
