#pragma once
// Tumour Course dock: the tumour's volume over the studies of the open patient — a chart, a
// table (date, day, mL, change, longest diameter, RECIST 1.1, how the study was aligned with
// the baseline and how well), the doubling or halving time, and the warnings (studies left out,
// poor registrations). The course is built by a provider the application sets (it reads the
// DICOM folders: app/common/TumourCourseAssembler), run as a Job of the panel's own with
// progress and Cancel, so it never blocks the window or the main job queue.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/imaging/TumourCourse.h"

#include <QStringList>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace twin::core {
class Job;
}

namespace twin::ui {

class TumourCourseChart;

struct TumourCourseOutcome {
    imaging::TumourCourse course;
    QString patientId;
    QStringList warnings;
};

using TumourCourseProvider =
    std::function<core::Result<TumourCourseOutcome>(const QStringList &dicomFolders, core::JobContext &context)>;

class TumourCoursePanel : public QWidget {
    Q_OBJECT
public:
    explicit TumourCoursePanel(QWidget *parent = nullptr);
    ~TumourCoursePanel() override;

    void setProvider(TumourCourseProvider provider) { provider_ = std::move(provider); }
    /// Builds the course of the studies in these folders (a running build is cancelled first).
    void compute(const QStringList &dicomFolders);
    void showOutcome(const TumourCourseOutcome &outcome);
    void cancel();

    const TumourCourseOutcome &outcome() const { return outcome_; }
    bool isComputing() const;
    QTableWidget *table() const { return table_; }
    TumourCourseChart *chart() const { return chart_; }
    QLabel *summaryLabel() const { return summary_; }

signals:
    void courseReady();
    void courseFailed(const QString &message);

private:
    TumourCourseProvider provider_;
    TumourCourseOutcome outcome_;
    QStringList folders_;
    std::unique_ptr<core::Job> job_;
    QLabel *summary_ = nullptr;
    TumourCourseChart *chart_ = nullptr;
    QTableWidget *table_ = nullptr;
    QLabel *warnings_ = nullptr;
    QProgressBar *progress_ = nullptr;
    QPushButton *cancel_ = nullptr;
    QPushButton *recompute_ = nullptr;
};

}  // namespace twin::ui
