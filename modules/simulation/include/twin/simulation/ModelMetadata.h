#pragma once
// ModelMetadata: a model plugin's model.json, parsed and checked before any plugin code runs.
//
//   auto meta = ModelMetadata::fromJson(loader.metaData()["MetaData"].toObject(), loader.fileName());
//   if (!meta.ok()) refuse(meta.error().message());   // "<file>: parameters[2].default: ..."
//
// Checks (all errors are core::Error naming the plugin file and the field): id pattern
// [a-z][a-z0-9_]*, name, version, apiVersion "M.m" compatible with sim_api::isCompatibleApi
// (Code::Unsupported otherwise); parameters (min <= default <= max, kind real|integer with
// integral values, source well-formed, priorCv > 0); inputs ("from" = "<model>.<output>" when
// given, a numeric default); outputs; tables; actions (the kinds of sim_api::action_kind, no
// repeats); metrics (output exists, reduce max|min|last, requiresTable exists, unit
// convertible from the output's); validity (subject exists, min <= max, unit convertible to
// the subject's). Every unit must parse with core::UnitRegistry::ucum(). Ids are unique within
// their list. Keys the SDK does not know are ignored: adding an optional key is a minor API
// change (README, Versioning), so an older host must not refuse a newer minor's extras.
//
// Design: an input without "from" is allowed (it is fed by an explicit coupling or keeps its
// default); the README's example always names one, and the built-in models do.

#include "twin/core/Result.h"
#include "twin/simulation/ModelSpecs.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace twin::simulation {

class ModelMetadata {
public:
    /// Parses the "MetaData" object of a plugin (its model.json); `pluginFile` names it in errors.
    static core::Result<ModelMetadata> fromJson(const QJsonObject &json, const QString &pluginFile);

    const QString &pluginFile() const { return pluginFile_; }
    const QString &id() const { return id_; }
    const QString &name() const { return name_; }
    const QString &version() const { return version_; }
    int apiMajor() const { return apiMajor_; }
    int apiMinor() const { return apiMinor_; }
    const QString &vendor() const { return vendor_; }
    const QString &description() const { return description_; }
    const QStringList &references() const { return references_; }
    const QStringList &assumptions() const { return assumptions_; }

    const std::vector<ParameterSpec> &parameters() const { return parameters_; }
    const std::vector<InputSpec> &inputs() const { return inputs_; }
    const std::vector<OutputSpec> &outputs() const { return outputs_; }
    const std::vector<TableSpec> &tables() const { return tables_; }
    /// Accepted action kinds (sim_api::action_kind strings), in declared order.
    const std::vector<std::string> &actions() const { return actions_; }
    const std::vector<MetricSpec> &metrics() const { return metrics_; }
    const std::vector<ValiditySpec> &validity() const { return validity_; }

    /// Index in the declared list, -1 when absent.
    int parameterIndex(const QString &id) const;
    int inputIndex(const QString &id) const;
    int outputIndex(const QString &id) const;
    int tableIndex(const QString &id) const;
    bool acceptsAction(const std::string &kind) const;

    /// Parameter defaults in declared order.
    std::vector<double> defaultParameters() const;

private:
    friend class ModelMetadataParser;

    QString pluginFile_;
    QString id_, name_, version_, vendor_, description_;
    int apiMajor_ = 0;
    int apiMinor_ = 0;
    QStringList references_, assumptions_;
    std::vector<ParameterSpec> parameters_;
    std::vector<InputSpec> inputs_;
    std::vector<OutputSpec> outputs_;
    std::vector<TableSpec> tables_;
    std::vector<std::string> actions_;
    std::vector<MetricSpec> metrics_;
    std::vector<ValiditySpec> validity_;
};

}  // namespace twin::simulation
