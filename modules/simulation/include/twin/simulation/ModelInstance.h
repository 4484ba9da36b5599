#pragma once
// ModelInstance: one IModel made by a plugin, with its metadata, its parameter values (by id,
// defaults from model.json), its tables and a guard around every call into plugin code.
//
// Guard: after initialise(), each step() and each apply() the outputs are read and checked;
// the first NaN or infinity disables the instance with a message naming the model, the output
// and the time ("tumour: output tcp became NaN at t = 12.5 d; the model is disabled"). A
// disabled instance is no longer stepped and reports NaN outputs; the run carries on without
// it. Every call into the plugin also sits in a try/catch: the SDK declares the IModel methods
// noexcept, so a throwing plugin terminates in its own frame and the catch cannot fire for a
// conforming build — it is kept as a defence for plugins compiled without that guarantee and
// for the host's own work around the call (vector copies of states).
//
// Hot path: setInputs(), step() and outputs() allocate nothing and touch no QString unless a
// fault is found.

#include "twin/core/Result.h"
#include "twin/sim_api/IModel.h"
#include "twin/simulation/LoadedModel.h"
#include "twin/simulation/ModelMetadata.h"

#include <QString>

#include <memory>
#include <span>
#include <vector>

namespace twin::simulation {

class ModelInstance {
public:
    /// A fresh instance from a loaded plugin; `instanceId` defaults to the model id (it must be
    /// an id, [a-z][a-z0-9_]*, so that "<instance>.<output>" names a signal unambiguously).
    static core::Result<std::unique_ptr<ModelInstance>> create(const LoadedModel &model,
                                                               const QString &instanceId = {});
    /// An instance of a model that is not a plugin (tests, models compiled into the host).
    /// `keepAlive` is released after the model is destroyed (e.g. the library holding its code).
    ModelInstance(QString instanceId, std::shared_ptr<const ModelMetadata> metadata,
                  std::unique_ptr<sim_api::IModel> model, std::shared_ptr<void> keepAlive = {});
    ~ModelInstance();
    ModelInstance(const ModelInstance &) = delete;
    ModelInstance &operator=(const ModelInstance &) = delete;

    const QString &id() const { return id_; }
    const ModelMetadata &metadata() const { return *metadata_; }
    const std::shared_ptr<const ModelMetadata> &sharedMetadata() const { return metadata_; }

    /// By parameter id, in the declared unit; takes effect at the next initialise(). Values
    /// outside [min, max] are kept (the simulator warns); non-integral values of an integer
    /// parameter and unknown ids are errors.
    core::Status setParameter(const QString &parameterId, double value);
    core::Result<double> parameter(const QString &parameterId) const;
    /// All values in declared order (the count must match).
    core::Status setParameters(std::span<const double> values);
    std::span<const double> parameters() const { return parameters_; }

    /// By table id; takes effect at the next initialise(). An empty table means "none".
    core::Status setTable(const QString &tableId, sim_api::Table table);
    bool hasTable(int tableIndex) const;

    /// Passes parameters and tables, initialises the model (a fresh run) and checks outputs.
    void initialise();
    /// Inputs in declared order, held by the model until the next call.
    void setInputs(std::span<const double> values) noexcept;
    /// Advances by dtDays (unless disabled); `timeAfterDays` is only used in a fault message.
    void step(double dtDays, double timeAfterDays) noexcept;
    /// Hands the action to the model; false when it declined it. Outputs are re-read.
    bool apply(const sim_api::Action &action, double timeDays);
    /// Outputs in declared order after the last initialise(), step() or apply().
    std::span<const double> outputs() const { return outputs_; }

    bool enabled() const { return enabled_; }
    const QString &faultMessage() const { return fault_; }
    /// Disables the instance from now on (outputs become NaN).
    void disable(const QString &message);

    std::vector<double> saveState() const;
    /// Parameters must have been initialise()d already; outputs are re-read.
    core::Status restoreState(std::span<const double> state, double timeDays);

private:
    void readOutputs(double timeDays, const char *after) noexcept;
    void reportFault(int outputIndex, double value, double timeDays, const char *after);

    QString id_;
    std::shared_ptr<const ModelMetadata> metadata_;
    std::unique_ptr<sim_api::IModel> model_;
    std::shared_ptr<void> keepAlive_;
    std::vector<double> parameters_;
    std::vector<sim_api::Table> tables_;
    std::vector<double> outputs_;
    bool enabled_ = true;
    QString fault_;
};

}  // namespace twin::simulation
