#include "twin/core/AppPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace twin::core {

QString AppPaths::userDataDir() {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (dir.isEmpty()) dir = QDir::homePath() + QStringLiteral("/.local/share/didymos");
    return dir;
}

QString AppPaths::demoPatientDir() { return userDataDir() + QStringLiteral("/demo-patient"); }

QStringList AppPaths::modelPluginDirs() {
    QStringList dirs;
    const QString appDir = QCoreApplication::applicationDirPath();
    // Build tree: <build>/bin/didymos -> <build>/plugins/models
    dirs << QDir::cleanPath(appDir + QStringLiteral("/../plugins/models"));
    dirs << userDataDir() + QStringLiteral("/plugins/models");
    // Installed: /usr/bin/didymos -> /usr/lib/x86_64-linux-gnu/didymos/plugins/models
    dirs << QDir::cleanPath(appDir + QStringLiteral("/../" DIDYMOS_INSTALL_LIBDIR "/didymos/plugins/models"));
    dirs.removeDuplicates();
    return dirs;
}

}  // namespace twin::core
