#include "twin/ehr/CodedConcept.h"

namespace twin::ehr {

bool CodedConcept::hasCode(const QString &system, const QString &code) const {
    for (const Coding &coding : codings) {
        if (coding.code == code && (system.isEmpty() || coding.system == system)) return true;
    }
    return false;
}

QString CodedConcept::codeIn(const QString &system) const {
    for (const Coding &coding : codings) {
        if (coding.system == system) return coding.code;
    }
    return {};
}

QString CodedConcept::label() const {
    if (!text.isEmpty()) return text;
    for (const Coding &coding : codings) {
        if (!coding.display.isEmpty()) return coding.display;
    }
    return codings.isEmpty() ? QString() : codings.first().code;
}

}  // namespace twin::ehr
