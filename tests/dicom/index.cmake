# DICOM index (modules/dicom/src/index): SQLite index, folder/DICOMDIR scans, `didymos-cli dicom`.
didymos_add_test(TestDicomIndex SOURCES TestDicomIndex.cpp
  LIBS didymos_dicom didymos_phantom Qt6::Sql LABELS unit TIMEOUT 300)
didymos_add_test(TestCliDicom SOURCES ${CMAKE_SOURCE_DIR}/tests/app/TestCliDicom.cpp LABELS integration)
target_compile_definitions(TestCliDicom PRIVATE DIDYMOS_CLI_PATH="$<TARGET_FILE:didymos-cli>")
add_dependencies(TestCliDicom didymos-cli)
