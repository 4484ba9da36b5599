#pragma once
// Typed, path-aware access to one FHIR resource's JSON. Readers of nested objects share the
// first error of their resource, so a mapper reads every field it needs and checks once:
//
//   FhirFieldReader r(resource);
//   record.id = r.string("id");
//   FhirFieldReader quantity = r.object("valueQuantity");
//   std::optional<double> value = quantity.number("value");   // "abc" -> error at valueQuantity.value
//   if (r.failed()) return r.error();   // InvalidInput, field "valueQuantity.value", "not a number"
//
// Absent fields read as empty/nullopt (FHIR elements are optional unless a mapper says so);
// a field of the wrong JSON type is an error naming its path ("component[1].code.coding").

#include "twin/core/Error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace twin::ehr {

class FhirFieldReader {
public:
    /// A reader of a resource (or any object) at the root of a path.
    explicit FhirFieldReader(QJsonObject object = {});

    const QJsonObject &json() const { return object_; }
    /// The path of this object, e.g. "dosageInstruction[0].doseAndRate[0]" (empty at the root).
    const QString &path() const { return path_; }
    /// "path.key" (or "key" at the root).
    QString pathOf(QLatin1StringView key) const;

    bool has(QLatin1StringView key) const { return object_.contains(key); }
    QJsonValue raw(QLatin1StringView key) const { return object_.value(key); }

    /// A string field; a non-string is an error. `required`: absence (or "") is an error too.
    QString string(QLatin1StringView key, bool required = false) const;
    /// A JSON number that is finite; anything else is an error.
    std::optional<double> number(QLatin1StringView key) const;
    /// A JSON number without a fractional part, within ±2^53.
    std::optional<qint64> integer(QLatin1StringView key) const;
    std::optional<bool> boolean(QLatin1StringView key) const;
    /// An array of strings.
    QStringList strings(QLatin1StringView key) const;

    /// A nested object (an empty reader when absent; an error when not an object).
    FhirFieldReader object(QLatin1StringView key) const;
    /// The objects of an array field (errors for a non-array or a non-object element).
    QList<FhirFieldReader> objects(QLatin1StringView key) const;
    /// The first object of an array field, or an empty reader.
    FhirFieldReader first(QLatin1StringView key) const;

    /// Records an error at "path.key" unless the resource already has one.
    void fail(QLatin1StringView key, const QString &what) const;
    /// As fail(), for a key read from the input (e.g. an unexpected value[x] name).
    void failField(const QString &key, const QString &what) const;
    /// Records an error at this object's own path.
    void failHere(const QString &what) const;

    bool failed() const { return state_->error.has_value(); }
    /// The first error (InvalidInput with field() = its path), or a default Error.
    core::Error error() const { return state_->error.value_or(core::Error()); }

private:
    struct State {
        std::optional<core::Error> error;
    };
    FhirFieldReader(QJsonObject object, QString path, std::shared_ptr<State> state);
    void failAt(const QString &path, const QString &what) const;

    QJsonObject object_;
    QString path_;
    std::shared_ptr<State> state_;
};

}  // namespace twin::ehr
