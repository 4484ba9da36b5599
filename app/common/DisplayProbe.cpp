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
