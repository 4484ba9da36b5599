#include "twin/simulation/PluginDirectoryScan.h"

#include <QDir>

namespace twin::simulation {

QList<PluginDirectory> PluginDirectoryScan::scan(const QStringList &directories) {
    QList<PluginDirectory> result;
    for (const QString &path : directories) {
        PluginDirectory entry;
        entry.path = path;
        const QDir dir(path);
        entry.exists = dir.exists();
        if (entry.exists) {
            entry.candidateFiles = dir.entryList({QStringLiteral("*.so")}, QDir::Files, QDir::Name);
        }
        result << entry;
    }
    return result;
}

}  // namespace twin::simulation
