#pragma once
// Patient browser dock: patient → study → series (with instance counts and modality) and the
// EHR sources of the patient. Filled from the loaded patient; the DICOM index fills it later.

#include <QMap>
#include <QString>
#include <QWidget>

class QTreeWidget;
class QLabel;

namespace twin::phantom {
struct DemoPatient;
}

namespace twin::ui {

class PatientBrowserPanel : public QWidget {
    Q_OBJECT
public:
    explicit PatientBrowserPanel(QWidget *parent = nullptr);
    void showDemoPatient(const phantom::DemoPatient &patient);
    /// A patient known only from a health record (no images open yet): the patient and the
    /// record's source with its resource counts.
    void showRecordPatient(const QString &name, const QString &details, const QString &sourcePath,
                           const QMap<QString, int> &countsByType);
    void clear();
    QTreeWidget *tree() const { return tree_; }

private:
    QLabel *emptyHint_ = nullptr;
    QTreeWidget *tree_ = nullptr;
};

}  // namespace twin::ui
