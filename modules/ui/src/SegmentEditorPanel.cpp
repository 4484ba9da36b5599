#include "twin/ui/SegmentEditorPanel.h"

#include "twin/core/Job.h"
#include "twin/core/VolumeIndexing.h"
#include "twin/imaging/CtPresets.h"
#include "twin/imaging/RegionGrower.h"
#include "twin/imaging/Segmentation.h"
#include "twin/imaging/SegmentationTools.h"
#include "twin/ui/JobStatusWidget.h"
#include "twin/ui/SegmentationController.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace twin::ui {

namespace {

// Distinct, colour-blind-friendly segment colours (Okabe-Ito, then Tol's muted).
constexpr std::array<std::array<int, 3>, 10> kPalette{{{230, 159, 0}, {86, 180, 233}, {0, 158, 115}, {240, 228, 66}, {0, 114, 178},
                                                       {213, 94, 0}, {204, 121, 167}, {136, 34, 85}, {68, 170, 153}, {153, 153, 51}}};

struct PresetInfo {
    const char *name;
    std::array<int, 3> rgb;
};
constexpr std::array<PresetInfo, 3> kPresets{{{"Body", {177, 122, 101}}, {"Lungs", {197, 165, 145}}, {"Bones", {241, 214, 145}}}};

QIcon swatch(const std::array<int, 3> &rgb) {
    QPixmap pixmap(14, 14);
    pixmap.fill(QColor(rgb[0], rgb[1], rgb[2]));
    return QIcon(pixmap);
}

QDoubleSpinBox *huBox(double value, QWidget *parent) {
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(-3000, 30000);
    box->setDecimals(0);
    box->setSuffix(QStringLiteral(" HU"));
    box->setValue(value);
    return box;
}

}  // namespace

SegmentEditorPanel::SegmentEditorPanel(SegmentationController *controller, QWidget *parent)
    : QWidget(parent), controller_(controller) {
    auto *layout = new QVBoxLayout(this);  // owned by this widget
    table_ = new QTableWidget(0, 3, this);
    table_->setHorizontalHeaderLabels({tr("Segment"), tr("Shown"), tr("Volume")});
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setMinimumHeight(140);
    layout->addWidget(table_);

    auto *buttons = new QHBoxLayout;
    add_ = new QPushButton(tr("Add"), this);
    add_->setToolTip(tr("Add an empty segment"));
    remove_ = new QPushButton(tr("Remove"), this);
    undo_ = new QAction(tr("Undo"), this);
    undo_->setShortcut(QKeySequence::Undo);
    redo_ = new QAction(tr("Redo"), this);
    redo_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    for (QAction *action : {undo_, redo_}) action->setShortcutContext(Qt::WindowShortcut);
    addAction(undo_);
    addAction(redo_);
    auto *undoButton = new QPushButton(tr("Undo"), this);
    auto *redoButton = new QPushButton(tr("Redo"), this);
    undoButton->setToolTip(tr("Undo the last edit (Ctrl+Z)"));
    redoButton->setToolTip(tr("Redo (Ctrl+Shift+Z)"));
    connect(undoButton, &QPushButton::clicked, undo_, &QAction::trigger);
    connect(redoButton, &QPushButton::clicked, redo_, &QAction::trigger);
    for (QPushButton *b : {add_, remove_, undoButton, redoButton}) buttons->addWidget(b);
    layout->addLayout(buttons);

    tool_ = new QComboBox(this);
    tool_->addItems({tr("Paint"), tr("Erase"), tr("Threshold"), tr("Region growing"), tr("Fill between slices"), tr("Islands"),
                     tr("Grow / shrink"), tr("Logical operation"), tr("CT presets")});
    layout->addWidget(tool_);
    layout->addWidget(buildToolPages());
    apply_ = new QPushButton(tr("Apply"), this);
    layout->addWidget(apply_);
    status_ = new JobStatusWidget(this);
    status_->cancelButton()->setShortcut({});  // Esc belongs to the main window's job
    layout->addWidget(status_);
    message_ = new QLabel(this);
    message_->setWordWrap(true);
    layout->addWidget(message_);
    layout->addStretch();

    connect(add_, &QPushButton::clicked, this, [this] { addSegment(tr("Segment %1").arg(table_->rowCount() + 1)); });
    connect(remove_, &QPushButton::clicked, this, [this] {
        if (auto *s = controller_->segmentation(); s && currentSegment()) s->removeSegment(currentSegment());
    });
    connect(undo_, &QAction::triggered, this, [this] {
        if (auto *s = controller_->segmentation(); s && !isRunning()) s->undoStack().undo();
    });
    connect(redo_, &QAction::triggered, this, [this] {
        if (auto *s = controller_->segmentation(); s && !isRunning()) s->undoStack().redo();
    });
    volumeDelay_ = new QTimer(this);  // recount after edits settle (a stroke is many edits)
    volumeDelay_->setSingleShot(true);
    volumeDelay_->setInterval(300);
    connect(volumeDelay_, &QTimer::timeout, this, &SegmentEditorPanel::updateVolumes);
    connect(tool_, &QComboBox::currentIndexChanged, this, &SegmentEditorPanel::onToolChanged);
    connect(apply_, &QPushButton::clicked, this, &SegmentEditorPanel::applyCurrentTool);
    connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        auto *s = controller_->segmentation();
        if (refreshing_ || !s) return;
        const int value = table_->item(item->row(), 0)->data(Qt::UserRole).toInt();
        if (item->column() == 0) s->renameSegment(value, item->text());
        if (item->column() == 1) s->setVisible(value, item->checkState() == Qt::Checked);
    });
    connect(table_, &QTableWidget::itemSelectionChanged, this, &SegmentEditorPanel::onToolChanged);
    connect(controller_, &SegmentationController::segmentPicked, this, &SegmentEditorPanel::selectSegment);
    onToolChanged();
}

SegmentEditorPanel::~SegmentEditorPanel() = default;

QWidget *SegmentEditorPanel::buildToolPages() {
    pages_ = new QStackedWidget(this);
    auto page = [this](QFormLayout *&form) {
        auto *widget = new QWidget(pages_);
        form = new QFormLayout(widget);  // owned by the page
        pages_->addWidget(widget);
        return widget;
    };
    QFormLayout *form = nullptr;
    // Paint and Erase share one page: brush radius and shape.
    QWidget *brushPage = page(form);
    brushRadius_ = new QDoubleSpinBox(brushPage);
    brushRadius_->setRange(0.5, 100.0);
    brushRadius_->setValue(5.0);
    brushRadius_->setSuffix(QStringLiteral(" mm"));
    brushShape_ = new QComboBox(brushPage);
    brushShape_->addItems({tr("Disc (in the slice)"), tr("Sphere")});
    form->addRow(tr("Radius"), brushRadius_);
    form->addRow(tr("Shape"), brushShape_);
    form->addRow(new QLabel(tr("Drag with the left button in a slice view."), brushPage));
    connect(brushRadius_, &QDoubleSpinBox::valueChanged, this, &SegmentEditorPanel::onToolChanged);
    connect(brushShape_, &QComboBox::currentIndexChanged, this, &SegmentEditorPanel::onToolChanged);

    QWidget *thresholdPage = page(form);  // threshold and region growing share the window
    lower_ = huBox(-1000, thresholdPage);
    upper_ = huBox(-400, thresholdPage);
    preview_ = new QLabel(thresholdPage);
    form->addRow(tr("From"), lower_);
    form->addRow(tr("To"), upper_);
    form->addRow(tr("Preview"), preview_);
    auto *previewDelay = new QTimer(this);
    previewDelay->setSingleShot(true);
    previewDelay->setInterval(120);
    connect(previewDelay, &QTimer::timeout, this, &SegmentEditorPanel::updateThresholdPreview);
    for (QDoubleSpinBox *box : {lower_, upper_}) connect(box, &QDoubleSpinBox::valueChanged, previewDelay, qOverload<>(&QTimer::start));

    QWidget *fillPage = page(form);
    form->addRow(new QLabel(tr("Fills the slices between segmented slices (shape-based interpolation)."), fillPage));

    QWidget *islandsPage = page(form);
    islandRule_ = new QComboBox(islandsPage);
    islandRule_->addItems({tr("Keep the largest island"), tr("Remove islands smaller than")});
    islandMinimum_ = new QSpinBox(islandsPage);
    islandMinimum_->setRange(1, 100000000);
    islandMinimum_->setValue(100);
    islandMinimum_->setSuffix(tr(" voxels"));
    form->addRow(tr("Rule"), islandRule_);
    form->addRow(tr("Minimum"), islandMinimum_);

    QWidget *marginPage = page(form);
    margin_ = new QDoubleSpinBox(marginPage);
    margin_->setRange(-50, 50);
    margin_->setValue(3.0);
    margin_->setSuffix(QStringLiteral(" mm"));
    form->addRow(tr("Margin (negative shrinks)"), margin_);

    QWidget *logicalPage = page(form);
    logicalOperation_ = new QComboBox(logicalPage);
    logicalOperation_->addItems({tr("Add (union)"), tr("Intersect"), tr("Subtract")});
    logicalOperand_ = new QComboBox(logicalPage);
    form->addRow(tr("Operation"), logicalOperation_);
    form->addRow(tr("With segment"), logicalOperand_);

    QWidget *presetPage = page(form);
    for (int p = 0; p < 3; ++p) {
        presets_[p] = new QPushButton(tr(kPresets[p].name), presetPage);
        connect(presets_[p], &QPushButton::clicked, this, [this, p] { runPreset(p); });
        form->addRow(presets_[p]);
    }
    return pages_;
}

void SegmentEditorPanel::setImage(std::shared_ptr<const core::ScalarVolume> image) {
    image_ = std::move(image);
    refresh();
    updateThresholdPreview();
}

void SegmentEditorPanel::refresh() {
    imaging::Segmentation *s = controller_->segmentation();
    const int selected = currentSegment();
    refreshing_ = true;
    table_->setRowCount(0);
    logicalOperand_->clear();
    if (s) {
        disconnect(s, nullptr, this, nullptr);
        connect(s, &imaging::Segmentation::segmentsChanged, this, &SegmentEditorPanel::refresh);
        connect(s, &imaging::Segmentation::labelsChanged, volumeDelay_, qOverload<>(&QTimer::start));
        for (const imaging::Segment &segment : s->segments()) {
            const int row = table_->rowCount();
            table_->insertRow(row);
            auto *name = new QTableWidgetItem(swatch(segment.rgb), segment.name);  // owned by the table
            name->setData(Qt::UserRole, segment.value);
            auto *shown = new QTableWidgetItem;
            shown->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            shown->setCheckState(segment.visible ? Qt::Checked : Qt::Unchecked);
            auto *volume = new QTableWidgetItem;
            volume->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            volume->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(row, 0, name);
            table_->setItem(row, 1, shown);
            table_->setItem(row, 2, volume);
            logicalOperand_->addItem(swatch(segment.rgb), segment.name, segment.value);
        }
    }
    refreshing_ = false;
    selectSegment(selected ? selected : (s && !s->segments().isEmpty() ? s->segments().back().value : 0));
    updateVolumes();
}

void SegmentEditorPanel::updateVolumes() {
    imaging::Segmentation *s = controller_->segmentation();
    if (!s) return;
    std::vector<std::int64_t> counts(32768, 0);
    for (const std::int16_t v : s->labels().voxels())
        if (v > 0) ++counts[v];
    const double voxelMl = s->labels().geometry().voxelVolumeMm3() / 1000.0;
    refreshing_ = true;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const int value = table_->item(row, 0)->data(Qt::UserRole).toInt();
        table_->item(row, 2)->setText(QStringLiteral("%1 mL").arg(counts[value] * voxelMl, 0, 'f', 1));
    }
    refreshing_ = false;
}

int SegmentEditorPanel::currentSegment() const {
    const auto rows = table_->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : table_->item(rows.front().row(), 0)->data(Qt::UserRole).toInt();
}

void SegmentEditorPanel::selectSegment(int value) {
    for (int row = 0; row < table_->rowCount(); ++row)
        if (table_->item(row, 0)->data(Qt::UserRole).toInt() == value) table_->selectRow(row);
}

int SegmentEditorPanel::addSegment(const QString &name) {
    imaging::Segmentation *s = controller_->segmentation();
    if (!s) return 0;
    const int value = s->addSegment(name, kPalette[paletteIndex_++ % kPalette.size()]);
    selectSegment(value);
    return value;
}

void SegmentEditorPanel::setThreshold(double lower, double upper) {
    lower_->setValue(lower);
    upper_->setValue(upper);
}

void SegmentEditorPanel::setMargin(double mm) { margin_->setValue(mm); }

bool SegmentEditorPanel::isRunning() const { return job_ && job_->isRunning(); }

void SegmentEditorPanel::onToolChanged() {
    const int tool = tool_->currentIndex();
    if (tool != Threshold && controller_->hasPreview()) controller_->setPreview(nullptr);
    if (tool == Threshold && !controller_->hasPreview() && !isRunning() && image_) updateThresholdPreview();
    const int pageOf[] = {0, 0, 1, 1, 2, 3, 4, 5, 6};
    pages_->setCurrentIndex(pageOf[tool]);
    apply_->setVisible(tool != Paint && tool != Erase && tool != Presets);
    const bool painting = (tool == Paint || tool == Erase) && !isRunning();
    BrushSettings brush{brushRadius_->value(), brushShape_->currentIndex() == 0 ? imaging::BrushShape::Disc : imaging::BrushShape::Sphere,
                        tool == Erase};
    controller_->setPaintSegment(painting ? currentSegment() : 0, brush);
}

void SegmentEditorPanel::setToolsEnabled(bool enabled) {
    for (QWidget *w : std::initializer_list<QWidget *>{tool_, pages_, apply_, add_, remove_, table_}) w->setEnabled(enabled);
    undo_->setEnabled(enabled);
    redo_->setEnabled(enabled);
    onToolChanged();  // no painting while a tool runs
}

void SegmentEditorPanel::applyCurrentTool() {
    imaging::Segmentation *s = controller_->segmentation();
    const int value = currentSegment();
    if (!s || isRunning()) return;
    if (value == 0 && tool_->currentIndex() != Presets) {
        message_->setText(tr("Select or add a segment first."));
        return;
    }
    // Tools read a snapshot of the labels, so painting or undo meanwhile cannot race them.
    auto labels = std::make_shared<const core::ScalarVolume>(s->labels());
    auto image = image_;
    const double lower = lower_->value(), upper = upper_->value(), margin = margin_->value();
    switch (tool_->currentIndex()) {
    case Threshold:
        if (!image) break;
        runTool(tr("Threshold"), [image, lower, upper, value](core::JobContext &) -> core::Result<imaging::SegmentEdit> {
            return imaging::SegmentationTools::threshold(*image, lower, upper, value);
        });
        break;
    case RegionGrowing: {
        const auto point = cursor_ ? cursor_() : std::nullopt;
        const auto seed = point && image ? core::patientToIndex(image->geometry(), *point) : std::nullopt;
        if (!seed) {
            message_->setText(tr("Set the cursor (click in a slice view) on the structure to grow from."));
            return;
        }
        const std::array<int, 3> index{int(std::lround((*seed)[0])), int(std::lround((*seed)[1])), int(std::lround((*seed)[2]))};
        runTool(tr("Region growing"), [image, index, lower, upper, value](core::JobContext &context) -> core::Result<imaging::SegmentEdit> {
            auto grown = imaging::RegionGrower::grow(*image, {index}, std::int16_t(std::clamp(lower, -32768.0, 32767.0)),
                                                     std::int16_t(std::clamp(upper, -32768.0, 32767.0)), &context);
            if (!grown.ok()) return grown.error();
            if (grown.value().seedsUsed == 0) return core::Error::invalidInput(QStringLiteral("the cursor is outside the intensity window"));
            return imaging::SegmentEdit{std::move(grown.value().mask), imaging::PaintMode::Overwrite, value, QStringLiteral("Region growing"), {}};
        });
        break;
    }
    case FillBetweenSlices:
        runTool(tr("Fill between slices"), [labels, value](core::JobContext &c) { return imaging::SegmentationTools::fillBetweenSlices(*labels, value, &c); });
        break;
    case Islands: {
        const auto rule = islandRule_->currentIndex() == 0 ? imaging::IslandRule::KeepLargest : imaging::IslandRule::RemoveSmallerThan;
        const std::int64_t minimum = islandMinimum_->value();
        runTool(tr("Islands"), [labels, value, rule, minimum](core::JobContext &c) { return imaging::SegmentationTools::islands(*labels, value, rule, minimum, &c); });
        break;
    }
    case Margin:
        runTool(tr("Grow / shrink"), [labels, value, margin](core::JobContext &c) { return imaging::SegmentationTools::margin(*labels, value, margin, &c); });
        break;
    case Logical: {
        const int operand = logicalOperand_->currentData().toInt();
        const auto operation = static_cast<imaging::LogicalOperation>(logicalOperation_->currentIndex());
        runTool(tr("Logical operation"), [labels, value, operand, operation](core::JobContext &) -> core::Result<imaging::SegmentEdit> {
            return imaging::SegmentationTools::logical(*labels, value, imaging::SegmentationTools::segmentMask(*labels, operand), operation);
        });
        break;
    }
    default:
        break;
    }
}

void SegmentEditorPanel::runPreset(int preset) {
    if (!image_ || isRunning() || !controller_->segmentation()) return;
    auto image = image_;
    runTool(tr("CT preset: %1").arg(tr(kPresets[preset].name)),
            [image, preset](core::JobContext &context) -> core::Result<imaging::SegmentEdit> {
                auto mask = preset == 0 ? imaging::CtPresets::body(*image, &context)
                                        : (preset == 1 ? imaging::CtPresets::lungs(*image, &context) : imaging::CtPresets::bones(*image, &context));
                if (!mask.ok()) return mask.error();
                // Body under the organs (background only); lungs and bones over whatever is there.
                return imaging::SegmentEdit{std::move(mask).value(), preset == 0 ? imaging::PaintMode::BackgroundOnly : imaging::PaintMode::Overwrite,
                                            0, QStringLiteral("CT preset: %1").arg(QLatin1String(kPresets[preset].name)), {}};
            },
            tr(kPresets[preset].name));
}

void SegmentEditorPanel::runTool(const QString &title, ToolWork work, const QString &newSegmentName) {
    auto result = std::make_shared<imaging::SegmentEdit>();
    job_ = std::make_unique<core::Job>(title, [work, result](core::JobContext &context) -> core::Status {
        auto edit = work(context);
        if (!edit.ok()) return edit.error();
        *result = std::move(edit).value();
        return {};
    });
    connect(job_.get(), &core::Job::finished, this, [this, result, newSegmentName, title] {
        controller_->setPreview(nullptr);  // the result replaces the preview
        setToolsEnabled(true);
        imaging::Segmentation *s = controller_->segmentation();
        if (!s) return;
        s->undoStack().beginMacro(title);  // a preset's new segment and its voxels: one step
        if (!newSegmentName.isEmpty()) {
            const auto &preset = *std::find_if(kPresets.begin(), kPresets.end(), [&](const PresetInfo &p) { return tr(p.name) == newSegmentName; });
            result->value = s->addSegment(newSegmentName, preset.rgb);
        }
        const bool changed = s->apply(*result);
        s->undoStack().endMacro();
        if (!newSegmentName.isEmpty()) selectSegment(result->value);
        message_->setText(changed ? tr("%1: done.").arg(title) : tr("%1: nothing to change.").arg(title));
        emit toolFinished(changed);
    });
    connect(job_.get(), &core::Job::failed, this, [this, title](const core::Error &error) {
        setToolsEnabled(true);
        message_->setText(tr("%1 failed: %2").arg(title, error.message()));
        emit toolFinished(false);
    });
    connect(job_.get(), &core::Job::cancelled, this, [this, title] {
        setToolsEnabled(true);
        message_->setText(tr("%1 cancelled; nothing was changed.").arg(title));
        emit toolFinished(false);
    });
    message_->clear();
    status_->track(job_.get());
    job_->start();
    setToolsEnabled(false);
}

void SegmentEditorPanel::updateThresholdPreview() {
    if (!image_) {
        preview_->setText(tr("no image"));
        return;
    }
    if (previewJob_ && previewJob_->isRunning()) previewJob_->cancel();  // latest wins
    auto image = image_;
    const double lower = lower_->value(), upper = upper_->value();
    auto count = std::make_shared<std::int64_t>(0);
    auto mask = std::make_shared<imaging::VolumeMask>();
    auto job = std::make_unique<core::Job>(tr("Threshold preview"), [image, lower, upper, count, mask](core::JobContext &context) -> core::Status {
        const auto &voxels = image->voxels();
        *mask = imaging::VolumeMask(voxels.size());
        std::int64_t n = 0;
        for (std::size_t v = 0; v < voxels.size(); ++v) {
            if ((v & 0xFFFFF) == 0 && context.isCancelled()) return core::Error::cancelled();
            const double real = image->toReal(voxels[v]);
            if (real >= lower && real <= upper) {
                (*mask)[v] = 1;
                ++n;
            }
        }
        *count = n;
        return {};
    });
    const double voxelMl = image->geometry().voxelVolumeMm3() / 1000.0;
    connect(job.get(), &core::Job::finished, this, [this, count, voxelMl, mask] {
        preview_->setText(tr("%L1 voxels · %2 mL").arg(*count).arg(*count * voxelMl, 0, 'f', 1));
        // Shown over the slice views while the threshold tool is the one chosen.
        if (tool_->currentIndex() != Threshold || isRunning()) return;
        const imaging::Segmentation *s = controller_->segmentation();
        const imaging::Segment *segment = s ? s->segment(currentSegment()) : nullptr;
        controller_->setPreview(mask, segment ? segment->rgb : std::array<int, 3>{255, 255, 0});
    });
    if (previewJob_) previewJob_.release()->deleteLater();  // a cancelled one finishes on its own
    previewJob_ = std::move(job);
    previewJob_->start();
}

}  // namespace twin::ui
