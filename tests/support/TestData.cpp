#include "TestData.h"

#include <QFileInfo>

namespace twin::test {

QString sharedDataRoot() {
    for (const char *variable : {"DIDYMOS_TEST_DATA", "DIDYMOS_TEST_DATA_DEFAULT"}) {
        const QString path = qEnvironmentVariable(variable);
        if (!path.isEmpty() && QFileInfo(path).isDir()) return QDir(path).absolutePath();
    }
    return {};
}

bool runningUnderCi() { return qEnvironmentVariable("CI").compare(QStringLiteral("true"), Qt::CaseInsensitive) == 0; }

QString scratchDir(const QString &name) {
    QString base = qEnvironmentVariable("DIDYMOS_BINARY_DIR");
    if (base.isEmpty()) base = QDir::tempPath();
    QDir dir(base + QStringLiteral("/test-scratch/") + name);
    dir.removeRecursively();
    dir.mkpath(QStringLiteral("."));
    return dir.absolutePath();
}

}  // namespace twin::test
