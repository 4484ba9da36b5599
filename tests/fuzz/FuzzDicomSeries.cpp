// Fuzz target: one file as a whole series through SeriesVolumeLoader (headers, geometry,
// codecs, pixel decoding), as the product loads it: from a file, with a voxel cap so a
// declared Rows × Columns × Frames bomb must be refused before allocation.

#include "twin/dicom/SeriesVolumeLoader.h"

#include <QTemporaryFile>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    QTemporaryFile file;
    if (!file.open()) return 0;
    file.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size));
    file.flush();
    twin::dicom::SeriesLoadOptions options;
    options.maxVoxels = 1LL << 24;  // 32 MiB of int16: the fuzzer's memory budget
    const auto result = twin::dicom::SeriesVolumeLoader::loadSeries({file.fileName()}, options);
    // Either a volume or an error that names the file: never a crash, never a silent nothing.
    if (!result.ok() && !result.error().message().contains(file.fileName())) __builtin_trap();
    if (result.ok() && result.value().volumes.empty()) __builtin_trap();
    return 0;
}
