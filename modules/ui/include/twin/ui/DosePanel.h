#pragma once
// The plan's dose: colourwash and isodose lines over the slice views (on/off, opacity), the
// isodose levels as a clinician types them ("100%, 95%, 50%" of the prescription, or Gy),
// isodose surfaces in 3D, and the DVH of every segment (plot and metrics table: volume,
// Dmean, Dmax, D98%, D95%, D2%, V20 Gy, gEUD a=1…) with CSV export. The DVH is computed in a
// Job on the dose resampled onto the image grid (the partial-volume rule is the
// DoseVolumeHistogram's: a voxel counts whole when its centre is in the structure), and again
// a second after the segmentation changes.

#include "twin/core/FloatVolume.h"
#include "twin/imaging/DoseVolumeHistogram.h"

#include <QWidget>

#include <vtkSmartPointer.h>

#include <map>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTimer;
class vtkImageData;

namespace twin::core {
class Job;
}

namespace twin::ui {

class DvhChart;
class PatientSceneController;
class SegmentationController;
class VtkOpenGLView;

class DosePanel : public QWidget {
    Q_OBJECT
public:
    DosePanel(PatientSceneController *scene, SegmentationController *segmentation, QWidget *parent = nullptr);
    ~DosePanel() override;

    /// The dose (Gy, its own grid) and the prescription (else the maximum dose is 100 %);
    /// nullptr clears. Computes isodoses at once and the DVHs in a Job.
    void setDose(std::shared_ptr<const core::FloatVolume> doseGy, std::optional<double> prescriptionGy);
    bool hasDose() const { return dose_ != nullptr; }
    /// Applies the level text; false (with the reason shown) when it cannot be read.
    bool setLevels(const QString &text);
    const std::vector<double> &levelsGy() const { return levels_; }
    /// Recomputes the DVHs now (after a pause otherwise).
    void computeDvh();
    const std::map<int, imaging::DoseVolumeHistogram> &histograms() const { return histograms_; }
    /// Writes one CSV per segment into `directory`; false with the reason in message().
    bool exportCsv(const QString &directory);

    QTableWidget *metricsTable() const { return metrics_; }
    QLabel *message() const { return message_; }
    DvhChart *chart() const { return chart_.get(); }
    VtkOpenGLView *chartView() const { return chartView_; }

signals:
    void dvhReady();

private:
    bool applyLevels();
    void showMetrics();

    PatientSceneController *scene_;
    SegmentationController *segmentation_;
    std::shared_ptr<const core::FloatVolume> dose_;
    vtkSmartPointer<vtkImageData> doseImage_;
    double prescriptionGy_ = 0.0;
    std::vector<double> levels_;
    std::map<int, imaging::DoseVolumeHistogram> histograms_;
    QCheckBox *show_ = nullptr;
    QCheckBox *surfaces_ = nullptr;
    QDoubleSpinBox *prescription_ = nullptr;
    QLineEdit *levelText_ = nullptr;
    QTableWidget *metrics_ = nullptr;
    QLabel *message_ = nullptr;
    QPushButton *export_ = nullptr;
    VtkOpenGLView *chartView_ = nullptr;
    std::unique_ptr<DvhChart> chart_;
    QTimer *dvhDelay_ = nullptr;
    std::unique_ptr<core::Job> job_;
};

}  // namespace twin::ui
