# Series -> volume (modules/dicom/src/series): geometry, findings, codecs, hostile files.
didymos_add_test(TestSeriesVolumeLoader SOURCES TestSeriesVolumeLoader.cpp
  LIBS didymos_dicom DCMTK::dcmdata LABELS unit TIMEOUT 300)
didymos_add_test(TestSeriesGeometryFindings SOURCES TestSeriesGeometryFindings.cpp
  LIBS didymos_dicom didymos_testsupport_dicom DCMTK::dcmdata LABELS unit)
didymos_add_test(TestSeriesDemoPatientRoundTrip SOURCES TestSeriesDemoPatientRoundTrip.cpp
  LIBS didymos_dicom didymos_phantom LABELS unit)
didymos_add_test(TestJpeg2000Decoding SOURCES TestJpeg2000Decoding.cpp
  LIBS didymos_dicom DCMTK::dcmdata LABELS unit)
# Hostile inputs (CVE classes) and the public corpora through every reader, one child process
# per file: no crash, named errors, peak memory within 64 MiB of the baseline.
add_executable(HostileDicomProbe HostileDicomProbe.cpp)
target_link_libraries(HostileDicomProbe PRIVATE didymos_dicom DCMTK::dcmdata Qt6::Core)
set_target_properties(HostileDicomProbe PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
didymos_add_test(TestHostileDicom SOURCES TestHostileDicom.cpp
  LIBS didymos_testsupport_hostile didymos_dicom LABELS unit TIMEOUT 600)
target_compile_definitions(TestHostileDicom PRIVATE HOSTILE_DICOM_PROBE_PATH="$<TARGET_FILE:HostileDicomProbe>")
add_dependencies(TestHostileDicom HostileDicomProbe)
