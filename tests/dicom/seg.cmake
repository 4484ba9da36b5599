# SEG import (modules/dicom/src/seg): SegReader + SegRasterizer on public SEGs with their
# source images, the CIELab -> sRGB conversion, hostile files.
didymos_add_test(TestSegReader SOURCES TestSegReader.cpp
  LIBS didymos_dicom DCMTK::dcmdata LABELS unit TIMEOUT 300)
