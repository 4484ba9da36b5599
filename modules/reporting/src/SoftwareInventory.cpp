#include "twin/reporting/SoftwareInventory.h"

#include <QJsonObject>
#include <QStringList>

namespace twin::reporting {

void SoftwareInventory::add(SoftwareComponent component) { components_ << std::move(component); }

QString SoftwareInventory::versionOf(const QString &name) const {
    for (const SoftwareComponent &component : components_) {
        if (component.name == name) return component.version;
    }
    return {};
}

QJsonArray SoftwareInventory::toJson() const {
    QJsonArray array;
    for (const SoftwareComponent &component : components_) {
        array.append(QJsonObject{{QStringLiteral("name"), component.name},
                                 {QStringLiteral("version"), component.version},
                                 {QStringLiteral("licence"), component.licence}});
    }
    return array;
}

QString SoftwareInventory::toText() const {
    QStringList lines;
    for (const SoftwareComponent &component : components_) {
        lines << QStringLiteral("%1 %2 (%3)").arg(component.name, component.version, component.licence);
    }
    return lines.join(QLatin1Char('\n'));
}

}  // namespace twin::reporting
