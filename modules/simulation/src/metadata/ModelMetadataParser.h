#pragma once
// ModelMetadataParser: fills a ModelMetadata from model.json, entry by entry, through a
// MetadataReader that keeps the first error. The identity and signal lists (parameters,
// inputs, outputs, tables) are read in ModelMetadataParser.cpp; the entries that refer to
// them (actions, metrics, validity) in ModelMetadataRules.cpp, after them.

#include "metadata/MetadataReader.h"
#include "twin/simulation/ModelMetadata.h"

namespace twin::simulation {

class ModelMetadataParser {
public:
    ModelMetadataParser(const QJsonObject &json, const QString &pluginFile);
    core::Result<ModelMetadata> parse();

private:
    void readIdentity();
    void readParameters();
    void readParameter(const QJsonObject &o, const QString &path);
    void readInputs();
    void readOutputs();
    void readTables();
    // ModelMetadataRules.cpp
    void readActions();
    void readMetrics();
    void readMetric(const QJsonObject &o, const QString &path);
    void readValidity();
    void readValidityRule(const QJsonObject &o, const QString &path);

    /// Fails at `path` when `id` already occurs in `seen`; adds it otherwise.
    void requireUnique(QStringList &seen, const QString &id, const QString &path);

    const QJsonObject &json_;
    MetadataReader reader_;
    ModelMetadata meta_;
};

}  // namespace twin::simulation
