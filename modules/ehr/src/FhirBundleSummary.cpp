#include "twin/ehr/FhirBundleSummary.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace twin::ehr {

int FhirBundleSummary::total() const {
    int sum = 0;
    for (int count : countsByType) sum += count;
    return sum;
}

core::Result<FhirBundleSummary> FhirBundleSummary::readFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return core::Error::io(QStringLiteral("cannot open: %1").arg(file.errorString())).inFile(path);
    }
    return fromJson(file.readAll(), path);
}

core::Result<FhirBundleSummary> FhirBundleSummary::fromJson(const QByteArray &json, const QString &sourceName) {
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return core::Error::invalidInput(QStringLiteral("invalid JSON at byte %1: %2")
                                             .arg(parseError.offset).arg(parseError.errorString()))
            .inFile(sourceName);
    }
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("resourceType")).toString() != QStringLiteral("Bundle")) {
        return core::Error::invalidInput(QStringLiteral("expected a FHIR Bundle"))
            .inFile(sourceName).atField(QStringLiteral("resourceType"));
    }
    FhirBundleSummary summary;
    summary.bundleType = root.value(QStringLiteral("type")).toString();
    const QJsonArray entries = root.value(QStringLiteral("entry")).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject resource = entries.at(i).toObject().value(QStringLiteral("resource")).toObject();
        const QString type = resource.value(QStringLiteral("resourceType")).toString();
        if (type.isEmpty()) {
            summary.warnings << QStringLiteral("%1: Bundle.entry[%2].resource: missing resourceType, entry skipped")
                                    .arg(sourceName).arg(i);
            continue;
        }
        ++summary.countsByType[type];
    }
    return summary;
}

}  // namespace twin::ehr
