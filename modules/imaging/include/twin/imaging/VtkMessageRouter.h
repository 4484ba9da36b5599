#pragma once
// Installs VtkQtOutputWindow as VTK's global output window (idempotent). Call once at start
// of the GUI, the CLI and every test that uses VTK.

namespace twin::imaging {

class VtkMessageRouter {
public:
    static void install();
};

}  // namespace twin::imaging
