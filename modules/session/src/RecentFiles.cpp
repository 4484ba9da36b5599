#include "twin/session/RecentFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace twin::session {

namespace {

// One spelling per file: "ct/", "./ct" and "x/../ct" are the same entry as "ct". An empty path
// (a cancelled file dialog) stays empty rather than becoming an entry.
QString normalised(const QString &path) {
    return path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

}  // namespace

RecentFiles::RecentFiles(QString settingsKey, int capacity)
    : key_(std::move(settingsKey)), capacity_(capacity > 0 ? capacity : kDefaultCapacity) {}

QStringList RecentFiles::paths() const { return QSettings().value(key_).toStringList(); }

void RecentFiles::add(const QString &path) {
    const QString absolute = normalised(path);
    if (absolute.isEmpty()) return;
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > capacity_) list.removeLast();
    store(list);
}

void RecentFiles::remove(const QString &path) {
    QStringList list = paths();
    list.removeAll(normalised(path));
    store(list);
}

QStringList RecentFiles::pruneMissing() {
    QStringList kept;
    QStringList dropped;
    for (const QString &path : paths()) {
        (QFileInfo::exists(path) ? kept : dropped) << path;
    }
    if (!dropped.isEmpty()) store(kept);
    return dropped;
}

void RecentFiles::clear() { store({}); }

void RecentFiles::store(const QStringList &paths) const { QSettings().setValue(key_, paths); }

}  // namespace twin::session
