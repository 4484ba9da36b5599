#pragma once
// Job: long work (import, meshing, simulation batches) off the GUI thread.
//
// The work function runs on a QThreadPool thread with a JobContext for progress and
// cancellation. Signals are emitted on the thread the Job lives in (the GUI thread), queued,
// so slots may touch widgets. Progress is polled at a fixed rate rather than signalled from
// the worker on every call, so a chatty worker cannot flood the event loop.
// Destroying a running Job cancels it and waits for the worker to stop.

#include "twin/core/Error.h"
#include "twin/core/JobContext.h"
#include "twin/core/Result.h"

#include <QFuture>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class QThreadPool;

namespace twin::core {

class Job : public QObject {
    Q_OBJECT
public:
    using Work = std::function<Status(JobContext &)>;
    enum class State { Idle, Running, Finished, Failed, Cancelled };

    Job(QString title, Work work, QObject *parent = nullptr);
    ~Job() override;

    const QString &title() const { return title_; }
    State state() const { return state_; }
    bool isRunning() const { return state_ == State::Running; }
    double progress() const;
    QString stage() const;
    /// The error of a failed job (Code::Cancelled after a cancel).
    const Error &error() const { return error_; }

    /// Starts on `pool` (the global pool by default). A job runs once.
    void start(QThreadPool *pool = nullptr);
    /// Asks the work to stop; it ends with cancelled() at its next cancellation check. The
    /// work should return Error::cancelled() when it sees JobContext::isCancelled(); if it
    /// returns success instead, the job still ends cancelled (it may have stopped early).
    /// A work function that never checks runs to its end and then reports cancelled().
    /// Once the work has returned, cancel() changes nothing.
    void cancel();
    /// Blocks until the work has returned and the outcome signal was emitted (tests, CLI).
    void waitForDone();

signals:
    void progressChanged(double fraction, const QString &stage);
    void finished();
    void failed(const twin::core::Error &error);
    void cancelled();
    /// Emitted after any of finished/failed/cancelled.
    void done();

private:
    void pollProgress();
    void complete(const Status &status);

    QString title_;
    Work work_;
    std::shared_ptr<JobContext> context_;
    QFuture<void> future_;
    QTimer progressTimer_;  // child of the job, so moveToThread() takes it along
    State state_ = State::Idle;
    Error error_;
    double lastReportedProgress_ = -1.0;
    QString lastReportedStage_;
};

}  // namespace twin::core
