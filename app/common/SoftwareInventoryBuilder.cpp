#include "SoftwareInventoryBuilder.h"

#include "twin/dicom/DicomLibrary.h"
#include "twin/imaging/ImagingLibraries.h"

#include <QtGlobal>

namespace twin::app {

reporting::SoftwareInventory buildSoftwareInventory() {
    reporting::SoftwareInventory inventory;
    inventory.add({QStringLiteral("Didymos"), QStringLiteral(DIDYMOS_VERSION), QStringLiteral("Apache-2.0")});
    inventory.add({QStringLiteral("Qt"), QString::fromLatin1(qVersion()), QStringLiteral("LGPL-3.0")});
    inventory.add({QStringLiteral("VTK"), imaging::vtkVersion(), QStringLiteral("BSD-3-Clause")});
    inventory.add({QStringLiteral("ITK"), imaging::itkVersion(), QStringLiteral("Apache-2.0")});
    inventory.add({QStringLiteral("DCMTK"), dicom::dcmtkVersion(), QStringLiteral("BSD-3-Clause")});
    return inventory;
}

}  // namespace twin::app
