#include "twin/ui/DosePanel.h"

#include "twin/core/Job.h"
#include "twin/core/LabelMap.h"
#include "twin/imaging/DoseDisplay.h"
#include "twin/imaging/Segmentation.h"
#include "twin/ui/DvhChart.h"
#include "twin/ui/PatientSceneController.h"
#include "twin/ui/SegmentationController.h"
#include "twin/ui/VtkOpenGLView.h"

#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <vtkImageData.h>
#include <vtkPolyData.h>

namespace twin::ui {

namespace {

struct MetricColumn {
    const char *title;
    double (*value)(const imaging::DoseVolumeHistogram &);
};

const MetricColumn kColumns[] = {
    {"mL", [](const imaging::DoseVolumeHistogram &h) { return h.volumeCc(); }},
    {"Dmean", [](const imaging::DoseVolumeHistogram &h) { return h.meanGy(); }},
    {"Dmax", [](const imaging::DoseVolumeHistogram &h) { return h.maxGy(); }},
    {"D98%", [](const imaging::DoseVolumeHistogram &h) { return h.doseAtVolumePercent(98); }},
    {"D95%", [](const imaging::DoseVolumeHistogram &h) { return h.doseAtVolumePercent(95); }},
    {"D2%", [](const imaging::DoseVolumeHistogram &h) { return h.doseAtVolumePercent(2); }},
    {"V5Gy %", [](const imaging::DoseVolumeHistogram &h) { return h.volumePercentAtDose(5); }},
    {"V20Gy %", [](const imaging::DoseVolumeHistogram &h) { return h.volumePercentAtDose(20); }},
    {"V50Gy %", [](const imaging::DoseVolumeHistogram &h) { return h.volumePercentAtDose(50); }},
    {"V70Gy %", [](const imaging::DoseVolumeHistogram &h) { return h.volumePercentAtDose(70); }},
    {"gEUD a=10", [](const imaging::DoseVolumeHistogram &h) { return h.gEudGy(10); }},
};

}  // namespace

DosePanel::DosePanel(PatientSceneController *scene, SegmentationController *segmentation, QWidget *parent)
    : QWidget(parent), scene_(scene), segmentation_(segmentation) {
    auto *layout = new QVBoxLayout(this);  // owned by this widget
    auto *toggles = new QHBoxLayout;
    show_ = new QCheckBox(tr("Show dose"), this);
    show_->setChecked(true);
    surfaces_ = new QCheckBox(tr("Isodose surfaces in 3D"), this);
    surfaces_->setChecked(true);
    toggles->addWidget(show_);
    toggles->addWidget(surfaces_);
    layout->addLayout(toggles);
    auto *form = new QFormLayout;
    prescription_ = new QDoubleSpinBox(this);
    prescription_->setRange(0.0, 200.0);
    prescription_->setSuffix(QStringLiteral(" Gy"));
    prescription_->setToolTip(tr("100 % of the isodose levels (from the RT Plan when it says)"));
    levelText_ = new QLineEdit(QStringLiteral("100%, 95%, 80%, 50%, 30%"), this);
    levelText_->setToolTip(tr("Isodose levels: percent of the prescription or Gy, separated by commas; Enter applies"));
    form->addRow(tr("Prescription"), prescription_);
    form->addRow(tr("Isodose levels"), levelText_);
    layout->addLayout(form);
    chartView_ = new VtkOpenGLView(this);
    chartView_->setMinimumHeight(220);
    chart_ = std::make_unique<DvhChart>(chartView_);
    layout->addWidget(chartView_, 2);
    metrics_ = new QTableWidget(0, 1 + static_cast<int>(std::size(kColumns)), this);
    QStringList headers{tr("Segment")};
    for (const MetricColumn &c : kColumns) headers << QString::fromLatin1(c.title);
    metrics_->setHorizontalHeaderLabels(headers);
    metrics_->verticalHeader()->hide();
    metrics_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    metrics_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(metrics_, 1);
    export_ = new QPushButton(tr("Export DVH CSV…"), this);
    layout->addWidget(export_);
    message_ = new QLabel(tr("No dose: open a study with an RT Dose."), this);
    message_->setWordWrap(true);
    layout->addWidget(message_);

    dvhDelay_ = new QTimer(this);
    dvhDelay_->setSingleShot(true);
    dvhDelay_->setInterval(1000);
    connect(dvhDelay_, &QTimer::timeout, this, &DosePanel::computeDvh);
    connect(show_, &QCheckBox::toggled, this, [this](bool on) { scene_->setDoseVisible(on); });
    connect(surfaces_, &QCheckBox::toggled, this, [this](bool on) { scene_->setIsodoseSurfacesVisible(on); });
    connect(levelText_, &QLineEdit::returnPressed, this, &DosePanel::applyLevels);
    connect(prescription_, &QDoubleSpinBox::editingFinished, this, &DosePanel::applyLevels);
    connect(segmentation_, &SegmentationController::meshesUpdated, this, [this] {
        if (dose_) dvhDelay_->start();  // segments changed: their DVHs too
    });
    connect(export_, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export DVH tables to"));
        if (!dir.isEmpty()) exportCsv(dir);
    });
}

DosePanel::~DosePanel() = default;

void DosePanel::setDose(std::shared_ptr<const core::FloatVolume> doseGy, std::optional<double> prescriptionGy) {
    dose_ = std::move(doseGy);
    histograms_.clear();
    metrics_->setRowCount(0);
    chart_->setCurves({});
    if (!dose_) {
        doseImage_ = nullptr;
        scene_->setDose(nullptr, nullptr, {});
        message_->setText(tr("No dose: open a study with an RT Dose."));
        return;
    }
    doseImage_ = imaging::DoseDisplay::toVtkImage(*dose_);
    prescriptionGy_ = prescriptionGy.value_or(dose_->maximum());
    prescription_->setValue(prescriptionGy_);
    applyLevels();
    if (!prescriptionGy) message_->setText(tr("No prescription in the plan: 100 % is the maximum dose, %1 Gy.").arg(prescriptionGy_, 0, 'f', 1));
    computeDvh();
}

bool DosePanel::setLevels(const QString &text) {
    levelText_->setText(text);
    return applyLevels();
}

bool DosePanel::applyLevels() {
    if (!dose_) return false;
    prescriptionGy_ = prescription_->value();
    auto levels = imaging::DoseDisplay::parseLevels(levelText_->text(), prescriptionGy_);
    if (!levels.ok()) {
        message_->setText(tr("Isodose levels: %1").arg(levels.error().message()));
        return false;
    }
    levels_ = levels.value();
    QStringList gy;
    for (double level : levels_) gy << QString::number(level, 'g', 4);
    message_->setText(tr("Isodoses at %1 Gy (prescription %2 Gy).").arg(gy.join(QStringLiteral(", "))).arg(prescriptionGy_));
    vtkSmartPointer<vtkPolyData> surfaces = imaging::DoseDisplay::isodoseSurfaces(doseImage_, levels_);
    scene_->setDose(doseImage_, surfaces, levels_);
    scene_->setDoseVisible(show_->isChecked());
    scene_->setIsodoseSurfacesVisible(surfaces_->isChecked());
    return true;
}

void DosePanel::computeDvh() {
    imaging::Segmentation *segmentation = segmentation_->segmentation();
    if (!dose_ || !segmentation) return;
    if (job_ && job_->isRunning()) {  // latest wins
        job_->cancel();
        dvhDelay_->start();
        return;
    }
    auto labels = std::make_shared<core::LabelMap>();
    labels->volume = segmentation->labels();  // a snapshot: editing goes on meanwhile
    std::vector<int> values;
    for (const imaging::Segment &s : segmentation->segments()) values.push_back(s.value);
    auto dose = dose_;
    auto result = std::make_shared<std::map<int, imaging::DoseVolumeHistogram>>();
    job_ = std::make_unique<core::Job>(tr("Dose-volume histograms"), [labels, values, dose, result](core::JobContext &context) -> core::Status {
        context.setProgress(0.0, QStringLiteral("Resampling the dose onto the image"));
        const core::FloatVolume onImage = dose->resampledOnto(labels->volume.geometry());
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (context.isCancelled()) return core::Error::cancelled();
            context.setProgress(double(i + 1) / double(values.size() + 1));
            auto histogram = imaging::DoseVolumeHistogram::compute(*labels, values[i], onImage);
            if (histogram.ok()) result->emplace(values[i], std::move(histogram).value());  // empty segments have none
        }
        return {};
    });
    connect(job_.get(), &core::Job::finished, this, [this, result] {
        histograms_ = std::move(*result);
        showMetrics();
        emit dvhReady();
    });
    job_->start();
}

void DosePanel::showMetrics() {
    imaging::Segmentation *segmentation = segmentation_->segmentation();
    metrics_->setRowCount(0);
    std::vector<DvhCurve> curves;
    for (const auto &[value, histogram] : histograms_) {
        const imaging::Segment *segment = segmentation ? segmentation->segment(value) : nullptr;
        const QString name = segment ? segment->name : QString::number(value);
        const int row = metrics_->rowCount();
        metrics_->insertRow(row);
        metrics_->setItem(row, 0, new QTableWidgetItem(name));  // owned by the table
        for (int c = 0; c < static_cast<int>(std::size(kColumns)); ++c) {
            auto *item = new QTableWidgetItem(QString::number(kColumns[c].value(histogram), 'f', 1));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            metrics_->setItem(row, c + 1, item);
        }
        curves.push_back({name, segment ? segment->rgb : std::array<int, 3>{128, 128, 128}, histogram.cumulative(0.25)});
    }
    chart_->setCurves(curves);
}

bool DosePanel::exportCsv(const QString &directory) {
    imaging::Segmentation *segmentation = segmentation_->segmentation();
    if (histograms_.empty()) {
        message_->setText(tr("No DVH to export yet."));
        return false;
    }
    if (!QDir().mkpath(directory)) {
        message_->setText(tr("Cannot create %1").arg(directory));
        return false;
    }
    for (const auto &[value, histogram] : histograms_) {
        const imaging::Segment *segment = segmentation ? segmentation->segment(value) : nullptr;
        QString name = segment ? segment->name : QString::number(value);
        name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
        QFile file(QDir(directory).filePath(QStringLiteral("dvh_%1.csv").arg(name)));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(histogram.toCsv(0.1).toUtf8()) < 0) {
            message_->setText(tr("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
            return false;
        }
    }
    message_->setText(tr("%n DVH table(s) written to %1", nullptr, static_cast<int>(histograms_.size())).arg(directory));
    return true;
}

}  // namespace twin::ui
