#include "twin/dicom/DicomIndex.h"

#include "DicomIndexImpl.h"
#include "twin/core/AppPaths.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <atomic>

namespace twin::dicom {

namespace {

constexpr int kSchemaVersion = 1;

const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS patient (id INTEGER PRIMARY KEY, patient_id TEXT NOT NULL, name TEXT NOT NULL,"
    " birth_date TEXT NOT NULL DEFAULT '', sex TEXT NOT NULL DEFAULT '', UNIQUE (patient_id, name))",
    "CREATE TABLE IF NOT EXISTS study (id INTEGER PRIMARY KEY,"
    " patient INTEGER NOT NULL REFERENCES patient(id) ON DELETE CASCADE, uid TEXT NOT NULL UNIQUE,"
    " date TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX IF NOT EXISTS study_patient ON study(patient)",
    "CREATE TABLE IF NOT EXISTS series (id INTEGER PRIMARY KEY,"
    " study INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE, uid TEXT NOT NULL UNIQUE,"
    " modality TEXT NOT NULL DEFAULT '', number INTEGER NOT NULL DEFAULT 0, description TEXT NOT NULL DEFAULT '',"
    " frame_of_reference_uid TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX IF NOT EXISTS series_study ON series(study)",
    "CREATE TABLE IF NOT EXISTS instance (id INTEGER PRIMARY KEY,"
    " series INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE, sop_instance_uid TEXT NOT NULL,"
    " sop_class_uid TEXT NOT NULL, number INTEGER NOT NULL DEFAULT 0, path TEXT NOT NULL UNIQUE,"
    " size INTEGER NOT NULL, mtime INTEGER NOT NULL, transfer_syntax_uid TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX IF NOT EXISTS instance_series ON instance(series)",
    "CREATE INDEX IF NOT EXISTS instance_sop ON instance(sop_instance_uid)",
    "CREATE TABLE IF NOT EXISTS problem (path TEXT PRIMARY KEY, reason TEXT NOT NULL,"
    " size INTEGER NOT NULL DEFAULT -1, mtime INTEGER NOT NULL DEFAULT -1)",
    "CREATE TABLE IF NOT EXISTS skipped (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL)",
};

std::atomic<quint64> connectionCounter{0};

void dropConnection(const QString &name) {
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen()) db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// Positional filter on instance paths: "(? = '' OR (i.path >= ? AND i.path < ?))".
const char *const kUnder = "(? = '' OR (i.path >= ? AND i.path < ?))";

QVariantList underValues(const QString &folder) {
    if (folder.isEmpty()) return {QString(""), QString(""), QString("")};
    const QString prefix = folderPrefix(QDir::cleanPath(folder));
    return {prefix, prefix, prefixUpperBound(prefix)};
}

}  // namespace

core::Error DicomIndex::Impl::sqlError(const QSqlQuery &query, const QString &what) const {
    return core::Error::io(QStringLiteral("%1: %2").arg(what, query.lastError().text())).inFile(path);
}

core::Result<QSqlQuery> DicomIndex::Impl::run(const QString &sql, const QVariantList &values) const {
    QSqlQuery query(db());
    query.setForwardOnly(true);
    if (!query.prepare(sql)) return sqlError(query, QStringLiteral("SQL prepare failed"));
    for (const QVariant &value : values) {
        // Absent DICOM strings are empty text in the index, never NULL.
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            query.addBindValue(QString(QLatin1String("")));
        else
            query.addBindValue(value);
    }
    if (!query.exec()) return sqlError(query, QStringLiteral("SQL failed"));
    return query;
}

core::Result<QHash<QString, KnownFile>> DicomIndex::Impl::knownFiles(const QString &prefix) const {
    QHash<QString, KnownFile> files;
    const QString upper = prefixUpperBound(prefix);
    const KnownFile::Kind kinds[] = {KnownFile::Instance, KnownFile::Problem, KnownFile::Skipped};
    int k = 0;
    for (const char *table : {"instance", "problem", "skipped"}) {
        const KnownFile::Kind kind = kinds[k++];
        auto query = run(QStringLiteral("SELECT path, size, mtime FROM %1 WHERE path >= ? AND path < ?")
                             .arg(QLatin1String(table)),
                         {prefix, upper});
        if (!query.ok()) return query.error();
        while (query.value().next())
            files.insert(query.value().value(0).toString(),
                         {query.value().value(1).toLongLong(), query.value().value(2).toLongLong(), kind});
    }
    return files;
}

core::Status DicomIndex::Impl::begin() {
    QSqlDatabase d = db();
    if (!d.transaction()) return core::Error::io(QStringLiteral("cannot begin a transaction: %1").arg(d.lastError().text())).inFile(path);
    return {};
}

core::Status DicomIndex::Impl::commit() {
    QSqlDatabase d = db();
    if (!d.commit()) return core::Error::io(QStringLiteral("cannot commit: %1").arg(d.lastError().text())).inFile(path);
    return {};
}

core::Status DicomIndex::Impl::forgetFile(const QString &file) {
    for (const char *table : {"instance", "problem", "skipped"}) {
        auto query = run(QStringLiteral("DELETE FROM %1 WHERE path = ?").arg(QLatin1String(table)), {file});
        if (!query.ok()) return query.error();
    }
    return {};
}

core::Status DicomIndex::Impl::putInstance(const InstanceHeader &h, const QString &file, qint64 size, qint64 mtimeMs) {
    const QString patientKey = h.patientId + QChar(0) + h.patientName;
    qint64 patient = patientIds.value(patientKey, 0);
    if (patient == 0) {
        auto q = run(QStringLiteral("INSERT INTO patient (patient_id, name, birth_date, sex) VALUES (?, ?, ?, ?)"
                                    " ON CONFLICT (patient_id, name) DO UPDATE SET"
                                    " birth_date = CASE WHEN excluded.birth_date <> '' THEN excluded.birth_date ELSE birth_date END,"
                                    " sex = CASE WHEN excluded.sex <> '' THEN excluded.sex ELSE sex END RETURNING id"),
                     {h.patientId, h.patientName, h.patientBirthDate, h.patientSex});
        if (!q.ok()) return q.error();
        if (!q.value().next()) return core::Error::internal(QStringLiteral("patient insert returned no id")).inFile(path);
        patient = q.value().value(0).toLongLong();
        patientIds.insert(patientKey, patient);
    }
    qint64 study = studyIds.value(h.studyInstanceUid, 0);
    if (study == 0) {
        auto q = run(QStringLiteral("INSERT INTO study (patient, uid, date, description) VALUES (?, ?, ?, ?)"
                                    " ON CONFLICT (uid) DO UPDATE SET"
                                    " date = CASE WHEN excluded.date <> '' THEN excluded.date ELSE date END,"
                                    " description = CASE WHEN excluded.description <> '' THEN excluded.description ELSE description END"
                                    " RETURNING id"),
                     {patient, h.studyInstanceUid, h.studyDate, h.studyDescription});
        if (!q.ok()) return q.error();
        if (!q.value().next()) return core::Error::internal(QStringLiteral("study insert returned no id")).inFile(path);
        study = q.value().value(0).toLongLong();
        studyIds.insert(h.studyInstanceUid, study);
    }
    qint64 series = seriesIds.value(h.seriesInstanceUid, 0);
    if (series == 0) {
        auto q = run(QStringLiteral("INSERT INTO series (study, uid, modality, number, description, frame_of_reference_uid)"
                                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO UPDATE SET"
                                    " modality = excluded.modality, number = excluded.number,"
                                    " description = excluded.description,"
                                    " frame_of_reference_uid = CASE WHEN excluded.frame_of_reference_uid <> ''"
                                    " THEN excluded.frame_of_reference_uid ELSE frame_of_reference_uid END RETURNING id"),
                     {study, h.seriesInstanceUid, h.modality, h.seriesNumber, h.seriesDescription, h.frameOfReferenceUid});
        if (!q.ok()) return q.error();
        if (!q.value().next()) return core::Error::internal(QStringLiteral("series insert returned no id")).inFile(path);
        series = q.value().value(0).toLongLong();
        seriesIds.insert(h.seriesInstanceUid, series);
    }
    auto q = run(QStringLiteral("INSERT OR REPLACE INTO instance (series, sop_instance_uid, sop_class_uid, number, path, size,"
                                " mtime, transfer_syntax_uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                 {series, h.sopInstanceUid, h.sopClassUid, h.instanceNumber, file, size, mtimeMs, h.transferSyntaxUid});
    if (!q.ok()) return q.error();
    return {};
}

core::Status DicomIndex::Impl::putProblem(const QString &file, const QString &reason, qint64 size, qint64 mtimeMs) {
    auto q = run(QStringLiteral("INSERT OR REPLACE INTO problem (path, reason, size, mtime) VALUES (?, ?, ?, ?)"),
                 {file, reason, size, mtimeMs});
    if (!q.ok()) return q.error();
    return {};
}

core::Status DicomIndex::Impl::putSkipped(const QString &file, qint64 size, qint64 mtimeMs) {
    auto q = run(QStringLiteral("INSERT OR REPLACE INTO skipped (path, size, mtime) VALUES (?, ?, ?)"), {file, size, mtimeMs});
    if (!q.ok()) return q.error();
    return {};
}

core::Status DicomIndex::Impl::pruneEmpty() {
    patientIds.clear();
    studyIds.clear();
    seriesIds.clear();
    for (const char *sql : {"DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM instance i WHERE i.series = series.id)",
                            "DELETE FROM study WHERE NOT EXISTS (SELECT 1 FROM series s WHERE s.study = study.id)",
                            "DELETE FROM patient WHERE NOT EXISTS (SELECT 1 FROM study s WHERE s.patient = patient.id)"}) {
        auto q = run(QString::fromLatin1(sql));
        if (!q.ok()) return q.error();
    }
    return {};
}

QString DicomIndex::defaultPath() {
    return core::AppPaths::userDataDir() + QStringLiteral("/dicom-index.sqlite");
}

int DicomIndex::schemaVersion() { return kSchemaVersion; }

DicomIndex::DicomIndex(std::unique_ptr<Impl> impl) : d_(std::move(impl)) {}

DicomIndex::~DicomIndex() { dropConnection(d_->connectionName); }

const QString &DicomIndex::path() const { return d_->path; }

core::Result<std::unique_ptr<DicomIndex>> DicomIndex::open(const QString &path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!QDir().mkpath(QFileInfo(absolute).absolutePath()))
        return core::Error::io(QStringLiteral("cannot create the index folder")).inFile(absolute);
    auto impl = std::make_unique<Impl>();
    impl->path = absolute;
    impl->connectionName = QStringLiteral("didymos-dicom-index-%1").arg(++connectionCounter);
    // From here the DicomIndex owns the connection: its destructor removes it on every path.
    std::unique_ptr<DicomIndex> index(new DicomIndex(std::move(impl)));
    Impl &d = *index->d_;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d.connectionName);
        db.setDatabaseName(absolute);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!db.open())
            return core::Error::io(QStringLiteral("cannot open the DICOM index: %1").arg(db.lastError().text())).inFile(absolute);
    }
    for (const char *pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
        auto q = d.run(QString::fromLatin1(pragma));
        if (!q.ok()) return q.error();
    }
    auto status = d.begin();
    if (!status.ok()) return status.error();
    for (const char *sql : kSchema) {
        auto q = d.run(QString::fromLatin1(sql));
        if (!q.ok()) return q.error();
    }
    auto version = d.run(QStringLiteral("SELECT MAX(version) FROM schema_version"));
    if (!version.ok()) return version.error();
    const QVariant stored = version.value().next() ? version.value().value(0) : QVariant();
    version.value().finish();
    if (stored.isNull()) {
        auto q = d.run(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"), {kSchemaVersion});
        if (!q.ok()) return q.error();
    } else if (stored.toInt() > kSchemaVersion) {
        d.db().rollback();
        return core::Error::unsupported(QStringLiteral("DICOM index schema version %1 is newer than this program's (%2)")
                                            .arg(stored.toInt())
                                            .arg(kSchemaVersion))
            .inFile(absolute);
    }
    status = d.commit();
    if (!status.ok()) return status.error();
    return index;
}

core::Result<QList<IndexedPatient>> DicomIndex::patients(const QString &underFolder) const {
    auto q = d_->run(QStringLiteral("SELECT p.id, p.patient_id, p.name, p.birth_date, p.sex, COUNT(DISTINCT st.id)"
                                    " FROM patient p JOIN study st ON st.patient = p.id JOIN series se ON se.study = st.id"
                                    " JOIN instance i ON i.series = se.id WHERE %1"
                                    " GROUP BY p.id ORDER BY p.name, p.patient_id, p.id").arg(QLatin1String(kUnder)),
                     underValues(underFolder));
    if (!q.ok()) return q.error();
    QList<IndexedPatient> list;
    QSqlQuery &r = q.value();
    while (r.next())
        list.append({r.value(0).toLongLong(), r.value(1).toString(), r.value(2).toString(), r.value(3).toString(),
                     r.value(4).toString(), r.value(5).toInt()});
    return list;
}

core::Result<QList<IndexedStudy>> DicomIndex::studies(qint64 patientKey, const QString &underFolder) const {
    QVariantList values{patientKey};
    values += underValues(underFolder);
    auto q = d_->run(QStringLiteral("SELECT st.id, st.patient, st.uid, st.date, st.description, COUNT(DISTINCT se.id), COUNT(i.id)"
                                    " FROM study st JOIN series se ON se.study = st.id JOIN instance i ON i.series = se.id"
                                    " WHERE st.patient = ? AND %1 GROUP BY st.id ORDER BY st.date, st.uid").arg(QLatin1String(kUnder)),
                     values);
    if (!q.ok()) return q.error();
    QList<IndexedStudy> list;
    QSqlQuery &r = q.value();
    while (r.next())
        list.append({r.value(0).toLongLong(), r.value(1).toLongLong(), r.value(2).toString(), r.value(3).toString(),
                     r.value(4).toString(), r.value(5).toInt(), r.value(6).toInt()});
    return list;
}

core::Result<QList<IndexedSeries>> DicomIndex::series(qint64 studyKey, const QString &underFolder) const {
    QVariantList values{studyKey};
    values += underValues(underFolder);
    auto q = d_->run(QStringLiteral("SELECT se.id, se.study, se.uid, se.modality, se.number, se.description,"
                                    " se.frame_of_reference_uid, COUNT(i.id) FROM series se JOIN instance i ON i.series = se.id"
                                    " WHERE se.study = ? AND %1 GROUP BY se.id ORDER BY se.number, se.modality, se.uid")
                         .arg(QLatin1String(kUnder)),
                     values);
    if (!q.ok()) return q.error();
    QList<IndexedSeries> list;
    QSqlQuery &r = q.value();
    while (r.next())
        list.append({r.value(0).toLongLong(), r.value(1).toLongLong(), r.value(2).toString(), r.value(3).toString(),
                     r.value(4).toInt(), r.value(5).toString(), r.value(6).toString(), r.value(7).toInt()});
    return list;
}

core::Result<QList<IndexedInstance>> DicomIndex::instances(const QString &seriesInstanceUid, const QString &underFolder) const {
    QVariantList values{seriesInstanceUid};
    values += underValues(underFolder);
    auto q = d_->run(QStringLiteral("SELECT i.sop_instance_uid, i.sop_class_uid, i.number, i.path, i.size, i.mtime,"
                                    " i.transfer_syntax_uid FROM instance i JOIN series se ON i.series = se.id"
                                    " WHERE se.uid = ? AND %1 ORDER BY i.number, i.path").arg(QLatin1String(kUnder)),
                     values);
    if (!q.ok()) return q.error();
    QList<IndexedInstance> list;
    QSqlQuery &r = q.value();
    while (r.next())
        list.append({r.value(0).toString(), r.value(1).toString(), r.value(2).toInt(), r.value(3).toString(),
                     r.value(4).toLongLong(), r.value(5).toLongLong(), r.value(6).toString()});
    return list;
}

core::Result<QStringList> DicomIndex::seriesFiles(const QString &seriesInstanceUid, const QString &underFolder) const {
    auto list = instances(seriesInstanceUid, underFolder);
    if (!list.ok()) return list.error();
    QStringList files;
    for (const IndexedInstance &instance : list.value()) files.append(instance.path);
    return files;
}

core::Result<QList<IndexProblem>> DicomIndex::problems(const QString &underFolder) const {
    auto q = d_->run(QStringLiteral("SELECT i.path, i.reason FROM problem i WHERE %1 ORDER BY i.path").arg(QLatin1String(kUnder)),
                     underValues(underFolder));
    if (!q.ok()) return q.error();
    QList<IndexProblem> list;
    while (q.value().next()) list.append({q.value().value(0).toString(), q.value().value(1).toString()});
    return list;
}

core::Result<int> DicomIndex::instanceCount(const QString &underFolder) const {
    auto q = d_->run(QStringLiteral("SELECT COUNT(*) FROM instance i WHERE %1").arg(QLatin1String(kUnder)), underValues(underFolder));
    if (!q.ok()) return q.error();
    return q.value().next() ? q.value().value(0).toInt() : 0;
}

core::Status DicomIndex::checkIntegrity() const {
    auto q = d_->run(QStringLiteral("PRAGMA integrity_check"));
    if (!q.ok()) return q.error();
    const QString verdict = q.value().next() ? q.value().value(0).toString() : QString();
    if (verdict != QStringLiteral("ok"))
        return core::Error::invalidInput(QStringLiteral("SQLite integrity check: %1").arg(verdict)).inFile(d_->path);
    for (const char *sql : {"SELECT COUNT(*) FROM series WHERE NOT EXISTS (SELECT 1 FROM instance i WHERE i.series = series.id)",
                            "SELECT COUNT(*) FROM study WHERE NOT EXISTS (SELECT 1 FROM series s WHERE s.study = study.id)",
                            "SELECT COUNT(*) FROM patient WHERE NOT EXISTS (SELECT 1 FROM study s WHERE s.patient = patient.id)",
                            "PRAGMA foreign_key_check"}) {
        auto c = d_->run(QString::fromLatin1(sql));
        if (!c.ok()) return c.error();
        const bool pragma = QLatin1String(sql).startsWith(QLatin1String("PRAGMA"));
        if (c.value().next() && (pragma || c.value().value(0).toInt() != 0))
            return core::Error::invalidInput(QStringLiteral("inconsistent index: %1").arg(QString::fromLatin1(sql))).inFile(d_->path);
    }
    return {};
}

}  // namespace twin::dicom
