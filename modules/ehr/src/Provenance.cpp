#include "twin/ehr/Provenance.h"

#include <QFileInfo>

namespace twin::ehr {

QString Provenance::describe() const {
    const QString fileName = QFileInfo(file).fileName();
    if (csvRow >= 0) return QStringLiteral("%1 row %2").arg(fileName).arg(csvRow);
    QString text = resourceType.isEmpty() ? resourceId : QStringLiteral("%1/%2").arg(resourceType, resourceId);
    QStringList where;
    if (!fileName.isEmpty()) where << fileName;
    if (entryIndex >= 0) where << QStringLiteral("Bundle.entry[%1]").arg(entryIndex);
    if (!where.isEmpty()) text += QStringLiteral(" (%1)").arg(where.join(QStringLiteral(", ")));
    return text.trimmed();
}

}  // namespace twin::ehr
