// Fuzz target: one DICOM file's header through DicomFileProbe.
// Input bytes are written to a file and parsed from there, as the product does: DCMTK parsing
// from an in-memory buffer can over-allocate on tiny inputs (RELIABILITY.md).

#include "twin/dicom/DicomFileProbe.h"

#include <QTemporaryFile>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    QTemporaryFile file;
    if (!file.open()) return 0;
    file.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size));
    file.flush();
    const auto result = twin::dicom::DicomFileProbe::read(file.fileName());
    // Either a header or an error that names the file: never a crash, never a silent nothing.
    if (!result.ok() && !result.error().message().contains(file.fileName())) __builtin_trap();
    return 0;
}
