#pragma once
// EngineShared: what the Engine's caller threads and the engine thread share: the inbox of
// posted actions (mutex; an atomic flag lets the step loop test it without locking), the
// latest snapshot (atomic shared_ptr swap) and the "a signal is queued" flag that coalesces
// snapshotPublished().

#include "twin/sim_api/Action.h"
#include "twin/simulation/EngineSnapshot.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace twin::simulation {

struct EngineShared {
    std::mutex inboxMutex;
    std::vector<sim_api::Action> inbox;
    std::atomic<bool> inboxFilled{false};

    std::atomic<std::shared_ptr<const EngineSnapshot>> snapshot;
    std::atomic<bool> signalQueued{false};

    void post(sim_api::Action action) {
        std::lock_guard lock(inboxMutex);
        inbox.push_back(std::move(action));
        inboxFilled.store(true, std::memory_order_release);
    }
    std::vector<sim_api::Action> takeInbox() {
        std::lock_guard lock(inboxMutex);
        inboxFilled.store(false, std::memory_order_relaxed);
        return std::exchange(inbox, {});
    }
};

}  // namespace twin::simulation
