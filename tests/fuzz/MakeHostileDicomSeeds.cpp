// Writes the hostile DICOM files (support/HostileDicomFiles.h, one per CVE input class) into
// a folder, as seeds for the DICOM fuzz targets: `MakeHostileDicomSeeds DIR`.

#include "HostileDicomFiles.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: MakeHostileDicomSeeds DIR\n");
        return 2;
    }
    const QStringList written = twin::test::writeHostileDicomFiles(QString::fromLocal8Bit(argv[1]));
    std::printf("%lld hostile DICOM seeds written\n", static_cast<long long>(written.size()));
    return written.isEmpty() ? 1 : 0;
}
