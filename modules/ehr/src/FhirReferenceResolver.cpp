#include "twin/ehr/FhirReferenceResolver.h"

#include <QJsonArray>

namespace twin::ehr {

using namespace Qt::StringLiterals;

namespace {

bool isResourceTypeName(QStringView text) {
    if (text.isEmpty() || text.size() > 64 || !(text.front() >= QLatin1Char('A') && text.front() <= QLatin1Char('Z'))) {
        return false;
    }
    for (const QChar c : text) {
        if (!((c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('a') && c <= QLatin1Char('z')))) {
            return false;
        }
    }
    return true;
}

bool isIdLike(QStringView text) {
    if (text.isEmpty() || text.size() > 256) return false;
    for (const QChar c : text) {
        if (c == QLatin1Char('/') || c == QLatin1Char('?') || c == QLatin1Char('#') || c.isSpace()) return false;
    }
    return true;
}

QString typeAndId(const QString &type, const QString &id) { return type + QLatin1Char('/') + id; }

}  // namespace

bool FhirReferenceResolver::isConditional(QStringView reference) {
    const qsizetype question = reference.indexOf(QLatin1Char('?'));
    return question > 0 && isResourceTypeName(reference.first(question));
}

bool FhirReferenceResolver::splitRelative(QStringView reference, QString *type, QString *id) {
    const qsizetype history = reference.indexOf(QLatin1String("/_history/"));
    if (history >= 0) reference = reference.first(history);
    const qsizetype slash = reference.lastIndexOf(QLatin1Char('/'));
    if (slash <= 0) return false;
    const QStringView idPart = reference.sliced(slash + 1);
    const QStringView head = reference.first(slash);
    const qsizetype typeStart = head.lastIndexOf(QLatin1Char('/')) + 1;
    const QStringView typePart = head.sliced(typeStart);
    if (!isResourceTypeName(typePart) || !isIdLike(idPart)) return false;
    if (type) *type = typePart.toString();
    if (id) *id = idPart.toString();
    return true;
}

int FhirReferenceResolver::add(const QString &fullUrl, const QString &type, const QString &id,
                               const QJsonObject &resource, int *duplicateOf) {
    const int entry = size();
    resources_.append(resource);
    types_.append(type);
    ids_.append(id);
    int duplicate = -1;
    if (!fullUrl.isEmpty()) {
        const auto it = byFullUrl_.constFind(fullUrl);
        if (it == byFullUrl_.cend()) {
            byFullUrl_.insert(fullUrl, entry);
        } else {
            duplicate = it.value();
        }
    }
    if (!type.isEmpty() && !id.isEmpty()) {
        const QString key = typeAndId(type, id);
        const auto it = byTypeAndId_.constFind(key);
        if (it == byTypeAndId_.cend()) {
            byTypeAndId_.insert(key, entry);
        } else if (duplicate < 0) {
            duplicate = it.value();
        }
    }
    if (duplicateOf) *duplicateOf = duplicate;
    return entry;
}

FhirResolvedReference FhirReferenceResolver::resolve(const QString &reference, const QJsonObject &referrer) const {
    FhirResolvedReference result;
    if (reference.isEmpty()) return result;
    if (reference.startsWith(QLatin1Char('#'))) {
        const QStringView wanted = QStringView(reference).sliced(1);
        result.kind = FhirResolvedReference::Kind::Unresolved;
        if (wanted.isEmpty()) {  // "#" is the container itself
            result.kind = FhirResolvedReference::Kind::Contained;
            result.resource = referrer;
        } else {
            const QJsonArray contained = referrer.value("contained"_L1).toArray();
            for (const QJsonValue &value : contained) {
                const QJsonObject object = value.toObject();
                if (object.value("id"_L1).toString() == wanted) {
                    result.kind = FhirResolvedReference::Kind::Contained;
                    result.resource = object;
                    break;
                }
            }
        }
        result.type = result.resource.value("resourceType"_L1).toString();
        result.id = wanted.toString();
        return result;
    }
    if (isConditional(reference)) {
        result.kind = FhirResolvedReference::Kind::Conditional;
        result.type = reference.first(reference.indexOf(QLatin1Char('?')));
        return result;
    }
    int entry = byFullUrl_.value(reference, -1);
    const bool absolute = reference.contains(QLatin1Char(':'));
    QString type;
    QString id;
    const bool relativeShape = splitRelative(reference, &type, &id);
    if (entry < 0 && !absolute && relativeShape) entry = byTypeAndId_.value(typeAndId(type, id), -1);
    if (entry < 0) {
        result.kind = FhirResolvedReference::Kind::Unresolved;
        result.type = type;
        result.id = id;
        return result;
    }
    result.kind = FhirResolvedReference::Kind::Entry;
    result.entry = entry;
    result.type = types_.at(entry);
    result.id = ids_.at(entry);
    result.resource = resources_.at(entry);
    return result;
}

}  // namespace twin::ehr
