#pragma once
// Binds DICOM folders to the patient browser and the views: scanning a folder into the index
// and loading a series run as Jobs off the GUI thread; the controller only fills widgets with
// their results. The index lives in the user data directory (DicomIndex::defaultPath()), so
// re-opening a folder only reads what changed.

#include "twin/dicom/LoadedSeriesVolume.h"
#include "twin/core/LabelMap.h"
#include "twin/dicom/RtDoseGrid.h"
#include "twin/dicom/SeriesExamination.h"
#include "twin/ui/LoadedDicomFolder.h"

#include <QObject>
#include <QString>

#include <vtkSmartPointer.h>

#include <QStringList>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace twin::core {
class Job;
}

namespace twin::ui {

class PatientBrowserPanel;

class DicomFolderController : public QObject {
    Q_OBJECT
public:
    explicit DicomFolderController(PatientBrowserPanel *browser, QObject *parent = nullptr);

    /// Scans `root` (a folder or a DICOMDIR); on success the browser shows it (folderShown).
    std::unique_ptr<core::Job> makeScanJob(const QString &root, const QString &indexPath);
    /// Loads one series of the shown folder (seriesLoaded): its preselected loadable, or
    /// loadable `loadableIndex` of the last examination of that series. When a series splits
    /// into several loadables (mixed orientations or sizes), the browser lists them under the
    /// series with their confidence and reason. nullptr when the series is not shown.
    std::unique_ptr<core::Job> makeSeriesJob(const QString &seriesInstanceUid, int loadableIndex = -1);

    /// Structures of the loaded series: every RTSTRUCT of its study drawn in its frame of
    /// reference is read, rasterised on the series' grid and meshed (structuresReady).
    /// nullptr when the study has no RTSTRUCT.
    std::unique_ptr<core::Job> makeStructuresJob();

    struct Structure {
        QString name;
        std::array<double, 3> rgb{1.0, 1.0, 1.0};
        bool external = false;  // EXTERNAL / body outline: shown translucent
        core::LabelMap mask;    // on the image's grid, label 1 (meshed by the segmentation)
    };
    const std::vector<Structure> &structures() const { return structures_; }
    /// The RT Dose of the loaded series' study (same frame of reference) and the plan's
    /// prescription, read by the structures job; empty grid when the study has none.
    struct PlannedDose {
        std::shared_ptr<const dicom::RtDoseGrid> grid;
        QString file;
        std::optional<double> prescriptionGy;
    };
    const PlannedDose &dose() const { return dose_; }
    /// Warnings of the last structures job (frame of reference, unresolved images, ...).
    const QStringList &structureWarnings() const { return structureWarnings_; }

    const LoadedDicomFolder *folder() const { return folder_.get(); }
    const dicom::LoadedSeriesVolume *series() const { return series_.get(); }
    /// The same, shared: keeps the volume alive for jobs and panels that read it.
    std::shared_ptr<const dicom::LoadedSeriesVolume> seriesHandle() const { return series_; }
    /// The examination of the last loaded series (its loadables).
    const dicom::SeriesExamination *examination() const { return examination_.get(); }

signals:
    void folderShown();
    void seriesLoaded();
    void structuresReady();

private:
    PatientBrowserPanel *browser_ = nullptr;
    std::shared_ptr<const LoadedDicomFolder> folder_;
    std::shared_ptr<const dicom::LoadedSeriesVolume> series_;
    PlannedDose dose_;
    std::shared_ptr<const dicom::SeriesExamination> examination_;
    QString examinedSeries_;
    std::vector<Structure> structures_;
    QStringList structureWarnings_;
};

}  // namespace twin::ui
