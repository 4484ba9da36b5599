#include "twin/ehr/EhrImporter.h"

#include "twin/ehr/FhirRecordReader.h"
#include "twin/ehr/SyntheaCsvReader.h"

#include <QDir>
#include <QFileInfo>

namespace twin::ehr {

namespace {

template <typename T>
void append(QList<T> &into, QList<T> &from) {
    into.append(std::move(from));
}

}  // namespace

bool EhrImporter::merge(PatientRecord &into, PatientRecord other) {
    const bool sameOrFirst = into.demographics.id.isEmpty() || other.demographics.id.isEmpty() ||
                             into.demographics.id == other.demographics.id;
    if (!sameOrFirst) {
        into.warnings << QStringLiteral("%1: belongs to patient %2, not %3; skipped")
                             .arg(other.sources.join(QStringLiteral(", ")), other.demographics.id, into.demographics.id);
        return false;
    }
    if (into.demographics.id.isEmpty()) into.demographics = other.demographics;
    append(into.encounters, other.encounters);
    append(into.conditions, other.conditions);
    append(into.observations, other.observations);
    append(into.medications, other.medications);
    append(into.procedures, other.procedures);
    append(into.reports, other.reports);
    append(into.imagingStudies, other.imagingStudies);
    append(into.allergies, other.allergies);
    append(into.carePlans, other.carePlans);
    for (auto it = other.countsByType.cbegin(); it != other.countsByType.cend(); ++it) into.countsByType[it.key()] += it.value();
    into.warnings << other.warnings;
    into.sources << other.sources;
    return true;
}

core::Result<PatientRecord> EhrImporter::import(const QString &fileOrDirectory, const EhrImportOptions &options,
                                                core::JobContext *context) {
    const QFileInfo info(fileOrDirectory);
    if (!info.exists()) return core::Error::notFound(QStringLiteral("no such file or folder")).inFile(fileOrDirectory);
    if (info.isFile()) return FhirRecordReader::readFile(fileOrDirectory, context);

    const QDir dir(fileOrDirectory);
    if (dir.exists(QStringLiteral("patients.csv"))) return SyntheaCsvReader::read(fileOrDirectory, options.patientId, context);

    const QStringList files = dir.entryList({QStringLiteral("*.json"), QStringLiteral("*.ndjson")}, QDir::Files, QDir::Name);
    if (files.isEmpty()) {
        return core::Error::invalidInput(QStringLiteral("no FHIR (*.json, *.ndjson) or Synthea CSV (patients.csv) files"))
            .inFile(fileOrDirectory);
    }
    PatientRecord record;
    int read = 0;
    for (const QString &name : files) {
        if (context && context->isCancelled()) return core::Error::cancelled();
        const QString path = dir.filePath(name);
        auto one = FhirRecordReader::readFile(path, nullptr);
        if (!one.ok()) {
            record.warnings << one.error().message();  // one bad file skips only itself
        } else if (merge(record, std::move(one).value())) {
            ++read;
        }
        if (context) context->setProgress(double(read) / files.size(), name);
    }
    if (read == 0) {
        return core::Error::invalidInput(QStringLiteral("none of %1 FHIR files could be read: %2")
                                             .arg(files.size()).arg(record.warnings.join(QStringLiteral("; "))))
            .inFile(fileOrDirectory);
    }
    return record;
}

}  // namespace twin::ehr
