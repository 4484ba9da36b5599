#pragma once
// Where Didymos keeps things on disk. One place, so tests can redirect it
// (QStandardPaths::setTestModeEnabled) and the CLI and the GUI agree.

#include <QString>
#include <QStringList>

namespace twin::core {

class AppPaths {
public:
    /// Per-user writable data (index database, demo patient, autosaves).
    static QString userDataDir();
    /// Folder the demo patient is generated into.
    static QString demoPatientDir();
    /// Model plugin folders, searched in this order: build tree, user, system.
    static QStringList modelPluginDirs();
};

}  // namespace twin::core
