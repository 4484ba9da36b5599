#pragma once
// WarningLog: the warnings of a run, at most one per (kind, model, subject); adding a second
// one for the same triple is a no-op, so callers can report every occurrence and keep the first.

#include "twin/simulation/SimulationWarning.h"

#include <QList>
#include <QSet>
#include <QString>

namespace twin::simulation {

class WarningLog {
public:
    void clear() {
        warnings_.clear();
        keys_.clear();
    }
    bool has(SimulationWarning::Kind kind, const QString &model, const QString &subject) const {
        return keys_.contains(key(kind, model, subject));
    }
    /// False when a warning for (kind, model, subject) was already there.
    bool add(SimulationWarning warning) {
        const QString k = key(warning.kind, warning.model, warning.subject);
        if (keys_.contains(k)) return false;
        keys_.insert(k);
        warnings_.append(std::move(warning));
        return true;
    }
    void replace(const QList<SimulationWarning> &warnings) {
        clear();
        for (const SimulationWarning &w : warnings) add(w);
    }
    const QList<SimulationWarning> &all() const { return warnings_; }

private:
    static QString key(SimulationWarning::Kind kind, const QString &model, const QString &subject) {
        return QString::number(static_cast<int>(kind)) + QChar(u'\x1f') + model + QChar(u'\x1f') + subject;
    }

    QList<SimulationWarning> warnings_;
    QSet<QString> keys_;
};

}  // namespace twin::simulation
