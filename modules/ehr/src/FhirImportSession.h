#pragma once
// One import: the resources of one or more files, collected first (so references between
// files resolve), then mapped into a PatientRecord. FhirRecordReader's engine.
//   addSource() — parse, tell Bundle / single resource / NDJSON apart, register every resource
//                 with the reference resolver; structural problems of an entry are warnings;
//   finish()    — choose the Patient, map every entry (a failing one is skipped with a warning),
//                 add the reference notes.

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/ehr/FhirEntryContext.h"
#include "twin/ehr/FhirRecordReader.h"
#include "twin/ehr/FhirReferenceResolver.h"
#include "twin/ehr/PatientRecord.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace twin::ehr {

class FhirImportSession {
public:
    FhirImportSession(const FhirReadOptions &options, core::JobContext *context);

    /// Reads one file's resources. Whole-file failures (not JSON, not FHIR) are errors naming it.
    core::Status addSource(QByteArrayView json, const QString &sourceName);
    /// Maps what was read. Errors: no Patient (when required), the chosen Patient unreadable,
    /// cancellation.
    core::Result<PatientRecord> finish();

    /// Warnings of sources that were skipped by the caller (readDirectory) go here too.
    void warn(const QString &warning) { record_.warnings << warning; }
    /// The input as a whole in whole-input errors (a directory); default: the sources.
    void setInputName(const QString &name) { inputName_ = name; }
    int resourceCount() const { return static_cast<int>(entries_.size()); }

private:
    struct Entry {
        int resolverEntry = -1;
        int source = 0;
        int index = -1;
        FhirEntryContext::Container container = FhirEntryContext::Container::Single;
        QString type;
        QString id;  // Resource.id, else the fullUrl
    };

    /// A Bundle read entry by entry (FhirBundleSlicer); nullopt when the bytes need the
    /// whole-document parse (not a plain Bundle object, or invalid JSON somewhere).
    std::optional<core::Status> addSlicedBundle(QByteArrayView json, int source);
    /// `entryValues`: the entries when parsed separately (root's own "entry" is then empty).
    core::Status addDocument(const QJsonObject &root, int source, const QList<QJsonValue> *entryValues = nullptr);
    core::Status addNdjson(QByteArrayView json, int source);
    /// Registers one resource; false (with a warning) when it is not a usable resource.
    void addResource(const QJsonValue &value, const QString &fullUrl, int source, int index,
                     FhirEntryContext::Container container);
    void warnEntry(int source, int index, FhirEntryContext::Container container, const QString &what);

    FhirEntryContext contextFor(const Entry &entry);
    /// Maps the Patient to import (options.patientId, else the first); -1 when there is none.
    core::Result<int> choosePatient();
    /// The other Patient ("Patient/x") that the entry's subject/patient resolves to, or "".
    QString otherPatientOf(const Entry &entry, int patientResolverEntry) const;
    void mapEntry(const Entry &entry);
    void noteReferences(const Entry &entry);
    void noteReferencesIn(const QJsonValue &value, const QString &field, const Entry &entry, int depth);
    void addSummaryWarnings(int patientEntry);
    QString inputName() const;
    bool cancelled() const { return context_ && context_->isCancelled(); }

    FhirReadOptions options_;
    core::JobContext *context_ = nullptr;
    FhirReferenceResolver resolver_;
    QList<Entry> entries_;
    QStringList sources_;
    QList<int> duplicatesPerSource_;
    QStringList firstDuplicatePerSource_;
    PatientRecord record_;
    QString inputName_;
    std::optional<core::Error> firstFailure_;  // of a resource that could not be mapped

    struct ReferenceNote {
        int count = 0;
        QString first;  // "Bundle.entry[3] Encounter/abc (serviceProvider)"
    };
    QMap<QString, ReferenceNote> conditional_;                      // by target
    QMap<int, ReferenceNote> unresolvedPerSource_;                   // by source
    QMap<QString, int> skippedForOtherPatient_;                      // by other Patient's type/id
};

}  // namespace twin::ehr
