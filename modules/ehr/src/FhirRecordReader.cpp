#include "twin/ehr/FhirRecordReader.h"

#include "FhirImportSession.h"
#include "twin/ehr/FhirJson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace twin::ehr {

namespace {

core::Result<QByteArray> readAll(const QString &path) {
    QFile file(path);
    if (QFileInfo(path).isDir()) return core::Error::io(QStringLiteral("is a directory, not a file")).inFile(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return core::Error::io(QStringLiteral("cannot open: %1").arg(file.errorString())).inFile(path);
    }
    if (file.size() > FhirJson::kMaxBytes) {
        return core::Error::unsupported(QStringLiteral("file too large (%1 bytes; at most %2 per file — split it, "
                                                       "e.g. as NDJSON files)")
                                            .arg(file.size()).arg(FhirJson::kMaxBytes))
            .inFile(path);
    }
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return core::Error::io(QStringLiteral("cannot read: %1").arg(file.errorString())).inFile(path);
    }
    return bytes;
}

}  // namespace

core::Result<PatientRecord> FhirRecordReader::readFile(const QString &path, core::JobContext *context) {
    return readFile(path, FhirReadOptions(), context);
}

core::Result<PatientRecord> FhirRecordReader::readFile(const QString &path, const FhirReadOptions &options,
                                                       core::JobContext *context) {
    if (context) context->setProgress(0.0, QStringLiteral("Reading %1").arg(QFileInfo(path).fileName()));
    core::Result<QByteArray> bytes = readAll(path);
    if (!bytes.ok()) return bytes.error();
    return fromJson(bytes.value(), path, options, context);
}

core::Result<PatientRecord> FhirRecordReader::fromJson(const QByteArray &json, const QString &sourceName) {
    return fromJson(json, sourceName, FhirReadOptions(), nullptr);
}

core::Result<PatientRecord> FhirRecordReader::fromJson(const QByteArray &json, const QString &sourceName,
                                                       const FhirReadOptions &options, core::JobContext *context) {
    FhirImportSession session(options, context);
    session.setInputName(sourceName);
    const core::Status added = session.addSource(json, sourceName);
    if (!added.ok()) return added.error();
    return session.finish();
}

core::Result<PatientRecord> FhirRecordReader::readDirectory(const QString &directory, const FhirReadOptions &options,
                                                            core::JobContext *context) {
    const QDir dir(directory);
    if (!dir.exists()) return core::Error::notFound(QStringLiteral("no such directory")).inFile(directory);
    const QStringList names = dir.entryList({QStringLiteral("*.json"), QStringLiteral("*.ndjson")},
                                            QDir::Files | QDir::Readable, QDir::Name);
    FhirImportSession session(options, context);
    session.setInputName(directory);
    int added = 0;
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (context && context->isCancelled()) return core::Error::cancelled();
        if (context) context->setProgress(0.5 * double(i) / double(names.size()), QStringLiteral("Reading %1").arg(names.at(i)));
        const QString path = dir.filePath(names.at(i));
        const core::Result<QByteArray> bytes = readAll(path);
        const core::Status status = bytes.ok() ? session.addSource(bytes.value(), path) : core::Status(bytes.error());
        if (status.ok()) {
            ++added;
        } else if (status.error().code() == core::Error::Code::Cancelled) {
            return status.error();
        } else {
            session.warn(status.error().message() + QStringLiteral("; file skipped"));
        }
    }
    if (added == 0) {
        return core::Error::notFound(QStringLiteral("no readable FHIR JSON or NDJSON file (%1 *.json/*.ndjson found)")
                                         .arg(names.size()))
            .inFile(directory);
    }
    return session.finish();
}

}  // namespace twin::ehr
