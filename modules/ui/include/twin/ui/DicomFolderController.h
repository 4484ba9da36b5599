#pragma once
// Binds DICOM folders to the patient browser and the views: scanning a folder into the index
// and loading a series run as Jobs off the GUI thread; the controller only fills widgets with
// their results. The index lives in the user data directory (DicomIndex::defaultPath()), so
// re-opening a folder only reads what changed.

#include "twin/dicom/LoadedSeriesVolume.h"
#include "twin/ui/LoadedDicomFolder.h"

#include <QObject>
#include <QString>

#include <memory>

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
    /// Loads one series of the shown folder (seriesLoaded); nullptr when it is not shown.
    std::unique_ptr<core::Job> makeSeriesJob(const QString &seriesInstanceUid);

    const LoadedDicomFolder *folder() const { return folder_.get(); }
    const dicom::LoadedSeriesVolume *series() const { return series_.get(); }

signals:
    void folderShown();
    void seriesLoaded();

private:
    PatientBrowserPanel *browser_ = nullptr;
    std::shared_ptr<const LoadedDicomFolder> folder_;
    std::shared_ptr<const dicom::LoadedSeriesVolume> series_;
};

}  // namespace twin::ui
