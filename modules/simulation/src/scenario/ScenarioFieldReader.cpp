// ScenarioFieldReader: typed reads of a scenario's JSON object with field-named errors.

#include "scenario/ScenarioFieldReader.h"

#include <QStringList>

#include <cmath>
#include <limits>

namespace twin::simulation {

const QJsonValue *ScenarioFieldReader::lookup(const QString &key, bool required) {
    read_.insert(key);
    if (failed()) return nullptr;
    const auto it = object_.constFind(key);
    if (it == object_.constEnd() || it->isNull()) {
        if (required) fail(field(key), QStringLiteral("is required"));
        return nullptr;
    }
    current_ = *it;
    return &current_;
}

double ScenarioFieldReader::number(const QString &key, std::optional<double> fallback) {
    const QJsonValue *value = lookup(key, !fallback.has_value());
    if (!value) return fallback.value_or(0.0);
    if (!value->isDouble() || !std::isfinite(value->toDouble())) {
        fail(field(key), QStringLiteral("must be a number"));
        return fallback.value_or(0.0);
    }
    return value->toDouble();
}

int ScenarioFieldReader::integer(const QString &key, std::optional<int> fallback) {
    const QJsonValue *value = lookup(key, !fallback.has_value());
    if (!value) return fallback.value_or(0);
    const double v = value->toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!value->isDouble() || v != std::floor(v) || std::abs(v) > std::numeric_limits<int>::max()) {
        fail(field(key), QStringLiteral("must be an integer"));
        return fallback.value_or(0);
    }
    return static_cast<int>(v);
}

QString ScenarioFieldReader::text(const QString &key, std::optional<QString> fallback) {
    const QJsonValue *value = lookup(key, !fallback.has_value());
    if (!value) return fallback.value_or(QString());
    if (!value->isString()) {
        fail(field(key), QStringLiteral("must be a string"));
        return fallback.value_or(QString());
    }
    return value->toString();
}

QJsonArray ScenarioFieldReader::array(const QString &key, bool required) {
    const QJsonValue *value = lookup(key, required);
    if (!value) return {};
    if (!value->isArray()) {
        fail(field(key), QStringLiteral("must be an array"));
        return {};
    }
    return value->toArray();
}

QJsonObject ScenarioFieldReader::object(const QString &key, bool required) {
    const QJsonValue *value = lookup(key, required);
    if (!value) return {};
    if (!value->isObject()) {
        fail(field(key), QStringLiteral("must be an object"));
        return {};
    }
    return value->toObject();
}

ScenarioFieldReader ScenarioFieldReader::element(const QString &key, qsizetype index, const QJsonValue &value) {
    const QString name = QStringLiteral("%1[%2]").arg(field(key)).arg(index);
    if (!value.isObject()) fail(name, QStringLiteral("must be an object"));
    return {value.toObject(), name, file_, error_};
}

void ScenarioFieldReader::rejectUnknownKeys() {
    QStringList keys = object_.keys();
    keys.sort();
    for (const QString &key : keys) {
        if (!read_.contains(key)) {
            fail(field(key), QStringLiteral("unknown key (misspelt? see resources/schemas/scenario.schema.json)"));
            return;
        }
    }
}

}  // namespace twin::simulation
