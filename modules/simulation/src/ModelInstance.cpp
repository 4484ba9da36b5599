// ModelInstance: see ModelInstance.h.

#include "twin/simulation/ModelInstance.h"

#include "metadata/MetadataReader.h"

#include <QPluginLoader>

#include <cmath>
#include <limits>

namespace twin::simulation {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

core::Result<std::unique_ptr<ModelInstance>> ModelInstance::create(const LoadedModel &model,
                                                                   const QString &instanceId) {
    if (!model.factory || !model.metadata) {
        return core::Error::internal(QStringLiteral("no factory loaded")).inFile(model.file);
    }
    const QString id = instanceId.isEmpty() ? model.metadata->id() : instanceId;
    if (!MetadataReader::isId(id)) {
        return core::Error::invalidInput(QStringLiteral("instance id \"%1\" is not an id ([a-z][a-z0-9_]*)").arg(id));
    }
    std::unique_ptr<sim_api::IModel> created;
    try {
        created = model.factory->create();
    } catch (...) {
        created.reset();
    }
    if (!created) {
        return core::Error::internal(QStringLiteral("the plugin's create() returned no model")).inFile(model.file);
    }
    return std::make_unique<ModelInstance>(id, model.metadata, std::move(created), model.library);
}

ModelInstance::ModelInstance(QString instanceId, std::shared_ptr<const ModelMetadata> metadata,
                             std::unique_ptr<sim_api::IModel> model, std::shared_ptr<void> keepAlive)
    : id_(std::move(instanceId)),
      metadata_(std::move(metadata)),
      model_(std::move(model)),
      keepAlive_(std::move(keepAlive)),
      parameters_(metadata_->defaultParameters()),
      tables_(metadata_->tables().size()),
      outputs_(metadata_->outputs().size(), 0.0) {}

ModelInstance::~ModelInstance() {
    model_.reset();  // before keepAlive_: its code lives in the library
}

core::Status ModelInstance::setParameter(const QString &parameterId, double value) {
    const int index = metadata_->parameterIndex(parameterId);
    if (index < 0) {
        return core::Error::notFound(QStringLiteral("%1 has no parameter \"%2\"").arg(id_, parameterId));
    }
    const ParameterSpec &spec = metadata_->parameters()[static_cast<std::size_t>(index)];
    if (!std::isfinite(value) || (spec.kind == ParameterKind::Integer && std::floor(value) != value)) {
        return core::Error::invalidInput(
            QStringLiteral("%1.%2: %3 is not a valid value (%4)")
                .arg(id_, parameterId)
                .arg(value)
                .arg(spec.kind == ParameterKind::Integer ? QStringLiteral("an integer") : QStringLiteral("finite")));
    }
    parameters_[static_cast<std::size_t>(index)] = value;
    return {};
}

core::Result<double> ModelInstance::parameter(const QString &parameterId) const {
    const int index = metadata_->parameterIndex(parameterId);
    if (index < 0) return core::Error::notFound(QStringLiteral("%1 has no parameter \"%2\"").arg(id_, parameterId));
    return parameters_[static_cast<std::size_t>(index)];
}

core::Status ModelInstance::setParameters(std::span<const double> values) {
    if (values.size() != parameters_.size()) {
        return core::Error::invalidInput(
            QStringLiteral("%1 takes %2 parameters, not %3").arg(id_).arg(parameters_.size()).arg(values.size()));
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        const core::Status set = setParameter(metadata_->parameters()[i].id, values[i]);
        if (!set.ok()) return set;
    }
    return {};
}

core::Status ModelInstance::setTable(const QString &tableId, sim_api::Table table) {
    const int index = metadata_->tableIndex(tableId);
    if (index < 0) return core::Error::notFound(QStringLiteral("%1 has no table \"%2\"").arg(id_, tableId));
    if (table.x.size() != table.y.size()) {
        return core::Error::invalidInput(QStringLiteral("%1 table %2: %3 x values but %4 y values")
                                             .arg(id_, tableId)
                                             .arg(table.x.size())
                                             .arg(table.y.size()));
    }
    tables_[static_cast<std::size_t>(index)] = std::move(table);
    return {};
}

bool ModelInstance::hasTable(int tableIndex) const {
    return tableIndex >= 0 && static_cast<std::size_t>(tableIndex) < tables_.size() &&
           !tables_[static_cast<std::size_t>(tableIndex)].empty();
}

void ModelInstance::initialise() {
    enabled_ = true;
    fault_.clear();
    try {
        model_->setParameters(parameters_);
        for (std::size_t i = 0; i < tables_.size(); ++i) model_->setTable(i, tables_[i]);
        model_->initialise();
    } catch (...) {
        disable(QStringLiteral("%1: the model threw during initialise(); the model is disabled").arg(id_));
        return;
    }
    readOutputs(0.0, "initialise()");
}

void ModelInstance::setInputs(std::span<const double> values) noexcept {
    if (!enabled_) return;
    try {
        model_->setInputs(values);
    } catch (...) {
        enabled_ = false;  // the message is written by the next step(), outside this noexcept path
    }
}

void ModelInstance::step(double dtDays, double timeAfterDays) noexcept {
    if (!enabled_) {
        if (fault_.isEmpty()) reportFault(-1, kNaN, timeAfterDays, "setInputs()");
        return;
    }
    try {
        model_->step(dtDays);
    } catch (...) {
        reportFault(-1, kNaN, timeAfterDays, "step()");
        return;
    }
    readOutputs(timeAfterDays, "step()");
}

bool ModelInstance::apply(const sim_api::Action &action, double timeDays) {
    if (!enabled_) return false;
    bool taken = false;
    try {
        taken = model_->apply(action);
    } catch (...) {
        reportFault(-1, kNaN, timeDays, "apply()");
        return false;
    }
    readOutputs(timeDays, "apply()");
    return taken;
}

void ModelInstance::readOutputs(double timeDays, const char *after) noexcept {
    try {
        model_->outputs(outputs_);
    } catch (...) {
        reportFault(-1, kNaN, timeDays, "outputs()");
        return;
    }
    for (std::size_t i = 0; i < outputs_.size(); ++i) {
        if (!std::isfinite(outputs_[i])) {
            reportFault(static_cast<int>(i), outputs_[i], timeDays, after);
            return;
        }
    }
}

void ModelInstance::reportFault(int outputIndex, double value, double timeDays, const char *after) {
    QString what;
    if (outputIndex < 0) {
        what = QStringLiteral("threw an exception in %1").arg(QLatin1String(after));
    } else {
        what = QStringLiteral("output %1 became %2 after %3")
                   .arg(metadata_->outputs()[static_cast<std::size_t>(outputIndex)].id,
                        std::isnan(value) ? QStringLiteral("NaN") : QStringLiteral("infinite"), QLatin1String(after));
    }
    disable(QStringLiteral("%1 (model %2): %3 at t = %4 d; the model is disabled for the rest of the run")
                .arg(id_, metadata_->id(), what)
                .arg(timeDays, 0, 'g', 10));
}

void ModelInstance::disable(const QString &message) {
    enabled_ = false;
    fault_ = message;
    std::fill(outputs_.begin(), outputs_.end(), kNaN);
}

std::vector<double> ModelInstance::saveState() const {
    try {
        return model_->saveState();
    } catch (...) {
        return {};
    }
}

core::Status ModelInstance::restoreState(std::span<const double> state, double timeDays) {
    bool restored = false;
    try {
        restored = model_->restoreState(state);
    } catch (...) {
        restored = false;
    }
    if (!restored) {
        return core::Error::invalidInput(QStringLiteral("%1 (model %2) refused a saved state of %3 values")
                                             .arg(id_, metadata_->id())
                                             .arg(state.size()));
    }
    enabled_ = true;
    fault_.clear();
    readOutputs(timeDays, "restoreState()");
    return {};
}

}  // namespace twin::simulation
