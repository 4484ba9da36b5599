#pragma once
// `didymos-cli bench dicom DIR [--runs N] [--json]`: DICOM series -> volume, ours against ITK in
// one run (PERFORMANCE.md). Finds the largest image series under DIR (files grouped by
// SeriesInstanceUID, most voxels wins), reads it once untimed (warm page cache), then times N
// loads each (median, min-max) of
//   ours: dicom::SeriesVolumeLoader::loadSeries(files of the series)
//   ITK:  GDCMSeriesFileNames on the series' folder with its UID + ImageSeriesReader<Image<int16,3>>
//         with GDCMImageIO (rescale applied, as ours),
// checks both give the same dimensions, spacing and voxels (max abs difference), and times
// `dcm2niix -o TMP -f out -z n FOLDER_OF_SERIES` as a child process (skipped with a note when
// not installed). Our peak RSS is measured in a fresh child process (`bench dicom-load-only`,
// this executable re-invoked) that loads the series once: VmHWM of that whole process, so it
// includes the CLI's own baseline (Qt, DCMTK, ITK libraries), reported alongside.
// Goals (issue): ours >= 3x faster than ITK (median, warm cache); peak RSS <= 1.3 x voxel
// bytes + 100 MB. Exit 1 when a goal or a check fails, 2 on usage errors.

#include "CliCommand.h"

namespace twin::cli {

class BenchDicomCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("bench"); }
    QString summary() const override {
        return QStringLiteral("Benchmark: load the largest DICOM series of a folder with ours, ITK and dcm2niix.");
    }
    QString usage() const override { return QStringLiteral("dicom DIR [--runs N] [--json]"); }
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;

private:
    int runLoadOnly(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

}  // namespace twin::cli
