#pragma once
// The segment editor: the segments of the image on screen (colour, name — double-click to
// rename —, visibility, volume in mL) and the tools that edit them: paint and erase brushes
// (disc or sphere, painted with the left mouse button in the slice views), threshold with a
// live voxel count, region growing from the 3D cursor, fill between slices, islands,
// grow/shrink by a margin, logical operations with another segment, and the CT presets
// (body, lungs, bones). Tools run as Jobs on the pool with progress and Cancel; the GUI
// stays live meanwhile and the tools are disabled until the result is applied as one undo
// step. Undo/Redo: Ctrl+Z / Ctrl+Shift+Z while the panel or the views have focus.

#include "twin/core/ScalarVolume.h"
#include "twin/core/Result.h"
#include "twin/imaging/SegmentEdit.h"

#include <QWidget>

#include <array>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;
class QTimer;
class QToolButton;

namespace twin::core {
class Job;
class JobContext;
}  // namespace twin::core

namespace twin::ui {

class JobStatusWidget;
class SegmentationController;

class SegmentEditorPanel : public QWidget {
    Q_OBJECT
public:
    enum Tool { Paint, Erase, Threshold, RegionGrowing, FillBetweenSlices, Islands, Margin, Logical, Presets };
    using CursorProvider = std::function<std::optional<std::array<double, 3>>()>;

    explicit SegmentEditorPanel(SegmentationController *controller, QWidget *parent = nullptr);
    ~SegmentEditorPanel() override;

    /// The image the tools read (CT in HU); the segmentation must already be reset to its grid.
    void setImage(std::shared_ptr<const core::ScalarVolume> image);
    void setCursorProvider(CursorProvider provider) { cursor_ = std::move(provider); }
    /// Rebuilds the segment list from the controller's segmentation (after reset()).
    void refresh();

    // For tests and shortcuts: the widgets a user drives.
    QTableWidget *segmentTable() const { return table_; }
    QComboBox *toolSelector() const { return tool_; }
    QPushButton *applyButton() const { return apply_; }
    QPushButton *presetButton(int index) const { return presets_[index]; }
    QAction *undoAction() const { return undo_; }
    QAction *redoAction() const { return redo_; }
    JobStatusWidget *jobStatus() const { return status_; }
    QLabel *message() const { return message_; }
    QLabel *thresholdPreview() const { return preview_; }
    void setThreshold(double lower, double upper);
    void setMargin(double mm);
    bool isRunning() const;
    /// The segment selected in the list (0 for none).
    int currentSegment() const;
    void selectSegment(int value);
    /// Adds a segment with the next colour of the palette and selects it (undoable).
    int addSegment(const QString &name);

signals:
    void toolFinished(bool applied);

private:
    using ToolWork = std::function<core::Result<imaging::SegmentEdit>(core::JobContext &)>;
    QWidget *buildToolPages();
    void runTool(const QString &title, ToolWork work, const QString &newSegmentName = {});
    void applyCurrentTool();
    void runPreset(int preset);
    void onToolChanged();
    void updateVolumes();
    void updateThresholdPreview();
    void setToolsEnabled(bool enabled);

    SegmentationController *controller_;
    std::shared_ptr<const core::ScalarVolume> image_;
    CursorProvider cursor_;
    QTableWidget *table_ = nullptr;
    QComboBox *tool_ = nullptr;
    QStackedWidget *pages_ = nullptr;
    QDoubleSpinBox *brushRadius_ = nullptr;
    QComboBox *brushShape_ = nullptr;
    QDoubleSpinBox *lower_ = nullptr;
    QDoubleSpinBox *upper_ = nullptr;
    QLabel *preview_ = nullptr;
    QComboBox *islandRule_ = nullptr;
    QSpinBox *islandMinimum_ = nullptr;
    QDoubleSpinBox *margin_ = nullptr;
    QComboBox *logicalOperation_ = nullptr;
    QComboBox *logicalOperand_ = nullptr;
    std::array<QPushButton *, 3> presets_{};
    QPushButton *apply_ = nullptr;
    QPushButton *add_ = nullptr;
    QPushButton *remove_ = nullptr;
    QAction *undo_ = nullptr;
    QAction *redo_ = nullptr;
    JobStatusWidget *status_ = nullptr;
    QLabel *message_ = nullptr;
    QTimer *volumeDelay_ = nullptr;
    std::unique_ptr<core::Job> job_;
    std::unique_ptr<core::Job> previewJob_;
    int paletteIndex_ = 0;
    bool refreshing_ = false;
};

}  // namespace twin::ui
