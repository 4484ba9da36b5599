#pragma once
// Hostile DICOM files, one per input class that produced CVEs in DCMTK, GDCM, Orthanc and
// dcm4che (../shared/docs/RELIABILITY.md): written byte by byte (no DICOM library would write
// them), so they are the regression tests' inputs and the fuzzers' seeds at once.
// `MakeHostileDicomSeeds DIR` writes them for the libFuzzer corpus; TestHostileDicom checks
// every one gives a named error (or a sane volume) within a memory budget.

#include <QByteArray>
#include <QList>
#include <QString>

namespace twin::test {

struct HostileDicomFile {
    QString name;         ///< file name, e.g. "nested-sequences-100000-explicit.dcm"
    QString inputClass;   ///< the CVE class it stands for
    QString expectError;  ///< text the loader's error must contain; empty: a volume is fine too
    QByteArray bytes;
};

/// Every hostile file (some hundreds of KB in all; the deflate bomb inflates to 512 MiB).
QList<HostileDicomFile> hostileDicomFiles();

/// Writes them into `dir` (created); returns the paths written.
QStringList writeHostileDicomFiles(const QString &dir);

}  // namespace twin::test
