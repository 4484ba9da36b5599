#include "twin/ehr/PatientRecord.h"

#include <algorithm>

namespace twin::ehr {

QList<const ObservationRecord *> PatientRecord::history(const QString &code) const {
    QList<const ObservationRecord *> found;
    for (const ObservationRecord &observation : observations) {
        if (observation.code.hasCode({}, code)) found << &observation;
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const ObservationRecord *a, const ObservationRecord *b) { return a->effective < b->effective; });
    return found;
}

const ObservationRecord *PatientRecord::latest(const QString &code, const QDateTime &asOf) const {
    const ObservationRecord *best = nullptr;
    for (const ObservationRecord *observation : history(code)) {
        if (asOf.isValid() && observation->effective > asOf) break;
        best = observation;
    }
    return best;
}

QMap<QString, QString> PatientRecord::observedCodes() const {
    QMap<QString, QString> codes;
    for (const ObservationRecord &observation : observations) {
        const QString code = observation.code.codeIn(code_system::kLoinc);
        const QString key = code.isEmpty() && !observation.code.codings.isEmpty() ? observation.code.codings.first().code : code;
        if (!key.isEmpty() && !codes.contains(key)) codes.insert(key, observation.code.label());
    }
    return codes;
}

}  // namespace twin::ehr
