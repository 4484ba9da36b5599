#pragma once
// What a resource mapper knows about the resource it maps: where it was read (file, bundle
// entry or NDJSON line), the resolver for its references, and where non-fatal notes go.
//
// Locations read "Bundle.entry[7] Observation/abc" (bundles), "line 8 Observation/abc" (NDJSON,
// 1-based like an editor) or "Observation/abc" (a single-resource file); the reader's messages
// are "<file>: <location>: field <path>: <what>".

#include "twin/ehr/FhirReferenceResolver.h"
#include "twin/ehr/Provenance.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace twin::ehr {

struct FhirEntryContext {
    enum class Container { Bundle, Ndjson, Single };

    QString file;                  // the file (or source name) read
    Container container = Container::Single;
    int index = -1;                // Bundle.entry index or NDJSON line (0-based)
    QString resourceType;
    QString resourceId;            // Resource.id, or the fullUrl when there is none
    QJsonObject resource;          // the resource (for "#contained" references)
    const FhirReferenceResolver *resolver = nullptr;
    QStringList *notes = nullptr;  // non-fatal findings, already formatted (may be null)

    /// "Bundle.entry[7] Observation/abc" / "line 8 Observation/abc" / "Observation/abc".
    QString location() const;
    /// "<file>: <location>: field <field>: <what>" (without the field part when it is empty).
    QString message(const QString &field, const QString &what) const;
    /// Adds message(field, what) to the notes.
    void note(const QString &field, const QString &what) const;
    Provenance provenance() const;
    /// Resolves a reference from this resource (null resolver: everything is unresolved).
    FhirResolvedReference resolve(const QString &reference) const;
};

}  // namespace twin::ehr
