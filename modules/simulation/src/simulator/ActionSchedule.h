#pragma once
// ActionSchedule: the actions still to apply, in time order with ties in the order added
// (stable), consumed from the front. Insertion is the only place that allocates; taking the
// next action does not.

#include "twin/sim_api/Action.h"

#include <algorithm>
#include <vector>

namespace twin::simulation {

class ActionSchedule {
public:
    void clear() {
        actions_.clear();
        next_ = 0;
    }
    void add(sim_api::Action action) {
        const auto at =
            std::upper_bound(actions_.begin() + static_cast<std::ptrdiff_t>(next_), actions_.end(), action.timeDays,
                             [](double t, const sim_api::Action &a) { return t < a.timeDays; });
        actions_.insert(at, std::move(action));
    }
    /// Makes every action added so far pending again (a fresh run from t = 0).
    void rewind() { next_ = 0; }
    bool empty() const { return next_ >= actions_.size(); }
    /// Time of the next action; only when !empty().
    double nextTime() const { return actions_[next_].timeDays; }
    const sim_api::Action &next() const { return actions_[next_]; }
    void pop() { ++next_; }
    std::vector<sim_api::Action> pending() const {
        return {actions_.begin() + static_cast<std::ptrdiff_t>(next_), actions_.end()};
    }

private:
    std::vector<sim_api::Action> actions_;  // applied ones stay before next_ until clear()
    std::size_t next_ = 0;
};

}  // namespace twin::simulation
