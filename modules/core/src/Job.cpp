#include "twin/core/Job.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace twin::core {

namespace {
constexpr int kProgressPollMs = 50;  // 20 Hz is smooth for a progress bar
}

Job::Job(QString title, Work work, QObject *parent)
    : QObject(parent), title_(std::move(title)), work_(std::move(work)),
      context_(std::make_shared<JobContext>()), progressTimer_(this) {
    progressTimer_.setInterval(kProgressPollMs);
    connect(&progressTimer_, &QTimer::timeout, this, &Job::pollProgress);
}

Job::~Job() {
    // Cancel and wait even when the state reads done: the worker may still be returning from
    // the task, and waiting takes the future's mutex, so its last touch happens before ours.
    context_->requestCancel();
    future_.waitForFinished();
}

double Job::progress() const { return context_->progress(); }
QString Job::stage() const { return context_->stage(); }

void Job::start(QThreadPool *pool) {
    if (state_ != State::Idle) return;
    state_ = State::Running;
    auto context = context_;
    auto work = work_;
    future_ = QtConcurrent::run(pool ? pool : QThreadPool::globalInstance(), [this, context, work] {
        Status status;
        try {
            status = work(*context);
        } catch (const std::exception &e) {
            status = Error::internal(QStringLiteral("unexpected exception: %1").arg(QString::fromUtf8(e.what())));
        } catch (...) {
            status = Error::internal(QStringLiteral("unexpected exception"));
        }
        // Work that saw the cancel request and stopped early may still return success; a
        // cancelled job must not look complete, so success after a cancel reads as cancelled.
        if (status.ok() && context->isCancelled()) status = Error::cancelled();
        // ~Job waits for this worker, so `this` is alive while we post.
        QMetaObject::invokeMethod(this, [this, status] { complete(status); }, Qt::QueuedConnection);
    });
    progressTimer_.start();
}

void Job::cancel() {
    if (state_ == State::Running) context_->requestCancel();
}

void Job::waitForDone() {
    while (state_ == State::Running) {
        future_.waitForFinished();
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    }
}

void Job::pollProgress() {
    const double fraction = context_->progress();
    const QString stage = context_->stage();
    if (fraction != lastReportedProgress_ || stage != lastReportedStage_) {
        lastReportedProgress_ = fraction;
        lastReportedStage_ = stage;
        emit progressChanged(fraction, stage);
    }
}

void Job::complete(const Status &status) {
    // A slot may delete the job (plain delete, not deleteLater) while we emit; stop then.
    const QPointer<Job> self(this);
    progressTimer_.stop();
    pollProgress();
    if (!self) return;
    if (status.ok()) {
        state_ = State::Finished;
        emit finished();
    } else if (status.error().code() == Error::Code::Cancelled) {
        state_ = State::Cancelled;
        error_ = status.error();
        emit cancelled();
    } else {
        state_ = State::Failed;
        error_ = status.error();
        emit failed(error_);
    }
    if (self) emit done();
}

}  // namespace twin::core
