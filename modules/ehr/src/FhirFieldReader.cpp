#include "twin/ehr/FhirFieldReader.h"

#include <cmath>

namespace twin::ehr {

namespace {

QString typeName(const QJsonValue &value) {
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

QString expected(const char *what, const QJsonValue &got) {
    return QStringLiteral("expected %1, got %2").arg(QLatin1String(what), typeName(got));
}

constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

}  // namespace

FhirFieldReader::FhirFieldReader(QJsonObject object)
    : object_(std::move(object)), state_(std::make_shared<State>()) {}

FhirFieldReader::FhirFieldReader(QJsonObject object, QString path, std::shared_ptr<State> state)
    : object_(std::move(object)), path_(std::move(path)), state_(std::move(state)) {}

QString FhirFieldReader::pathOf(QLatin1StringView key) const {
    return path_.isEmpty() ? QString(key) : path_ + QLatin1Char('.') + key;
}

void FhirFieldReader::failAt(const QString &path, const QString &what) const {
    if (!state_->error) state_->error = core::Error::invalidInput(what).atField(path);
}

void FhirFieldReader::fail(QLatin1StringView key, const QString &what) const { failAt(pathOf(key), what); }

void FhirFieldReader::failField(const QString &key, const QString &what) const {
    failAt(path_.isEmpty() ? key : path_ + QLatin1Char('.') + key, what);
}

void FhirFieldReader::failHere(const QString &what) const { failAt(path_, what); }

QString FhirFieldReader::string(QLatin1StringView key, bool required) const {
    const QJsonValue value = object_.value(key);
    if (value.isString()) {
        QString text = value.toString();
        if (required && text.isEmpty()) fail(key, QStringLiteral("empty (required)"));
        return text;
    }
    if (value.isUndefined()) {
        if (required) fail(key, QStringLiteral("missing (required)"));
        return {};
    }
    fail(key, expected("a string", value));
    return {};
}

std::optional<double> FhirFieldReader::number(QLatin1StringView key) const {
    const QJsonValue value = object_.value(key);
    if (value.isUndefined()) return std::nullopt;
    if (!value.isDouble()) {
        fail(key, value.isString() ? QStringLiteral("not a number (a JSON string \"%1\"; FHIR decimals are JSON numbers)")
                                         .arg(value.toString().left(40))
                                   : QStringLiteral("not a number (%1)").arg(typeName(value)));
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (!std::isfinite(number)) {
        fail(key, QStringLiteral("not a finite number"));
        return std::nullopt;
    }
    return number;
}

std::optional<qint64> FhirFieldReader::integer(QLatin1StringView key) const {
    const QJsonValue value = object_.value(key);
    if (value.isUndefined()) return std::nullopt;
    const double number = value.toDouble();
    if (!value.isDouble() || !std::isfinite(number) || std::trunc(number) != number ||
        std::fabs(number) > kMaxExactInteger) {
        fail(key, value.isDouble() ? QStringLiteral("not an integer (%1)").arg(number)
                                   : QStringLiteral("not an integer (%1)").arg(typeName(value)));
        return std::nullopt;
    }
    return static_cast<qint64>(number);
}

std::optional<bool> FhirFieldReader::boolean(QLatin1StringView key) const {
    const QJsonValue value = object_.value(key);
    if (value.isUndefined()) return std::nullopt;
    if (!value.isBool()) {
        fail(key, expected("a boolean", value));
        return std::nullopt;
    }
    return value.toBool();
}

QStringList FhirFieldReader::strings(QLatin1StringView key) const {
    const QJsonValue value = object_.value(key);
    if (value.isUndefined()) return {};
    if (!value.isArray()) {
        fail(key, expected("an array", value));
        return {};
    }
    const QJsonArray array = value.toArray();
    QStringList result;
    result.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue element = array.at(i);
        if (!element.isString()) {
            failAt(QStringLiteral("%1[%2]").arg(pathOf(key)).arg(i), expected("a string", element));
            return result;
        }
        result << element.toString();
    }
    return result;
}

FhirFieldReader FhirFieldReader::object(QLatin1StringView key) const {
    const QJsonValue value = object_.value(key);
    if (value.isObject()) return FhirFieldReader(value.toObject(), pathOf(key), state_);
    if (!value.isUndefined()) fail(key, expected("an object", value));
    return FhirFieldReader(QJsonObject(), pathOf(key), state_);
}

QList<FhirFieldReader> FhirFieldReader::objects(QLatin1StringView key) const {
    const QJsonValue value = object_.value(key);
    if (value.isUndefined()) return {};
    if (!value.isArray()) {
        fail(key, expected("an array", value));
        return {};
    }
    const QJsonArray array = value.toArray();
    QList<FhirFieldReader> result;
    result.reserve(array.size());
    const QString base = pathOf(key);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue element = array.at(i);
        const QString path = base + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
        if (!element.isObject()) {
            failAt(path, expected("an object", element));
            return result;
        }
        result.append(FhirFieldReader(element.toObject(), path, state_));
    }
    return result;
}

FhirFieldReader FhirFieldReader::first(QLatin1StringView key) const {
    const QJsonValue value = object_.value(key);
    if (value.isUndefined()) return FhirFieldReader(QJsonObject(), pathOf(key), state_);
    if (!value.isArray()) {
        fail(key, expected("an array", value));
        return FhirFieldReader(QJsonObject(), pathOf(key), state_);
    }
    const QJsonArray array = value.toArray();
    const QString path = pathOf(key) + QStringLiteral("[0]");
    if (array.isEmpty()) return FhirFieldReader(QJsonObject(), path, state_);
    const QJsonValue element = array.at(0);
    if (!element.isObject()) failAt(path, expected("an object", element));
    return FhirFieldReader(element.toObject(), path, state_);
}

}  // namespace twin::ehr
