#pragma once
// PluginModelHarness: loads one built model plugin the way a third party's would be loaded
// (QPluginLoader on <build>/plugins/models/didymos_model_<id>.so, metadata first) and drives
// its IModel by the ids of its model.json, for validation and smoke tests:
//
//   PluginModelHarness pk(QStringLiteral("pk"));
//   QVERIFY2(pk.ok(), qPrintable(pk.error()));
//   pk.set("cl", 36.7);               // by parameter id, in the declared unit
//   pk.initialise();
//   pk.apply({0.0, "iv_bolus", "", 100.0});
//   pk.step(1.0 / 24.0);
//   double c = pk.output("concentration");
//
// Parameters start at their model.json defaults; set() of an unknown id fails the harness
// (error() says which), so a typo in a test cannot silently test the default.

#include "twin/sim_api/IModelFactory.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QPluginLoader>
#include <QString>

#include <cmath>
#include <memory>
#include <vector>

namespace twin::test {

class PluginModelHarness {
public:
    explicit PluginModelHarness(const QString &modelId) {
        const QString dir = QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../plugins/models"));
        loader_ = std::make_unique<QPluginLoader>(dir + QStringLiteral("/didymos_model_") + modelId + QStringLiteral(".so"));
        metadata_ = loader_->metaData().value(QStringLiteral("MetaData")).toObject();
        if (metadata_.isEmpty()) {
            error_ = QStringLiteral("%1: no model.json metadata (%2)").arg(loader_->fileName(), loader_->errorString());
            return;
        }
        auto *factory = qobject_cast<sim_api::IModelFactory *>(loader_->instance());
        if (!factory) {
            error_ = QStringLiteral("%1: not an IModelFactory (%2)").arg(loader_->fileName(), loader_->errorString());
            return;
        }
        model_ = factory->create();
        if (!model_) {
            error_ = QStringLiteral("%1: create() returned null").arg(loader_->fileName());
            return;
        }
        for (const QJsonValue &p : metadata_.value(QStringLiteral("parameters")).toArray()) {
            parameterIds_ << p.toObject().value(QStringLiteral("id")).toString();
            parameters_.push_back(p.toObject().value(QStringLiteral("default")).toDouble());
        }
        for (const QJsonValue &p : metadata_.value(QStringLiteral("inputs")).toArray()) {
            inputIds_ << p.toObject().value(QStringLiteral("id")).toString();
            inputs_.push_back(p.toObject().value(QStringLiteral("default")).toDouble());
        }
        for (const QJsonValue &p : metadata_.value(QStringLiteral("outputs")).toArray())
            outputIds_ << p.toObject().value(QStringLiteral("id")).toString();
        for (const QJsonValue &p : metadata_.value(QStringLiteral("tables")).toArray())
            tableIds_ << p.toObject().value(QStringLiteral("id")).toString();
        outputs_.assign(static_cast<std::size_t>(outputIds_.size()), 0.0);
    }

    bool ok() const { return model_ != nullptr && error_.isEmpty(); }
    const QString &error() const { return error_; }
    const QJsonObject &metadata() const { return metadata_; }
    sim_api::IModel &model() { return *model_; }
    const QStringList &parameterIds() const { return parameterIds_; }
    const QStringList &inputIds() const { return inputIds_; }
    const QStringList &outputIds() const { return outputIds_; }

    /// Sets a parameter by id (applied at the next initialise()).
    void set(const QString &id, double value) { at(parameterIds_, parameters_, id, "parameter") = value; }
    double parameter(const QString &id) { return at(parameterIds_, parameters_, id, "parameter"); }
    /// Sets an input by id (passed before every step).
    void setInput(const QString &id, double value) { at(inputIds_, inputs_, id, "input") = value; }
    void setTable(const QString &id, const sim_api::Table &table) {
        const qsizetype index = tableIds_.indexOf(id);
        if (index < 0) {
            error_ = QStringLiteral("unknown table id: %1").arg(id);
            return;
        }
        model_->setTable(static_cast<std::size_t>(index), table);
    }

    void initialise() {
        model_->setParameters(parameters_);
        model_->initialise();
        model_->setInputs(inputs_);
    }
    bool apply(const sim_api::Action &action) { return model_->apply(action); }
    void step(double dtDays) {
        model_->setInputs(inputs_);
        model_->step(dtDays);
    }
    /// Steps `steps` times by dtDays.
    void run(double dtDays, int steps) {
        for (int i = 0; i < steps; ++i) step(dtDays);
    }
    double output(const QString &id) {
        const qsizetype index = outputIds_.indexOf(id);
        if (index < 0) {
            error_ = QStringLiteral("unknown output id: %1").arg(id);
            return std::nan("");
        }
        model_->outputs(outputs_);
        return outputs_[static_cast<std::size_t>(index)];
    }
    const std::vector<double> &allOutputs() {
        model_->outputs(outputs_);
        return outputs_;
    }

private:
    double &at(const QStringList &ids, std::vector<double> &values, const QString &id, const char *what) {
        const qsizetype index = ids.indexOf(id);
        if (index < 0) {
            error_ = QStringLiteral("unknown %1 id: %2").arg(QLatin1String(what), id);
            static double sink = 0.0;
            return sink;
        }
        return values[static_cast<std::size_t>(index)];
    }

    std::unique_ptr<QPluginLoader> loader_;
    QJsonObject metadata_;
    std::unique_ptr<sim_api::IModel> model_;
    QString error_;
    QStringList parameterIds_, inputIds_, outputIds_, tableIds_;
    std::vector<double> parameters_, inputs_, outputs_;
};

}  // namespace twin::test
