#pragma once
// The software components (name, version, licence) a result was produced with: IEC 62304's
// SOUP list in miniature. Shown in About, printed by `didymos-cli info --json`, and stamped on
// every report so a figure can be reproduced.

#include <QJsonArray>
#include <QList>
#include <QString>

namespace twin::reporting {

struct SoftwareComponent {
    QString name;
    QString version;
    QString licence;
};

class SoftwareInventory {
public:
    void add(SoftwareComponent component);
    const QList<SoftwareComponent> &components() const { return components_; }
    /// Version of the named component, empty when absent.
    QString versionOf(const QString &name) const;
    /// [{"name":…, "version":…, "licence":…}, …] in insertion order.
    QJsonArray toJson() const;
    /// "Qt 6.4.2 (LGPL-3.0)" lines.
    QString toText() const;

private:
    QList<SoftwareComponent> components_;
};

}  // namespace twin::reporting
