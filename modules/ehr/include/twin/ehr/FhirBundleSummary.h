#pragma once
// A first look at a FHIR R4 JSON Bundle: its type and how many resources of each type it
// holds. One bad entry skips only itself and is reported as "Bundle.entry[i]: ...".

#include "twin/core/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace twin::ehr {

struct FhirBundleSummary {
    QString bundleType;
    QMap<QString, int> countsByType;
    QStringList warnings;

    int total() const;
    static core::Result<FhirBundleSummary> readFile(const QString &path);
    static core::Result<FhirBundleSummary> fromJson(const QByteArray &json, const QString &sourceName);
};

}  // namespace twin::ehr
