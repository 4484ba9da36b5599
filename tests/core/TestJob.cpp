// Job: work on a pool thread, outcome signals on the owning thread, progress, cancellation,
// exceptions, destruction while running, and an event loop that keeps running meanwhile.

#include "TestMain.h"

#include "twin/core/Job.h"
#include "twin/core/JobContext.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <limits>
#include <stdexcept>

using namespace twin::core;

namespace {

constexpr int kSafetyMs = 10000;  // no test work runs longer than this, even if never cancelled

/// Work that reports it has started, then polls for cancellation until asked (or the safety
/// limit). Returns Error::cancelled() when `returnCancelled`, else success.
Job::Work pollUntilCancelled(std::atomic<bool> &started, std::atomic<bool> &returned, bool returnCancelled = true) {
    return [&started, &returned, returnCancelled](JobContext &context) -> Status {
        started = true;
        QElapsedTimer clock;
        clock.start();
        Status status;
        while (!context.isCancelled() && clock.elapsed() < kSafetyMs) QThread::msleep(2);
        if (context.isCancelled() && returnCancelled) status = Error::cancelled();
        returned = true;
        return status;
    };
}

}  // namespace

class TestJob : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void finishedIsEmittedOnTheOwningThread();
    void progressIncreasesToTheFinalValue();
    void failedCarriesTheError();
    void cancelEndsCancelled_data();
    void cancelEndsCancelled();
    void exceptionBecomesInternalFailure_data();
    void exceptionBecomesInternalFailure();
    void deletingARunningJobWaitsForTheWork();
    void deletingARunningJobThatIgnoresCancelWaits();
    void deletingTheJobFromAnOutcomeSlotIsSafe();
    void eventLoopKeepsRunningWhileAJobRuns();
    void waitForDoneDeliversTheOutcome();
    void startsOnlyOnce();
    void cancelBeforeStartOrAfterDoneChangesNothing();
    void contextClampsProgress();
};

void TestJob::finishedIsEmittedOnTheOwningThread() {
    QThread *const mainThread = QThread::currentThread();
    std::atomic<QThread *> workerThread{nullptr};
    Job job(QStringLiteral("thread check"), [&workerThread](JobContext &) -> Status {
        workerThread = QThread::currentThread();
        return {};
    });

    QThread *finishedOn = nullptr;
    QThread *doneOn = nullptr;
    int order = 0, finishedAt = 0, doneAt = 0;
    connect(&job, &Job::finished, this, [&] {
        finishedOn = QThread::currentThread();
        finishedAt = ++order;
    });
    connect(&job, &Job::done, this, [&] {
        doneOn = QThread::currentThread();
        doneAt = ++order;
    });
    QSignalSpy failedSpy(&job, &Job::failed);
    QSignalSpy cancelledSpy(&job, &Job::cancelled);

    QCOMPARE(job.state(), Job::State::Idle);
    job.start();
    QVERIFY(job.isRunning());
    QTRY_COMPARE(job.state(), Job::State::Finished);

    QVERIFY(workerThread.load() != nullptr);
    QVERIFY(workerThread.load() != mainThread);
    QCOMPARE(finishedOn, mainThread);
    QCOMPARE(doneOn, mainThread);
    QCOMPARE(finishedAt, 1);
    QCOMPARE(doneAt, 2);
    QCOMPARE(failedSpy.count(), 0);
    QCOMPARE(cancelledSpy.count(), 0);
    QVERIFY(!job.isRunning());
}

void TestJob::progressIncreasesToTheFinalValue() {
    constexpr int kSteps = 20;
    Job job(QStringLiteral("progress"), [](JobContext &context) -> Status {
        for (int i = 1; i <= kSteps; ++i) {
            QThread::msleep(10);
            context.setProgress(double(i) / kSteps, QStringLiteral("step %1").arg(i));
        }
        return {};
    });

    QList<double> fractions;
    QStringList stages;
    bool emittedOnMainThread = true;
    connect(&job, &Job::progressChanged, this, [&](double fraction, const QString &stage) {
        fractions << fraction;
        stages << stage;
        emittedOnMainThread = emittedOnMainThread && QThread::currentThread() == thread();
    });
    QSignalSpy finishedSpy(&job, &Job::finished);

    job.start();
    QTRY_COMPARE(finishedSpy.count(), 1);

    QVERIFY(emittedOnMainThread);
    QVERIFY(fractions.size() >= 2);  // ~200 ms of work polled every 50 ms, plus the final value
    QVERIFY(fractions.first() < fractions.last());
    for (qsizetype i = 1; i < fractions.size(); ++i) {
        QVERIFY2(fractions[i] >= fractions[i - 1],
                 qPrintable(QStringLiteral("progress went from %1 to %2").arg(fractions[i - 1]).arg(fractions[i])));
    }
    QCOMPARE(fractions.last(), 1.0);
    QCOMPARE(stages.last(), QStringLiteral("step %1").arg(kSteps));
    QCOMPARE(job.progress(), 1.0);
    QCOMPARE(job.stage(), QStringLiteral("step %1").arg(kSteps));
}

void TestJob::failedCarriesTheError() {
    Job job(QStringLiteral("failing"), [](JobContext &) -> Status {
        return Error::io(QStringLiteral("disk full")).inFile(QStringLiteral("/tmp/ct/1.dcm"));
    });
    QSignalSpy failedSpy(&job, &Job::failed);
    QSignalSpy finishedSpy(&job, &Job::finished);
    QSignalSpy doneSpy(&job, &Job::done);

    job.start();
    QTRY_COMPARE(doneSpy.count(), 1);

    QCOMPARE(failedSpy.count(), 1);
    QCOMPARE(finishedSpy.count(), 0);
    const auto error = failedSpy.at(0).at(0).value<Error>();
    QCOMPARE(error.code(), Error::Code::Io);
    QCOMPARE(error.message(), QStringLiteral("/tmp/ct/1.dcm: disk full"));
    QCOMPARE(job.state(), Job::State::Failed);
    QCOMPARE(job.error().message(), QStringLiteral("/tmp/ct/1.dcm: disk full"));
}

void TestJob::cancelEndsCancelled_data() {
    QTest::addColumn<bool>("workReturnsCancelledError");
    QTest::newRow("work returns Error::cancelled()") << true;
    QTest::newRow("work stops early and returns success") << false;
}

void TestJob::cancelEndsCancelled() {
    QFETCH(bool, workReturnsCancelledError);
    std::atomic<bool> started{false}, returned{false};
    Job job(QStringLiteral("cancellable"), pollUntilCancelled(started, returned, workReturnsCancelledError));
    QSignalSpy cancelledSpy(&job, &Job::cancelled);
    QSignalSpy finishedSpy(&job, &Job::finished);
    QSignalSpy failedSpy(&job, &Job::failed);
    QSignalSpy doneSpy(&job, &Job::done);

    job.start();
    QTRY_VERIFY(started.load());
    QVERIFY(job.isRunning());
    job.cancel();
    QTRY_COMPARE(cancelledSpy.count(), 1);

    QVERIFY(returned.load());
    QCOMPARE(job.state(), Job::State::Cancelled);
    QCOMPARE(job.error().code(), Error::Code::Cancelled);
    QCOMPARE(finishedSpy.count(), 0);
    QCOMPARE(failedSpy.count(), 0);
    QCOMPARE(doneSpy.count(), 1);
}

void TestJob::exceptionBecomesInternalFailure_data() {
    QTest::addColumn<bool>("standardException");
    QTest::addColumn<QString>("expectedMessage");
    QTest::newRow("std::runtime_error") << true << "unexpected exception: mesh has no faces";
    QTest::newRow("not a std::exception") << false << "unexpected exception";
}

void TestJob::exceptionBecomesInternalFailure() {
    QFETCH(bool, standardException);
    QFETCH(QString, expectedMessage);
    Job job(QStringLiteral("throwing"), [standardException](JobContext &) -> Status {
        if (standardException) throw std::runtime_error("mesh has no faces");
        throw 42;
    });
    QSignalSpy failedSpy(&job, &Job::failed);
    QSignalSpy finishedSpy(&job, &Job::finished);

    job.start();
    QTRY_COMPARE(failedSpy.count(), 1);

    const auto error = failedSpy.at(0).at(0).value<Error>();
    QCOMPARE(error.code(), Error::Code::Internal);
    QCOMPARE(error.message(), expectedMessage);
    QCOMPARE(job.state(), Job::State::Failed);
    QCOMPARE(finishedSpy.count(), 0);
}

void TestJob::deletingARunningJobWaitsForTheWork() {
    std::atomic<bool> started{false}, returned{false};
    QPointer<Job> job = new Job(QStringLiteral("deleted while running"), pollUntilCancelled(started, returned));
    bool anyOutcome = false;
    connect(job, &Job::done, this, [&anyOutcome] { anyOutcome = true; });

    job->start();
    QTRY_VERIFY(started.load());
    QVERIFY(!returned.load());

    QElapsedTimer clock;
    clock.start();
    delete job;
    QVERIFY(job.isNull());
    QVERIFY(returned.load());  // the destructor cancelled the work and waited for it
    QVERIFY2(clock.elapsed() < kSafetyMs / 2, "the destructor did not cancel the work");

    QTest::qWait(100);  // a completion posted by the worker must not reach the dead job
    QVERIFY(!anyOutcome);
}

void TestJob::deletingARunningJobThatIgnoresCancelWaits() {
    std::atomic<bool> started{false}, returned{false};
    auto *job = new Job(QStringLiteral("ignores cancel"), [&](JobContext &) -> Status {
        started = true;
        QThread::msleep(200);
        returned = true;
        return {};
    });
    job->start();
    QTRY_VERIFY(started.load());
    delete job;
    QVERIFY(returned.load());
    QTest::qWait(50);
}

void TestJob::deletingTheJobFromAnOutcomeSlotIsSafe() {
    QPointer<Job> job = new Job(QStringLiteral("deleted by its slot"), [](JobContext &) -> Status { return {}; });
    bool finishedSeen = false;
    bool doneSeen = false;
    connect(job, &Job::finished, this, [&] {
        finishedSeen = true;
        delete job.data();  // not deleteLater: complete() must notice and stop emitting
    });
    connect(job, &Job::done, this, [&doneSeen] { doneSeen = true; });

    job->start();
    QTRY_VERIFY(finishedSeen);
    QVERIFY(job.isNull());
    QVERIFY(!doneSeen);
}

void TestJob::eventLoopKeepsRunningWhileAJobRuns() {
    Job job(QStringLiteral("slow"), [](JobContext &context) -> Status {
        for (int i = 1; i <= 40; ++i) {
            QThread::msleep(10);
            context.setProgress(i / 40.0);
        }
        return {};
    });
    int ticks = 0;
    int ticksWhileRunning = 0;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, this, [&] {
        ++ticks;
        if (job.isRunning()) ++ticksWhileRunning;
    });
    QSignalSpy doneSpy(&job, &Job::done);

    timer.start();
    job.start();
    QTRY_COMPARE(doneSpy.count(), 1);
    timer.stop();

    // ~400 ms of work against a 10 ms timer: a blocked loop would give (almost) no ticks.
    QVERIFY2(ticksWhileRunning >= 10, qPrintable(QStringLiteral("only %1 ticks while running").arg(ticksWhileRunning)));
    QVERIFY(ticks >= ticksWhileRunning);
    QCOMPARE(job.state(), Job::State::Finished);
}

void TestJob::waitForDoneDeliversTheOutcome() {
    Job job(QStringLiteral("waited for"), [](JobContext &context) -> Status {
        QThread::msleep(100);
        context.setProgress(1.0, QStringLiteral("done"));
        return {};
    });
    QSignalSpy finishedSpy(&job, &Job::finished);
    QSignalSpy doneSpy(&job, &Job::done);

    job.waitForDone();  // not started: returns at once
    QCOMPARE(job.state(), Job::State::Idle);

    job.start();
    job.waitForDone();
    QCOMPARE(job.state(), Job::State::Finished);
    QCOMPARE(finishedSpy.count(), 1);
    QCOMPARE(doneSpy.count(), 1);
    QCOMPARE(job.progress(), 1.0);

    QTest::qWait(20);  // nothing more is delivered afterwards
    QCOMPARE(finishedSpy.count(), 1);
}

void TestJob::startsOnlyOnce() {
    std::atomic<int> runs{0};
    Job job(QStringLiteral("once"), [&runs](JobContext &) -> Status {
        ++runs;
        return {};
    });
    QSignalSpy doneSpy(&job, &Job::done);
    job.start();
    job.start();
    QTRY_COMPARE(doneSpy.count(), 1);
    job.start();
    QTest::qWait(50);
    QCOMPARE(runs.load(), 1);
    QCOMPARE(doneSpy.count(), 1);
    QCOMPARE(job.title(), QStringLiteral("once"));
}

void TestJob::cancelBeforeStartOrAfterDoneChangesNothing() {
    Job job(QStringLiteral("quick"), [](JobContext &context) -> Status {
        return context.isCancelled() ? Status(Error::cancelled()) : Status();
    });
    QSignalSpy finishedSpy(&job, &Job::finished);
    job.cancel();  // idle: ignored
    job.start();
    QTRY_COMPARE(finishedSpy.count(), 1);
    job.cancel();  // done: ignored
    QCOMPARE(job.state(), Job::State::Finished);
}

void TestJob::contextClampsProgress() {
    JobContext context;
    QCOMPARE(context.progress(), 0.0);
    QVERIFY(context.stage().isNull());
    context.setProgress(0.25, QStringLiteral("Reading"));
    QCOMPARE(context.progress(), 0.25);
    QCOMPARE(context.stage(), QStringLiteral("Reading"));
    context.setProgress(1.5);
    QCOMPARE(context.progress(), 1.0);
    QCOMPARE(context.stage(), QStringLiteral("Reading"));  // a null stage keeps the current one
    context.setProgress(-0.5, QStringLiteral("Writing"));
    QCOMPARE(context.progress(), 0.0);
    QCOMPARE(context.stage(), QStringLiteral("Writing"));
    context.setProgress(0.5);
    context.setProgress(std::numeric_limits<double>::quiet_NaN());
    QCOMPARE(context.progress(), 0.5);
    QVERIFY(!context.isCancelled());
    context.requestCancel();
    QVERIFY(context.isCancelled());
}

DIDYMOS_TEST_MAIN(TestJob)
#include "TestJob.moc"
