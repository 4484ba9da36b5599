#include "twin/ui/JobStatusWidget.h"

#include "twin/core/Job.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <cmath>

namespace twin::ui {

JobStatusWidget::JobStatusWidget(QWidget *parent) : QWidget(parent) {
    auto *layout = new QHBoxLayout(this);  // owned by this widget
    layout->setContentsMargins(0, 0, 0, 0);
    stage_ = new QLabel(this);
    bar_ = new QProgressBar(this);
    bar_->setRange(0, 100);
    bar_->setMaximumWidth(180);
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setShortcut(QKeySequence(Qt::Key_Escape));
    cancel_->setToolTip(tr("Cancel (Esc)"));
    layout->addWidget(stage_);
    layout->addWidget(bar_);
    layout->addWidget(cancel_);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (job_) job_->cancel();
    });
    hide();
}

void JobStatusWidget::track(core::Job *job) {
    if (job_) disconnect(job_, nullptr, this, nullptr);
    job_ = job;
    if (!job) {
        hide();
        return;
    }
    connect(job, &core::Job::progressChanged, this, &JobStatusWidget::onProgress);
    connect(job, &core::Job::done, this, &JobStatusWidget::onDone);
    onProgress(job->progress(), job->title());
    show();
}

int JobStatusWidget::progressPercent() const { return bar_->value(); }

void JobStatusWidget::onProgress(double fraction, const QString &stage) {
    bar_->setValue(static_cast<int>(std::lround(fraction * 100.0)));
    if (!stage.isEmpty()) stage_->setText(stage);
}

void JobStatusWidget::onDone() {
    job_ = nullptr;
    hide();
}

}  // namespace twin::ui
