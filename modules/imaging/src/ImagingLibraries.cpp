#include "twin/imaging/ImagingLibraries.h"

#include <itkVersion.h>
#include <vtkVersion.h>

namespace twin::imaging {

QString itkVersion() { return QString::fromStdString(itk::Version::GetITKVersion()); }
QString vtkVersion() { return QString::fromLatin1(vtkVersion::GetVTKVersion()); }

}  // namespace twin::imaging
