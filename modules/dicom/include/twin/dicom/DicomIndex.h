#pragma once
// The DICOM index: what is on disk, as patient -> study -> series -> instance, in SQLite
// (Qt SQL, QSQLITE; WAL with synchronous=FULL, see RELIABILITY.md), plus the files that could
// not be indexed (problems). Filled by DicomFolderScanner; read by the patient browser and by
// SeriesVolumeLoader (seriesFiles()).
//
// Threads: an instance owns its own Qt SQL connection (unique name) and must be used on the
// thread that opened it. Several instances (threads, processes) may open the same file at
// once; SQLite serialises their writes (busy timeout 10 s).
//
// Query filters: `underFolder`, when not empty, restricts a query to instances whose file
// lies under that folder (absolute, clean path); counts then cover those files only.

#include "twin/core/Result.h"
#include "twin/dicom/DicomIndexRecords.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace twin::dicom {

class DicomIndex {
public:
    /// core::AppPaths::userDataDir() + "/dicom-index.sqlite".
    static QString defaultPath();
    /// Version of the schema this build writes (table schema_version).
    static int schemaVersion();

    /// Opens (creating the file, its folder and the schema as needed). Fails naming the file
    /// when it cannot be opened or was written by a newer schema.
    static core::Result<std::unique_ptr<DicomIndex>> open(const QString &path = defaultPath());
    ~DicomIndex();
    DicomIndex(const DicomIndex &) = delete;
    DicomIndex &operator=(const DicomIndex &) = delete;

    const QString &path() const;

    core::Result<QList<IndexedPatient>> patients(const QString &underFolder = {}) const;
    core::Result<QList<IndexedStudy>> studies(qint64 patientKey, const QString &underFolder = {}) const;
    core::Result<QList<IndexedSeries>> series(qint64 studyKey, const QString &underFolder = {}) const;
    /// Instances of a series, by InstanceNumber then path.
    core::Result<QList<IndexedInstance>> instances(const QString &seriesInstanceUid, const QString &underFolder = {}) const;
    /// File paths of a series (by InstanceNumber then path): SeriesVolumeLoader::examine's input.
    core::Result<QStringList> seriesFiles(const QString &seriesInstanceUid, const QString &underFolder = {}) const;
    core::Result<QList<IndexProblem>> problems(const QString &underFolder = {}) const;
    core::Result<int> instanceCount(const QString &underFolder = {}) const;
    /// SQLite's integrity_check plus our own invariants (no empty series/study/patient).
    core::Status checkIntegrity() const;

    struct Impl;  // src/index/DicomIndexImpl.h (used by DicomFolderScanner)
    Impl &impl() const { return *d_; }

private:
    explicit DicomIndex(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d_;
};

}  // namespace twin::dicom
