#pragma once
// The image-processing toolkits this module runs on, as reported by the libraries themselves
// at run time (not the headers we compiled against), for About, `info` and reports.

#include <QString>

namespace twin::imaging {

QString itkVersion();
QString vtkVersion();

}  // namespace twin::imaging
