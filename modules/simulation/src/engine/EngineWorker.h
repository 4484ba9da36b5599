#pragma once
// EngineWorker: the Engine's work on the engine thread — owns the Simulator (and so the model
// instances), steps it one grid step at a time, takes posted actions between steps, runs the
// play timer and publishes snapshots. Its methods are called on the engine thread only, by
// queued invocations from Engine.

#include "engine/EngineShared.h"
#include "twin/core/Result.h"
#include "twin/simulation/EngineState.h"
#include "twin/simulation/Simulator.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace twin::simulation {

class EngineWorker : public QObject {
    Q_OBJECT
public:
    EngineWorker(std::unique_ptr<Simulator> simulator, std::shared_ptr<EngineShared> shared);
    ~EngineWorker() override;

    core::Status initialise(const EngineState *state);
    void advanceTo(double timeDays);
    void play(double simulatedDaysPerSecond, double stopAtDays);
    void pause();
    /// Applies posted actions at the current boundary and publishes (the engine is idle).
    void takePosted();
    EngineState saveState();
    /// Destroys the simulator and its models on this thread.
    void shutdown();

signals:
    void published();

private:
    void tick();
    /// Steps to the grid time floor(t / dt) one step at a time, taking posted actions between.
    void advanceStepwise(double timeDays);
    void drainInbox();
    void publish();

    std::unique_ptr<Simulator> simulator_;
    std::shared_ptr<EngineShared> shared_;
    QTimer timer_;
    QElapsedTimer wall_;
    double speed_ = 0.0;
    double playTarget_ = 0.0;
    double stopAt_ = 0.0;
    std::uint64_t sequence_ = 0;
};

}  // namespace twin::simulation
