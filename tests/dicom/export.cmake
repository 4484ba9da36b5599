# Export (modules/dicom/src/export): RTSTRUCT and SEG writers, NRRD/MHA/NIfTI, `dicom export`.
didymos_add_test(TestRtStructWriter SOURCES TestRtStructWriter.cpp
  LIBS didymos_dicom didymos_phantom LABELS unit TIMEOUT 300)
didymos_add_test(TestSegWriter SOURCES TestSegWriter.cpp
  LIBS didymos_dicom didymos_phantom DCMTK::dcmseg DCMTK::dcmfg DCMTK::dcmiod DCMTK::dcmdata LABELS unit TIMEOUT 300)
didymos_add_test(TestVolumeFileWriter SOURCES TestVolumeFileWriter.cpp
  LIBS didymos_dicom ${ITK_LIBRARIES} LABELS unit)
target_include_directories(TestVolumeFileWriter PRIVATE ${ITK_INCLUDE_DIRS})
didymos_add_test(TestCliDicomExport SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/../app/TestCliDicomExport.cpp
  LIBS didymos_core ${ITK_LIBRARIES} LABELS integration TIMEOUT 300)
target_include_directories(TestCliDicomExport PRIVATE ${ITK_INCLUDE_DIRS})
target_compile_definitions(TestCliDicomExport PRIVATE DIDYMOS_CLI_PATH="$<TARGET_FILE:didymos-cli>")
add_dependencies(TestCliDicomExport didymos-cli)
