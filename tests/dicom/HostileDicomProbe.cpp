// Helper process for TestHostileDicom: reads one file through every DICOM reader the product
// has (header probe, series loader with the fuzzers' voxel cap, RTSTRUCT, RTDOSE, SEG, folder
// scan into a throw-away index) and prints one JSON object: each reader's error (empty when
// it read the file), and the process's memory (VmRSS before reading, VmHWM after) so the test
// can hold every input to a memory budget. A crash shows as the process dying.

#include "twin/dicom/DicomFileProbe.h"
#include "twin/dicom/DicomFolderScanner.h"
#include "twin/dicom/RtDoseReader.h"
#include "twin/dicom/RtStructReader.h"
#include "twin/dicom/SegReader.h"
#include "twin/dicom/SeriesVolumeLoader.h"

#include <dcmtk/dcmdata/dctag.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>

namespace {

qint64 statusKiB(const char *field) {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(field)) return line.mid(int(qstrlen(field))).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

template <typename R>
QString errorOf(const R &result) {
    return result.ok() ? QString() : result.error().message();
}

}  // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: HostileDicomProbe FILE\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    (void)DcmTag(0x0010, 0x0010).getVRName();  // loads DCMTK's data dictionary before the baseline
    QTemporaryDir scratch;
    QJsonObject out;
    out[QStringLiteral("baselineKiB")] = statusKiB("VmRSS:");

    out[QStringLiteral("probe")] = errorOf(twin::dicom::DicomFileProbe::read(path));
    twin::dicom::SeriesLoadOptions options;
    options.maxVoxels = 1LL << 24;
    const auto series = twin::dicom::SeriesVolumeLoader::loadSeries({path}, options);
    out[QStringLiteral("series")] = errorOf(series);
    if (series.ok()) {
        const auto dims = series.value().volume().geometry().dimensions;
        out[QStringLiteral("dimensions")] = QStringLiteral("%1x%2x%3").arg(dims[0]).arg(dims[1]).arg(dims[2]);
    }
    out[QStringLiteral("rtstruct")] = errorOf(twin::dicom::RtStructReader::read(path));
    out[QStringLiteral("rtdose")] = errorOf(twin::dicom::RtDoseReader::read(path));
    out[QStringLiteral("seg")] = errorOf(twin::dicom::SegReader::read(path));
    const QString folder = scratch.filePath(QStringLiteral("folder"));
    QDir().mkpath(folder);
    QFile::copy(path, folder + QStringLiteral("/input"));
    const auto scan = twin::dicom::DicomFolderScanner::scan(scratch.filePath(QStringLiteral("index.sqlite")), folder);
    out[QStringLiteral("scan")] = scan.ok() ? QStringLiteral("%1 broken").arg(scan.value().broken) : scan.error().message();

    out[QStringLiteral("peakKiB")] = statusKiB("VmHWM:");
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
