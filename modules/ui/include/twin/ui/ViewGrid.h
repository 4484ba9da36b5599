#pragma once
// The central area: four VTK views (axial, coronal, sagittal, 3D) arranged 2×2, 1×1 (the
// active view alone) or 1×3 (the three slice views in a row). Views are created once and
// only shown or hidden, so switching layouts keeps cameras and scenes.

#include "twin/ui/ViewLayoutMode.h"

#include <QWidget>

#include <array>

class QGridLayout;

namespace twin::ui {

class VtkOpenGLView;

class ViewGrid : public QWidget {
    Q_OBJECT
public:
    enum ViewId { Axial = 0, Coronal = 1, Sagittal = 2, ThreeD = 3 };
    static constexpr int kViewCount = 4;

    explicit ViewGrid(QWidget *parent = nullptr);

    VtkOpenGLView *view(ViewId id) const { return views_[id]; }
    ViewLayoutMode layoutMode() const { return mode_; }
    void setLayoutMode(ViewLayoutMode mode);
    ViewId activeView() const { return active_; }
    /// The view shown alone in 1×1.
    void setActiveView(ViewId id);
    int visibleViewCount() const;
    /// Requests one repaint of every visible view.
    void renderAll();

signals:
    void layoutModeChanged(twin::ui::ViewLayoutMode mode);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void arrange();

    std::array<VtkOpenGLView *, kViewCount> views_{};
    QGridLayout *grid_ = nullptr;
    ViewLayoutMode mode_ = ViewLayoutMode::TwoByTwo;
    ViewId active_ = ThreeD;
};

}  // namespace twin::ui
