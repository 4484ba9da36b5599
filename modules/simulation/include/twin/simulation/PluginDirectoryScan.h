#pragma once
// Which model plugin folders exist and what shared objects they hold, before anything is
// loaded: `didymos-cli info` shows it so a plugin developer sees where to put a build.

#include <QList>
#include <QString>
#include <QStringList>

namespace twin::simulation {

struct PluginDirectory {
    QString path;
    bool exists = false;
    QStringList candidateFiles;  // *.so in that folder, file names only, sorted
};

class PluginDirectoryScan {
public:
    static QList<PluginDirectory> scan(const QStringList &directories);
};

}  // namespace twin::simulation
