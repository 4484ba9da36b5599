#pragma once
// Assembles the list of software components this build runs on, from the libraries' own
// run-time version reports. Shared by the GUI's About box and `didymos-cli info`.

#include "twin/reporting/SoftwareInventory.h"

namespace twin::app {

reporting::SoftwareInventory buildSoftwareInventory();

}  // namespace twin::app
