#include "twin/ui/ViewGrid.h"

#include "twin/ui/VtkOpenGLView.h"

#include <QEvent>
#include <QGridLayout>

namespace twin::ui {

ViewGrid::ViewGrid(QWidget *parent) : QWidget(parent) {
    grid_ = new QGridLayout(this);  // owned by this widget
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setSpacing(2);
    const std::array<QString, kViewCount> names{QStringLiteral("axialView"), QStringLiteral("coronalView"),
                                                QStringLiteral("sagittalView"), QStringLiteral("threeDView")};
    for (int i = 0; i < kViewCount; ++i) {
        views_[i] = new VtkOpenGLView(this);  // owned by this widget
        views_[i]->setObjectName(names[i]);
        views_[i]->installEventFilter(this);
    }
    arrange();
}

void ViewGrid::setLayoutMode(ViewLayoutMode mode) {
    if (mode == mode_) return;
    mode_ = mode;
    arrange();
    emit layoutModeChanged(mode);
}

void ViewGrid::setActiveView(ViewId id) {
    if (id == active_) return;
    active_ = id;
    if (mode_ == ViewLayoutMode::OneByOne) arrange();
}

int ViewGrid::visibleViewCount() const {
    int count = 0;
    for (const VtkOpenGLView *view : views_) count += view->isVisibleTo(this) ? 1 : 0;
    return count;
}

void ViewGrid::renderAll() {
    for (VtkOpenGLView *view : views_) {
        if (view->isVisible()) view->requestRender();
    }
}

bool ViewGrid::eventFilter(QObject *watched, QEvent *event) {
    if (event->type() == QEvent::FocusIn) {
        for (int i = 0; i < kViewCount; ++i) {
            if (views_[i] == watched) active_ = static_cast<ViewId>(i);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ViewGrid::arrange() {
    for (VtkOpenGLView *view : views_) {
        grid_->removeWidget(view);
        view->hide();
    }
    for (int i = 0; i < 3; ++i) {
        grid_->setRowStretch(i, 0);
        grid_->setColumnStretch(i, 0);
    }
    auto place = [this](ViewId id, int row, int column) {
        grid_->addWidget(views_[id], row, column);
        grid_->setRowStretch(row, 1);
        grid_->setColumnStretch(column, 1);
        views_[id]->show();
    };
    switch (mode_) {
    case ViewLayoutMode::TwoByTwo:
        place(Axial, 0, 0);
        place(ThreeD, 0, 1);
        place(Coronal, 1, 0);
        place(Sagittal, 1, 1);
        break;
    case ViewLayoutMode::OneByOne:
        place(active_, 0, 0);
        break;
    case ViewLayoutMode::OneByThree:
        place(Axial, 0, 0);
        place(Coronal, 0, 1);
        place(Sagittal, 0, 2);
        break;
    }
}

}  // namespace twin::ui
