// Engine: the thread-safe face of EngineWorker (see Engine.h).

#include "twin/simulation/Engine.h"

#include "engine/EngineShared.h"
#include "engine/EngineWorker.h"

#include <QMetaObject>
#include <QThread>

namespace twin::simulation {

namespace {
/// Runs `work` on the engine thread and waits for it (directly when already there: a blocking
/// queued call to one's own thread would deadlock).
template <typename Work>
void runOnEngine(EngineWorker *worker, QThread *thread, Work &&work) {
    if (QThread::currentThread() == thread) {
        work();
    } else {
        QMetaObject::invokeMethod(worker, std::forward<Work>(work), Qt::BlockingQueuedConnection);
    }
}
}  // namespace

Engine::Engine(std::unique_ptr<Simulator> simulator, QObject *parent)
    : QObject(parent),
      shared_(std::make_shared<EngineShared>()),
      thread_(std::make_unique<QThread>()),
      worker_(std::make_unique<EngineWorker>(std::move(simulator), shared_)) {
    thread_->setObjectName(QStringLiteral("didymos-engine"));
    worker_->moveToThread(thread_.get());
    connect(worker_.get(), &EngineWorker::published, this, &Engine::relayPublished, Qt::QueuedConnection);
}

Engine::~Engine() {
    if (started_) {
        runOnEngine(worker_.get(), thread_.get(), [w = worker_.get()] { w->shutdown(); });
        thread_->quit();
        thread_->wait();
    }
    // The thread has finished (or never ran): the worker processes no events and can go here.
    worker_.reset();
}

core::Status Engine::start() {
    return start(EngineState{});
}

core::Status Engine::start(const EngineState &state) {
    if (started_) return core::Error::internal(QStringLiteral("the engine is already started"));
    const bool restore = !state.models.empty();
    thread_->start();
    started_ = true;
    core::Status status;
    runOnEngine(worker_.get(), thread_.get(), [&] { status = worker_->initialise(restore ? &state : nullptr); });
    return status;
}

void Engine::post(sim_api::Action action) {
    shared_->post(std::move(action));
    QMetaObject::invokeMethod(
        worker_.get(), [w = worker_.get()] { w->takePosted(); }, Qt::QueuedConnection);
}

void Engine::advanceTo(double timeDays) {
    QMetaObject::invokeMethod(
        worker_.get(), [w = worker_.get(), timeDays] { w->advanceTo(timeDays); }, Qt::QueuedConnection);
}

void Engine::play(double simulatedDaysPerSecond, double stopAtDays) {
    QMetaObject::invokeMethod(
        worker_.get(),
        [w = worker_.get(), simulatedDaysPerSecond, stopAtDays] { w->play(simulatedDaysPerSecond, stopAtDays); },
        Qt::QueuedConnection);
}

void Engine::pause() {
    QMetaObject::invokeMethod(
        worker_.get(), [w = worker_.get()] { w->pause(); }, Qt::QueuedConnection);
}

std::shared_ptr<const EngineSnapshot> Engine::latestSnapshot() const {
    return shared_->snapshot.load(std::memory_order_acquire);
}

EngineState Engine::saveState() {
    EngineState state;
    if (!started_) return state;
    runOnEngine(worker_.get(), thread_.get(), [&] { state = worker_->saveState(); });
    return state;
}

void Engine::sync() {
    if (!started_) return;
    runOnEngine(worker_.get(), thread_.get(), [] {});
}

QThread *Engine::engineThread() const {
    return thread_.get();
}

void Engine::relayPublished() {
    shared_->signalQueued.store(false, std::memory_order_release);
    emit snapshotPublished();
}

}  // namespace twin::simulation
