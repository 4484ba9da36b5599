#pragma once
// Whether an X display can be reached, checked without Qt (Qt's xcb plugin aborts the
// process when the display named in DISPLAY does not answer).

namespace twin::app {

bool x11DisplayReachable();

}  // namespace twin::app

namespace twin::app {

/// Sets XDG_RUNTIME_DIR to a private per-user folder under /tmp when it is unset (as under
/// xvfb-run or sudo), so Qt's GUI platforms start without a warning on stderr.
void ensureRuntimeDirectory();

}  // namespace twin::app
