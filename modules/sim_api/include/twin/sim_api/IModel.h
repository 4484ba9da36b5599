#pragma once
// IModel: one physiological model instance, stepped by the host's engine.
//
// Contract (what the host guarantees and what the model must do):
// - Values travel as plain doubles in the units and the order declared in the plugin's
//   model.json ("parameters", "inputs", "outputs", "tables"). No Qt, VTK or ITK type and no
//   exception crosses this boundary: every method is noexcept; a model that cannot go on
//   reports it through outputs (NaN) and the host disables it with a message.
// - Call order: setParameters() and setTable() (any number of times), then initialise();
//   then any sequence of setInputs(), step(), apply(), outputs(), saveState()/restoreState().
//   After a parameter change the host calls initialise() again (a fresh run).
// - Time: the model owns no clock. step(dt) advances its state by dt days with the inputs
//   held at their last values; apply() acts at the current time, between steps. Nothing may
//   read wall time or unseeded randomness: headless runs must be bit-identical.
// - State: saveState() returns everything that determines the future (including infusion
//   rates and anything apply() changed); restoreState() of it gives a bit-identical
//   continuation, so a scenario can branch from any time.
// - Linear systems should be propagated exactly (matrix exponential or closed forms); other
//   ODEs through a library integrator (Boost.Odeint); no hand-written general integrators.

#include "twin/sim_api/Action.h"
#include "twin/sim_api/Table.h"

#include <cstddef>
#include <span>
#include <vector>

namespace twin::sim_api {

class IModel {
public:
    virtual ~IModel() = default;

    /// Parameter values in model.json "parameters" order (the host has checked the count;
    /// values outside [min, max] are passed on and flagged by the host, not clamped).
    virtual void setParameters(std::span<const double> values) noexcept = 0;
    /// Table `index` of model.json "tables" (empty = not available).
    virtual void setTable(std::size_t index, const Table &table) noexcept = 0;
    /// Sets the state at scenario time 0 from the parameters and tables.
    virtual void initialise() noexcept = 0;

    /// Input values in model.json "inputs" order, held until the next call.
    virtual void setInputs(std::span<const double> values) noexcept = 0;
    /// Advances the state by dtDays > 0.
    virtual void step(double dtDays) noexcept = 0;
    /// Applies an action of a kind listed in model.json "actions" at the current time;
    /// false when this model does not take it (the host then reports it, once).
    virtual bool apply(const Action &action) noexcept = 0;
    /// Writes the current outputs, in model.json "outputs" order, into `out` (sized by the host).
    virtual void outputs(std::span<double> out) const noexcept = 0;

    virtual std::vector<double> saveState() const noexcept = 0;
    /// False when `state` is not one this model saved (wrong size); the state is then unchanged.
    virtual bool restoreState(std::span<const double> state) noexcept = 0;
};

}  // namespace twin::sim_api
