#pragma once
// Whether an X display can be reached, checked without Qt (Qt's xcb plugin aborts the
// process when the display named in DISPLAY does not answer).

namespace twin::app {

bool x11DisplayReachable();

}  // namespace twin::app
