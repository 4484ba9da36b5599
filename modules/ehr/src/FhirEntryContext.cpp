#include "twin/ehr/FhirEntryContext.h"

namespace twin::ehr {

QString FhirEntryContext::location() const {
    const QString resource = resourceId.isEmpty() ? resourceType + QStringLiteral(" (no id)")
                                                  : resourceType + QLatin1Char('/') + resourceId;
    switch (container) {
    case Container::Bundle: return QStringLiteral("Bundle.entry[%1] %2").arg(index).arg(resource);
    case Container::Ndjson: return QStringLiteral("line %1 %2").arg(index + 1).arg(resource);
    case Container::Single: break;
    }
    return resource;
}

QString FhirEntryContext::message(const QString &field, const QString &what) const {
    if (field.isEmpty()) return QStringLiteral("%1: %2: %3").arg(file, location(), what);
    return QStringLiteral("%1: %2: field %3: %4").arg(file, location(), field, what);
}

void FhirEntryContext::note(const QString &field, const QString &what) const {
    if (notes) notes->append(message(field, what));
}

Provenance FhirEntryContext::provenance() const {
    Provenance provenance;
    provenance.file = file;
    provenance.resourceType = resourceType;
    provenance.resourceId = resourceId;
    provenance.entryIndex = container == Container::Single ? -1 : index;
    return provenance;
}

FhirResolvedReference FhirEntryContext::resolve(const QString &reference) const {
    if (resolver) return resolver->resolve(reference, resource);
    FhirResolvedReference result;
    if (reference.isEmpty()) return result;
    FhirReferenceResolver empty;
    return empty.resolve(reference, resource);
}

}  // namespace twin::ehr
