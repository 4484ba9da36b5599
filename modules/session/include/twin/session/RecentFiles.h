#pragma once
// Most-recently-used data paths (DICOM folders, case files, demo patient), newest first,
// without duplicates, capped, stored in QSettings so the GUI and the CLI share them.

#include <QString>
#include <QStringList>

namespace twin::session {

class RecentFiles {
public:
    static constexpr int kDefaultCapacity = 10;

    explicit RecentFiles(QString settingsKey = QStringLiteral("recentFiles"), int capacity = kDefaultCapacity);

    QStringList paths() const;
    /// Moves `path` (made absolute and clean: no "."/".." segments or trailing separator) to the
    /// front; drops the oldest beyond capacity. An empty path is ignored.
    void add(const QString &path);
    void remove(const QString &path);
    /// Drops entries that no longer exist on disk; returns what was dropped.
    QStringList pruneMissing();
    void clear();

private:
    void store(const QStringList &paths) const;

    QString key_;
    int capacity_;
};

}  // namespace twin::session
