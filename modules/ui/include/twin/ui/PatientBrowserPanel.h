#pragma once
// Patient browser dock: patient → study → series (with instance counts and modality) and the
// EHR sources of the patient, filled from a scanned DICOM folder (the demo patient too) or a
// health record.

#include <QMap>
#include <QString>
#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;
class QLabel;

namespace twin::dicom {
struct SeriesExamination;
}

namespace twin::ui {

struct LoadedDicomFolder;

class PatientBrowserPanel : public QWidget {
    Q_OBJECT
public:
    explicit PatientBrowserPanel(QWidget *parent = nullptr);
    /// A patient known only from a health record (no images open yet): the patient and the
    /// record's source with its resource counts.
    void showRecordPatient(const QString &name, const QString &details, const QString &sourcePath,
                           const QMap<QString, int> &countsByType);
    /// A scanned DICOM folder: patient → study → series (modality, description, image count),
    /// and the files that could not be read. Double-click or Enter on a series opens it.
    void showDicomFolder(const LoadedDicomFolder &folder);
    /// Lists the loadables of a series under its item when there are several (name,
    /// confidence, reason; `shown` marked), so another one can be opened.
    void showSeriesLoadables(const QString &seriesInstanceUid, const dicom::SeriesExamination &examination, int shown);
    /// The tree item of a series (nullptr when not shown).
    QTreeWidgetItem *seriesItem(const QString &seriesInstanceUid) const;
    void clear();
    QTreeWidget *tree() const { return tree_; }

signals:
    void seriesActivated(const QString &seriesInstanceUid);
    void loadableActivated(const QString &seriesInstanceUid, int loadableIndex);

private:
    QLabel *emptyHint_ = nullptr;
    QTreeWidget *tree_ = nullptr;
};

}  // namespace twin::ui
