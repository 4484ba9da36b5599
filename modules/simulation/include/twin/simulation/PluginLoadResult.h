#pragma once
// What PluginLoader found: the models it loaded, in discovery order (folders in the order
// given, files by name), and every plugin it refused with the reason, so `didymos-cli info`
// and the GUI's plugin list can show why a model is missing.

#include "twin/simulation/LoadedModel.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace twin::simulation {

struct RefusedPlugin {
    QString file;
    QString reason;  // one line, naming the file and the field at fault where there is one
};

struct PluginLoadResult {
    std::vector<LoadedModel> models;
    QList<RefusedPlugin> refused;
    QStringList scannedDirectories;

    /// The loaded model with that id, or nullptr.
    const LoadedModel *find(const QString &modelId) const {
        for (const LoadedModel &model : models) {
            if (model.metadata->id() == modelId) return &model;
        }
        return nullptr;
    }
};

}  // namespace twin::simulation
