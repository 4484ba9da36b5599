#pragma once
// Engine: a Simulator on its own thread, for the GUI. The GUI never calls into a model: it
// posts actions and asks the engine to advance or play; the engine publishes immutable
// snapshots that the GUI pulls when it draws (e.g. on its 60 Hz timer).
//
//   Engine engine(std::move(simulator));        // models, tables, scheduled actions set up
//   engine.start();                             // initialise() on the engine thread, publishes t = 0
//   engine.post({0.0, "iv_bolus", "", 100.0});  // applied at the next step boundary, in order
//   engine.play(7.0);                           // one simulated week per wall second
//   auto snapshot = engine.latestSnapshot();    // any thread, never blocks the engine
//
// Threads: the simulator and its model instances live on the engine thread (created by the
// Engine, stopped and joined by its destructor, which destroys the models there). Every method
// of Engine is thread-safe. post(), advanceTo(), play() and pause() return at once; start()
// and saveState() wait for the engine thread.
//
// Boundaries: the engine steps one grid step at a time and takes posted actions between two
// steps; an action dated before the engine's time applies at its time now (the Simulator's
// rule). Posted while the engine is idle, an action applies at once, at the current boundary,
// and is published.
//
// Time: simulation time never comes from wall time. play(speed) only decides how far to
// advance: every tick (16 ms) the target moves by elapsed wall seconds × speed, and the engine
// advances whole grid steps up to it, so the states it passes through are those of a headless
// run with the same actions at the same times.
//
// Publishing: after each advance call, each play tick and each idle action the engine builds
// an EngineSnapshot and swaps it in atomically (std::atomic<std::shared_ptr>). One queued
// snapshotPublished() signal is outstanding at most; it carries nothing, pull the snapshot.

#include "twin/core/Result.h"
#include "twin/sim_api/Action.h"
#include "twin/simulation/EngineSnapshot.h"
#include "twin/simulation/EngineState.h"
#include "twin/simulation/Simulator.h"

#include <QObject>

#include <memory>

class QThread;

namespace twin::simulation {

class EngineWorker;
struct EngineShared;

class Engine : public QObject {
    Q_OBJECT
public:
    /// Takes a simulator that is set up (models added, parameters, tables, actions) but not
    /// run; it is initialised on the engine thread by start().
    explicit Engine(std::unique_ptr<Simulator> simulator, QObject *parent = nullptr);
    ~Engine() override;

    /// Starts the thread and initialises the simulator (t = 0); publishes the first snapshot.
    core::Status start();
    /// As start(), continuing from a saved state instead (a branch).
    core::Status start(const EngineState &state);

    void post(sim_api::Action action);
    /// Advances to the grid time floor(t / dt); a time before now does nothing.
    void advanceTo(double timeDays);
    /// Advances continuously at `simulatedDaysPerSecond` until pause() or `stopAtDays`
    /// (default: the simulator's horizon).
    void play(double simulatedDaysPerSecond, double stopAtDays = -1.0);
    void pause();

    std::shared_ptr<const EngineSnapshot> latestSnapshot() const;
    /// The state at the engine's current step boundary, posted actions included. Waits for the
    /// engine thread (up to one play tick or the advance in progress).
    EngineState saveState();
    /// Waits until every call made before it has been processed (tests, CLI).
    void sync();
    QThread *engineThread() const;

signals:
    /// A new snapshot is available; at most one is queued at a time.
    void snapshotPublished();

private:
    void relayPublished();

    std::shared_ptr<EngineShared> shared_;
    std::unique_ptr<QThread> thread_;
    std::unique_ptr<EngineWorker> worker_;
    bool started_ = false;
};

}  // namespace twin::simulation
