#include "DisplayProbe.h"

#include <xcb/xcb.h>

#include <cstdlib>

namespace twin::app {

bool x11DisplayReachable() {
    const char *display = std::getenv("DISPLAY");
    if (!display || !*display) return false;
    xcb_connection_t *connection = xcb_connect(nullptr, nullptr);
    const bool ok = connection && xcb_connection_has_error(connection) == 0;
    if (connection) xcb_disconnect(connection);
    return ok;
}

}  // namespace twin::app

#include <QByteArray>
#include <QtGlobal>

#include <sys/stat.h>
#include <unistd.h>

namespace twin::app {

void ensureRuntimeDirectory() {
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) return;
    const QByteArray path = QByteArray("/tmp/didymos-runtime-") + QByteArray::number(static_cast<qulonglong>(getuid()));
    ::mkdir(path.constData(), 0700);
    struct stat info {};
    if (::stat(path.constData(), &info) == 0 && info.st_uid == getuid()) {
        ::chmod(path.constData(), 0700);
        qputenv("XDG_RUNTIME_DIR", path);
    }
}

}  // namespace twin::app
