# Series -> volume (modules/dicom/src/series): geometry, findings, codecs, hostile files.
didymos_add_test(TestSeriesVolumeLoader SOURCES TestSeriesVolumeLoader.cpp
  LIBS didymos_dicom DCMTK::dcmdata LABELS unit TIMEOUT 300)
didymos_add_test(TestSeriesGeometryFindings SOURCES TestSeriesGeometryFindings.cpp
  LIBS didymos_dicom didymos_testsupport_dicom DCMTK::dcmdata LABELS unit)
didymos_add_test(TestSeriesDemoPatientRoundTrip SOURCES TestSeriesDemoPatientRoundTrip.cpp
  LIBS didymos_dicom didymos_phantom LABELS unit)
didymos_add_test(TestJpeg2000Decoding SOURCES TestJpeg2000Decoding.cpp
  LIBS didymos_dicom DCMTK::dcmdata LABELS unit)
