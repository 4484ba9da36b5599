#pragma once
// Finds the elements of a Bundle's top-level "entry" array in the raw bytes, without building a
// JSON tree, so each entry can be parsed on its own (in parallel) instead of the whole file at
// once: one giant QJsonDocument costs ~8x the file in memory and grows its arrays by
// reallocation, which made import time grow faster than the file (PERFORMANCE: 10x the input
// must cost < 12x the time).
//
// The scanner only tracks strings (with escapes) and bracket depth; it does not validate JSON.
// Anything unexpected (not an object, no or several "entry" members, unbalanced brackets, an
// unterminated string) returns nullopt, and the caller parses the file as a whole, which gives
// the exact "line L, column C" error. Entries that are invalid JSON fail their own parse, and
// the caller falls back the same way.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace twin::ehr {

struct FhirBundleSlices {
    /// The document with the entry array emptied ("entry":[]): the Bundle's own fields.
    QByteArray root;
    /// Each element of the entry array, in order (views into the input).
    QList<QByteArrayView> entries;
};

class FhirBundleSlicer {
public:
    /// The entry slices of a JSON object with a top-level "entry" array; nullopt otherwise.
    static std::optional<FhirBundleSlices> slice(QByteArrayView json);
};

}  // namespace twin::ehr
