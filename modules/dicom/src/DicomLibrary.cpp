#include "twin/dicom/DicomLibrary.h"

#include <dcmtk/dcmdata/dcuid.h>

namespace twin::dicom {

QString dcmtkVersion() { return QString::fromLatin1(OFFIS_DCMTK_VERSION_STRING); }

}  // namespace twin::dicom
