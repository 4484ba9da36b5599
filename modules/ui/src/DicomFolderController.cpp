#include "twin/ui/DicomFolderController.h"

#include "twin/dicom/RtDoseReader.h"
#include "twin/dicom/RtPlanReader.h"
#include "twin/dicom/SegReader.h"

#include "twin/core/Job.h"
#include "twin/dicom/DicomIndex.h"
#include "twin/dicom/RtStructRasterizer.h"
#include "twin/dicom/RtStructReader.h"
#include "twin/dicom/SeriesVolumeLoader.h"

#include <vtkImageData.h>

#include <algorithm>
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

std::unique_ptr<core::Job> DicomFolderController::makeStructuresJob() {
    if (!folder_ || !series_) return nullptr;
    const QString study = series_->studyInstanceUid;
    QStringList rtstructSeries, rtdoseSeries, rtplanSeries, segSeries;
    for (const LoadedDicomFolder::Patient &patient : folder_->patients) {
        for (const LoadedDicomFolder::Study &s : patient.studies) {
            if (s.study.studyInstanceUid != study) continue;
            for (const dicom::IndexedSeries &series : s.series) {
                if (series.modality == QStringLiteral("RTSTRUCT")) rtstructSeries << series.seriesInstanceUid;
                if (series.modality == QStringLiteral("RTDOSE")) rtdoseSeries << series.seriesInstanceUid;
                if (series.modality == QStringLiteral("RTPLAN")) rtplanSeries << series.seriesInstanceUid;
                if (series.modality == QStringLiteral("SEG")) segSeries << series.seriesInstanceUid;
            }
        }
    }
    if (rtstructSeries.isEmpty() && rtdoseSeries.isEmpty() && segSeries.isEmpty()) return nullptr;
    auto dose = std::make_shared<PlannedDose>();
    auto structures = std::make_shared<std::vector<Structure>>();
    auto warnings = std::make_shared<QStringList>();
    std::shared_ptr<const dicom::LoadedSeriesVolume> image = series_;
    const QString indexPath = folder_->indexPath;
    auto job = std::make_unique<core::Job>(tr("Reading structures and dose"), [indexPath, rtstructSeries, rtdoseSeries, rtplanSeries, segSeries, image,
                                                                                structures, dose, warnings](core::JobContext &context) -> core::Status {
        auto index = dicom::DicomIndex::open(indexPath);
        if (!index.ok()) return index.error();
        // The first RT Dose drawn in this image's frame of reference, and the plan's prescription.
        for (const QString &uid : rtdoseSeries) {
            auto files = index.value()->seriesFiles(uid);
            for (const QString &file : files.ok() ? files.value() : QStringList()) {
                if (dose->grid) break;
                auto grid = dicom::RtDoseReader::read(file);
                if (!grid.ok()) {
                    *warnings << grid.error().message();
                    continue;
                }
                if (!image->frameOfReferenceUid.isEmpty() && !grid.value().frameOfReferenceUid.isEmpty() &&
                    grid.value().frameOfReferenceUid != image->frameOfReferenceUid)
                    continue;
                dose->grid = std::make_shared<const dicom::RtDoseGrid>(std::move(grid).value());
                dose->file = file;
            }
        }
        for (const QString &uid : rtplanSeries) {
            auto files = index.value()->seriesFiles(uid);
            for (const QString &file : files.ok() ? files.value() : QStringList()) {
                auto plan = dicom::RtPlanReader::read(file);
                if (plan.ok() && plan.value().prescriptionGy && !dose->prescriptionGy) dose->prescriptionGy = plan.value().prescriptionGy;
            }
        }
        dicom::RtImageReference reference{image->volume().geometry(), image->frameOfReferenceUid, image->sliceSopInstanceUids};
        QList<dicom::RtStructureSet> sets;
        for (const QString &uid : rtstructSeries) {
            auto files = index.value()->seriesFiles(uid);
            if (!files.ok()) return files.error();
            for (const QString &file : files.value()) {
                auto set = dicom::RtStructReader::read(file);
                if (!set.ok()) {
                    *warnings << set.error().message();
                    continue;
                }
                // Only structure sets drawn in this image's frame of reference belong on it.
                if (!reference.frameOfReferenceUid.isEmpty() && !set.value().frameOfReferenceUid.isEmpty() &&
                    set.value().frameOfReferenceUid != reference.frameOfReferenceUid) {
                    continue;
                }
                sets << std::move(set).value();
            }
        }
        int done = 0;
        int total = 0;
        for (const dicom::RtStructureSet &set : sets) total += static_cast<int>(set.rois.size());
        for (const dicom::RtStructureSet &set : sets) {
            const dicom::RtStructRasterization raster = dicom::RtStructRasterizer::rasterize(set, reference);
            *warnings << set.warnings << raster.warnings;
            for (qsizetype r = 0; r < raster.masks.size() && r < set.rois.size(); ++r) {
                if (context.isCancelled()) return core::Error::cancelled();
                context.setProgress(double(++done) / std::max(1, total), set.rois[r].name);
                const core::LabelMap &mask = raster.masks[r].mask;
                if (mask.count(1) == 0) continue;
                const dicom::RtRoi &roi = set.rois[r];
                const QString name = sets.size() > 1 && !set.label.isEmpty() ? QStringLiteral("%1 (%2)").arg(roi.name, set.label) : roi.name;
                structures->push_back({name,
                                       {roi.rgb[0] / 255.0, roi.rgb[1] / 255.0, roi.rgb[2] / 255.0},
                                       roi.interpretedType == QStringLiteral("EXTERNAL"),
                                       mask});
            }
        }
        // DICOM SEG segments of this image (mapped by frame positions and referenced instances).
        const dicom::SegReferenceImage segReference{image->volume().geometry(), image->frameOfReferenceUid, {}, image->sliceSopInstanceUids};
        for (const QString &uid : segSeries) {
            auto files = index.value()->seriesFiles(uid);
            for (const QString &file : files.ok() ? files.value() : QStringList()) {
                if (context.isCancelled()) return core::Error::cancelled();
                auto seg = dicom::SegReader::read(file);
                if (!seg.ok()) {
                    *warnings << seg.error().message();
                    continue;
                }
                const dicom::SegRasterization raster = dicom::SegRasterizer::rasterize(seg.value(), segReference);
                *warnings << raster.warnings;
                for (qsizetype m = 0; m < raster.masks.size() && m < seg.value().segments.size(); ++m) {
                    const core::LabelMap &mask = raster.masks[m].mask;
                    if (mask.volume.isEmpty() || mask.count(1) == 0) continue;
                    const dicom::SegSegment &segment = seg.value().segments[m];
                    structures->push_back({segment.label, {segment.rgb[0] / 255.0, segment.rgb[1] / 255.0, segment.rgb[2] / 255.0}, false, mask});
                }
            }
        }
        warnings->removeDuplicates();
        return {};
    });
    connect(job.get(), &core::Job::finished, this, [this, structures, warnings, dose] {
        dose_ = *dose;
        structures_ = std::move(*structures);
        structureWarnings_ = *warnings;
        emit structuresReady();
    });
    return job;
}

}  // namespace twin::ui
