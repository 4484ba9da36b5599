#pragma once
// Status-bar progress for the running Job: stage text, a progress bar and a Cancel button
// (Esc). Hidden when nothing runs.

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace twin::core {
class Job;
}

namespace twin::ui {

class JobStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit JobStatusWidget(QWidget *parent = nullptr);
    void track(core::Job *job);
    QPushButton *cancelButton() const { return cancel_; }
    int progressPercent() const;

private:
    void onProgress(double fraction, const QString &stage);
    void onDone();

    QPointer<core::Job> job_;
    QLabel *stage_ = nullptr;
    QProgressBar *bar_ = nullptr;
    QPushButton *cancel_ = nullptr;
};

}  // namespace twin::ui
