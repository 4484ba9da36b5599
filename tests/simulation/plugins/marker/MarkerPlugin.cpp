// The marker plugin's global constructor: runs when the library is loaded (dlopen), writes
// "loaded" to the file named by $DIDYMOS_TEST_PLUGIN_MARKER.

#include "MarkerPlugin.h"

#include <cstdio>
#include <cstdlib>

namespace {
const bool kMarkerWritten = [] {
    const char *path = std::getenv("DIDYMOS_TEST_PLUGIN_MARKER");
    if (!path) return false;
    std::FILE *file = std::fopen(path, "w");
    if (!file) return false;
    std::fputs("loaded\n", file);
    std::fclose(file);
    return true;
}();
}  // namespace
