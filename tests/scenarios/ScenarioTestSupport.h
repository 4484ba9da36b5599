#pragma once
// Shared by the scenario tests: the built model plugins (<build>/plugins/models, loaded as the
// app loads them), the demo scenario from the source tree, and a JSON mutator for error tests.

#include "twin/simulation/PluginLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace twin::test {

inline QString builtPluginDir() {
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../plugins/models"));
}

/// The built-in model plugins of this build tree only.
inline simulation::PluginLoadResult loadBuiltPlugins() {
    return simulation::PluginLoader::load({builtPluginDir()}, simulation::PluginLoader::DefaultFolders::Skip);
}

inline QString demoScenarioPath() {
    return QStringLiteral(DIDYMOS_SCENARIO_DIR "/demo-chemoradiation.json");
}

inline QJsonObject readJsonObject(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

}  // namespace twin::test
