# RT and SEG import (modules/dicom/src/rt): RTSTRUCT, RTDOSE, RTPLAN, SEG, hostile files.
didymos_add_test(TestRtStruct SOURCES TestRtStruct.cpp
  LIBS didymos_dicom didymos_phantom DCMTK::dcmdata LABELS unit TIMEOUT 300)
didymos_add_test(TestRtDose SOURCES TestRtDose.cpp
  LIBS didymos_dicom didymos_phantom LABELS unit TIMEOUT 300)
didymos_add_test(TestRtPlan SOURCES TestRtPlan.cpp
  LIBS didymos_dicom didymos_phantom LABELS unit)
didymos_add_test(TestRtMalformedInputs SOURCES TestRtMalformedInputs.cpp
  LIBS didymos_dicom LABELS unit TIMEOUT 300)
