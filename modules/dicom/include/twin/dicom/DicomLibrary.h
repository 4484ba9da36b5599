#pragma once
// The DICOM toolkit this module is built on, for the About box, `didymos-cli info` and the
// list of third-party components (SOUP) a report carries.

#include <QString>

namespace twin::dicom {

/// e.g. "3.6.7"
QString dcmtkVersion();

}  // namespace twin::dicom
