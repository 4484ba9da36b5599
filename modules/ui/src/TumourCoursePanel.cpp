#include "twin/ui/TumourCoursePanel.h"

#include "twin/core/Job.h"
#include "twin/ui/TumourCourseChart.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace twin::ui {

namespace {

QTableWidgetItem *cell(const QString &text, Qt::Alignment alignment = Qt::AlignRight | Qt::AlignVCenter) {
    auto *item = new QTableWidgetItem(text);  // the table owns its items
    item->setTextAlignment(alignment);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

QString signedPercent(double value) {
    return QStringLiteral("%1%2 %").arg(value > 0.0 ? QStringLiteral("+") : QString()).arg(value, 0, 'f', 0);
}

QString alignment(const imaging::TumourTimePoint &p, bool baseline) {
    if (baseline) return QObject::tr("baseline");
    if (!p.registrationToBaseline) return QObject::tr("same frame of reference");
    const imaging::RigidRegistrationResult &r = *p.registrationToBaseline;
    return QObject::tr("registered, %1 (NCC %2)").arg(r.quality).arg(r.nccAfter, 0, 'f', 2);
}

}  // namespace

TumourCoursePanel::TumourCoursePanel(QWidget *parent) : QWidget(parent) {
    auto *layout = new QVBoxLayout(this);
    summary_ = new QLabel(tr("Open a DICOM folder with two or more studies of one patient (each with an RTSTRUCT or "
                             "SEG holding the tumour: GTV, tumour, lesion) to follow the tumour's volume over time."),
                          this);
    summary_->setWordWrap(true);
    layout->addWidget(summary_);
    chart_ = new TumourCourseChart(this);
    layout->addWidget(chart_, 1);
    table_ = new QTableWidget(0, 7, this);
    table_->setHorizontalHeaderLabels({tr("Date"), tr("Day"), tr("mL"), tr("Δ"), tr("Ø mm"), tr("RECIST"), tr("Alignment")});
    const QStringList tips{tr("Study date"), tr("Days from the baseline (earliest) study"), tr("Tumour volume"),
                           tr("Volume change from the baseline"), tr("Longest axial diameter"),
                           tr("RECIST 1.1 response of a single target lesion"),
                           tr("How the study was aligned with the baseline, and how well")};
    for (int c = 0; c < tips.size(); ++c) table_->horizontalHeaderItem(c)->setToolTip(tips[c]);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(table_, 1);
    warnings_ = new QLabel(this);
    warnings_->setWordWrap(true);
    warnings_->hide();
    layout->addWidget(warnings_);

    auto *row = new QHBoxLayout;
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->hide();
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->hide();
    recompute_ = new QPushButton(tr("Recompute"), this);
    recompute_->setEnabled(false);
    recompute_->setToolTip(tr("Build the course again from the open folder"));
    row->addWidget(progress_, 1);
    row->addWidget(cancel_);
    row->addStretch();
    row->addWidget(recompute_);
    layout->addLayout(row);
    connect(cancel_, &QPushButton::clicked, this, &TumourCoursePanel::cancel);
    connect(recompute_, &QPushButton::clicked, this, [this] { compute(folders_); });
}

TumourCoursePanel::~TumourCoursePanel() = default;

bool TumourCoursePanel::isComputing() const { return job_ && job_->isRunning(); }

void TumourCoursePanel::cancel() {
    if (job_) job_->cancel();
}

void TumourCoursePanel::compute(const QStringList &dicomFolders) {
    if (!provider_ || dicomFolders.isEmpty()) return;
    if (job_) {
        job_->disconnect(this);  // its late "cancelled" must not overwrite the new run's state
        job_->cancel();
        job_.release()->deleteLater();  // a running job cancels and waits in its destructor
    }
    folders_ = dicomFolders;
    recompute_->setEnabled(true);
    auto outcome = std::make_shared<TumourCourseOutcome>();
    job_ = std::make_unique<core::Job>(
        tr("Tumour course"), [provider = provider_, folders = folders_, outcome](core::JobContext &context) -> core::Status {
            auto result = provider(folders, context);
            if (!result.ok()) return result.error();
            *outcome = std::move(result).value();
            return {};
        });
    const auto finish = [this] {
        progress_->hide();
        cancel_->hide();
    };
    connect(job_.get(), &core::Job::progressChanged, this, [this](double fraction, const QString &stage) {
        progress_->setValue(static_cast<int>(std::lround(fraction * 1000)));
        progress_->setFormat(stage + QStringLiteral(" %p%"));
    });
    connect(job_.get(), &core::Job::finished, this, [this, outcome, finish] {
        finish();
        showOutcome(*outcome);
        emit courseReady();
    });
    connect(job_.get(), &core::Job::failed, this, [this, finish](const core::Error &error) {
        finish();
        summary_->setText(tr("No tumour course: %1").arg(error.message()));
        emit courseFailed(error.message());
    });
    connect(job_.get(), &core::Job::cancelled, this, [this, finish] {
        finish();
        summary_->setText(tr("Tumour course cancelled."));
    });
    progress_->setValue(0);
    progress_->show();
    cancel_->show();
    summary_->setText(tr("Building the tumour course of %n folder(s)…", nullptr, static_cast<int>(folders_.size())));
    job_->start();
}

void TumourCoursePanel::showOutcome(const TumourCourseOutcome &outcome) {
    outcome_ = outcome;
    const imaging::TumourCourse &course = outcome.course;
    chart_->setCourse(course);
    table_->setRowCount(static_cast<int>(course.points().size()));
    for (int r = 0; r < table_->rowCount(); ++r) {
        const imaging::TumourTimePoint &p = course.points()[r];
        table_->setItem(r, 0, cell(p.studyDate.toString(Qt::ISODate), Qt::AlignLeft | Qt::AlignVCenter));
        table_->setItem(r, 1, cell(QString::number(p.daysFromBaseline)));
        table_->setItem(r, 2, cell(QString::number(p.volumeMl, 'f', 1)));
        table_->setItem(r, 3, cell(r == 0 ? QStringLiteral("—") : signedPercent(p.volumeChangePct)));
        table_->setItem(r, 4, cell(QString::number(p.longestAxialDiameterMm, 'f', 0)));
        table_->setItem(r, 5, cell(p.response, Qt::AlignCenter));
        QTableWidgetItem *aligned = cell(alignment(p, r == 0), Qt::AlignLeft | Qt::AlignVCenter);
        if (p.registrationToBaseline)
            aligned->setToolTip(p.registrationToBaseline->summary() + QLatin1Char('\n') + p.registrationToBaseline->stopCondition +
                                tr("\nTumour centre %1 mm from the baseline's after registration").arg(p.centroidShiftMm, 0, 'f', 1));
        table_->setItem(r, 6, aligned);
    }
    table_->resizeColumnsToContents();
    if (course.points().size() < 2) {
        summary_->setText(course.isEmpty() ? tr("No study with a tumour structure.")
                                           : tr("Only one study with a tumour structure: %1, %2 mL.")
                                                 .arg(course.points().first().structureName)
                                                 .arg(course.points().first().volumeMl, 0, 'f', 1));
    } else {
        const imaging::TumourTimePoint &first = course.points().first(), &last = course.points().last();
        QString text = tr("%1 of %2: %3 → %4 mL (%5) in %6 days")
                           .arg(first.structureName, outcome.patientId)
                           .arg(first.volumeMl, 0, 'f', 1)
                           .arg(last.volumeMl, 0, 'f', 1)
                           .arg(signedPercent(last.volumeChangePct))
                           .arg(last.daysFromBaseline);
        if (const auto td = course.volumeDoublingTimeDays()) {
            text += *td > 0 ? tr(" · doubling time %1 days").arg(*td, 0, 'f', 0)
                            : tr(" · halving time %1 days").arg(-*td, 0, 'f', 0);
        }
        summary_->setText(text);
    }
    warnings_->setVisible(!outcome.warnings.isEmpty());
    warnings_->setText(outcome.warnings.isEmpty() ? QString() : QStringLiteral("⚠ ") + outcome.warnings.join(QStringLiteral("\n⚠ ")));
}

}  // namespace twin::ui
