#pragma once
// Private side of DicomIndex: the connection and the write operations DicomFolderScanner uses.

#include "twin/core/Result.h"
#include "twin/dicom/DicomIndex.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace twin::dicom {

/// What a file was last time it was scanned.
struct KnownFile {
    enum Kind { Instance, Problem, Skipped };
    qint64 size = -1;
    qint64 mtimeMs = -1;
    Kind kind = Instance;
};

/// Everything an instance row needs (read from one file's header).
struct InstanceHeader {
    QString patientId, patientName, patientBirthDate, patientSex;
    QString studyInstanceUid, studyDate, studyDescription;
    QString seriesInstanceUid, modality, seriesDescription, frameOfReferenceUid;
    int seriesNumber = 0;
    QString sopInstanceUid, sopClassUid, transferSyntaxUid;
    int instanceNumber = 0;
};

struct DicomIndex::Impl {
    QString path;
    QString connectionName;

    QSqlDatabase db() const { return QSqlDatabase::database(connectionName, false); }
    core::Error sqlError(const QSqlQuery &query, const QString &what) const;
    /// Prepares and runs; binds values positionally.
    core::Result<QSqlQuery> run(const QString &sql, const QVariantList &values = {}) const;

    /// Files (instances, problems, skipped) under `folderPrefix` ("/a/b/"), by path.
    core::Result<QHash<QString, KnownFile>> knownFiles(const QString &folderPrefix) const;
    core::Status begin();
    core::Status commit();
    core::Status forgetFile(const QString &path);
    core::Status putInstance(const InstanceHeader &h, const QString &path, qint64 size, qint64 mtimeMs);
    core::Status putProblem(const QString &path, const QString &reason, qint64 size, qint64 mtimeMs);
    core::Status putSkipped(const QString &path, qint64 size, qint64 mtimeMs);
    /// Deletes series, studies and patients left without instances.
    core::Status pruneEmpty();

    // Row ids cached during a scan (cleared by pruneEmpty()).
    QHash<QString, qint64> patientIds, studyIds, seriesIds;
};

/// "/a/b" -> range [lower, upper) of paths under it, for index-friendly prefix queries.
inline QString folderPrefix(const QString &folder) {
    return folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/');
}
inline QString prefixUpperBound(const QString &prefix) {
    QString upper = prefix;
    upper.back() = QChar(upper.back().unicode() + 1);
    return upper;
}

}  // namespace twin::dicom
