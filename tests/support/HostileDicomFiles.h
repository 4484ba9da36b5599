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
    bool mustLoad = false;  ///< a legal file at the edge of a limit: must load as a volume
    QByteArray bytes;
};

/// Every hostile file (about 12 MB in all, most of it the 100,000-deep nestings).
QList<HostileDicomFile> hostileDicomFiles();

/// Writes them into `dir` (created); returns the paths written.
QStringList writeHostileDicomFiles(const QString &dir);

}  // namespace twin::test
