// EngineWorker: see EngineWorker.h and Engine.h.

#include "engine/EngineWorker.h"

#include <cmath>

namespace twin::simulation {

namespace {
constexpr int kTickMs = 16;
}

EngineWorker::EngineWorker(std::unique_ptr<Simulator> simulator, std::shared_ptr<EngineShared> shared)
    : simulator_(std::move(simulator)), shared_(std::move(shared)), timer_(this) {
    timer_.setInterval(kTickMs);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &EngineWorker::tick);
}

EngineWorker::~EngineWorker() = default;

core::Status EngineWorker::initialise(const EngineState *state) {
    const core::Status status = state ? simulator_->restoreState(*state) : simulator_->initialise();
    if (status.ok()) publish();
    return status;
}

void EngineWorker::advanceTo(double timeDays) {
    if (!simulator_ || !simulator_->initialised()) return;
    advanceStepwise(timeDays);
    drainInbox();
    publish();
}

void EngineWorker::play(double simulatedDaysPerSecond, double stopAtDays) {
    if (!simulator_ || !simulator_->initialised() || !(simulatedDaysPerSecond > 0.0)) return;
    speed_ = simulatedDaysPerSecond;
    stopAt_ = stopAtDays >= 0.0 ? stopAtDays : simulator_->options().horizonDays;
    playTarget_ = simulator_->timeDays();
    wall_.start();
    timer_.start();
    publish();
}

void EngineWorker::pause() {
    if (!timer_.isActive()) return;
    timer_.stop();
    publish();
}

void EngineWorker::tick() {
    const double elapsedSeconds = static_cast<double>(wall_.nsecsElapsed()) * 1e-9;
    wall_.start();
    playTarget_ = std::min(playTarget_ + elapsedSeconds * speed_, stopAt_);
    advanceStepwise(playTarget_);
    drainInbox();
    if (playTarget_ >= stopAt_) timer_.stop();
    publish();
}

void EngineWorker::advanceStepwise(double timeDays) {
    const double dt = simulator_->options().dtDays;
    for (;;) {
        if (shared_->inboxFilled.load(std::memory_order_acquire)) drainInbox();
        const double next = static_cast<double>(simulator_->stepIndex() + 1) * dt;
        // Same grid rule as Simulator::advanceTo (floor with its tolerance): stop before passing t.
        if (simulator_->stepIndex() + 1 > static_cast<std::int64_t>(std::floor((timeDays + 1e-9) / dt))) break;
        if (!simulator_->advanceTo(next).ok()) break;
    }
}

void EngineWorker::drainInbox() {
    if (!simulator_->initialised()) return;
    std::vector<sim_api::Action> posted = shared_->takeInbox();
    if (posted.empty()) return;
    for (sim_api::Action &action : posted) (void)simulator_->addAction(std::move(action));
    (void)simulator_->applyDueActions();
}

void EngineWorker::takePosted() {
    if (!simulator_ || !shared_->inboxFilled.load(std::memory_order_acquire)) return;
    drainInbox();
    publish();
}

EngineState EngineWorker::saveState() {
    drainInbox();
    return simulator_->saveState();
}

void EngineWorker::shutdown() {
    timer_.stop();
    simulator_.reset();
}

void EngineWorker::publish() {
    auto snapshot = std::make_shared<EngineSnapshot>();
    snapshot->sequence = ++sequence_;
    snapshot->timeDays = simulator_->timeDays();
    snapshot->stepIndex = simulator_->stepIndex();
    snapshot->playing = timer_.isActive();
    snapshot->signalIds = simulator_->signalIds();
    snapshot->latest = simulator_->currentOutputs();
    snapshot->recorded = simulator_->result();
    shared_->snapshot.store(std::move(snapshot), std::memory_order_release);
    if (!shared_->signalQueued.exchange(true, std::memory_order_acq_rel)) emit published();
}

}  // namespace twin::simulation
