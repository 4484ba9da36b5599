#pragma once
// Resolves FHIR References among the resources read (one bundle, NDJSON file or directory):
//   "urn:uuid:…" / "urn:oid:…" / any absolute URL  → the entry with that Bundle.entry.fullUrl;
//   "Observation/abc" (optionally "/_history/2")     → the resource with that type and id
//                                                       (bundles with absolute fullUrls, NDJSON);
//   "#med1"                                           → a contained resource of the referrer;
//   "Organization?identifier=…"                       → Conditional: kept unresolved (Synthea
//                                                       writes these for shared resources; a
//                                                       note, never an error).
// Lookups are hash lookups: resolving every reference of a bundle is linear in its size.

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringView>

namespace twin::ehr {

struct FhirResolvedReference {
    enum class Kind {
        Empty,        // no reference string (display-only or identifier-only Reference)
        Entry,        // a resource read from the input: `entry`, `type`, `id`, `resource`
        Contained,    // a contained resource of the referrer: `type`, `id`, `resource`
        Conditional,  // "Type?search": not resolvable offline
        Unresolved,   // well-formed but not among the resources read
    };
    Kind kind = Kind::Empty;
    int entry = -1;  // FhirReferenceResolver entry number (Kind::Entry)
    QString type;    // resource type, when known (also from an unresolved "Type/id")
    QString id;      // resource id, when known
    QJsonObject resource;

    bool found() const { return kind == Kind::Entry || kind == Kind::Contained; }
};

class FhirReferenceResolver {
public:
    /// Registers a resource; returns its entry number. `fullUrl` may be empty. When another
    /// entry already has the same fullUrl or type/id, the first keeps it and `duplicateOf`
    /// (when given) receives that entry's number (else -1).
    int add(const QString &fullUrl, const QString &type, const QString &id, const QJsonObject &resource,
            int *duplicateOf = nullptr);

    int size() const { return static_cast<int>(resources_.size()); }
    const QJsonObject &resource(int entry) const { return resources_.at(entry); }
    const QString &type(int entry) const { return types_.at(entry); }
    const QString &id(int entry) const { return ids_.at(entry); }

    /// Resolves `reference`, looking for "#id" among `referrer`'s contained resources.
    FhirResolvedReference resolve(const QString &reference, const QJsonObject &referrer = {}) const;

    /// "Type?…" with a resource-type-shaped Type.
    static bool isConditional(QStringView reference);
    /// "Type/id" or "Type/id/_history/v" (also at the end of an absolute URL): type and id.
    static bool splitRelative(QStringView reference, QString *type, QString *id);

private:
    QHash<QString, int> byFullUrl_;
    QHash<QString, int> byTypeAndId_;  // "Type/id"
    QList<QJsonObject> resources_;
    QStringList types_;
    QStringList ids_;
};

}  // namespace twin::ehr
