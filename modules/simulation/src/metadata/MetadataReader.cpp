// MetadataReader: see MetadataReader.h.

#include "metadata/MetadataReader.h"

#include "twin/core/UnitRegistry.h"

#include <QRegularExpression>

#include <cmath>

namespace twin::simulation {

namespace {
QString typeName(const QJsonValue &value) {
    switch (value.type()) {
        case QJsonValue::Null:
            return QStringLiteral("null");
        case QJsonValue::Bool:
            return QStringLiteral("a boolean");
        case QJsonValue::Double:
            return QStringLiteral("a number");
        case QJsonValue::String:
            return QStringLiteral("a string");
        case QJsonValue::Array:
            return QStringLiteral("an array");
        case QJsonValue::Object:
            return QStringLiteral("an object");
        case QJsonValue::Undefined:
            return QStringLiteral("missing");
    }
    return QStringLiteral("unknown");
}
}  // namespace

void MetadataReader::fail(const QString &field, const QString &what, core::Error::Code code) {
    if (error_) return;
    error_ = core::Error(code, what).inFile(file_).atField(field);
}

bool MetadataReader::isId(const QString &text) {
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9_]*$"));
    return pattern.match(text).hasMatch();
}

QString MetadataReader::string(const QJsonObject &o, const QString &path, const QString &key, Presence presence) {
    const QJsonValue value = o.value(key);
    if (value.isUndefined()) {
        if (presence == Presence::Required) fail(field(path, key), QStringLiteral("missing (a string is required)"));
        return {};
    }
    if (!value.isString()) {
        fail(field(path, key), QStringLiteral("must be a string, is %1").arg(typeName(value)));
        return {};
    }
    if (presence == Presence::Required && value.toString().trimmed().isEmpty()) {
        fail(field(path, key), QStringLiteral("must not be empty"));
    }
    return value.toString();
}

QString MetadataReader::id(const QJsonObject &o, const QString &path, const QString &key) {
    const QString text = string(o, path, key, Presence::Required);
    if (!failed() && !isId(text)) {
        fail(field(path, key), QStringLiteral("\"%1\" is not an id ([a-z][a-z0-9_]*)").arg(text));
    }
    return text;
}

QString MetadataReader::unit(const QJsonObject &o, const QString &path, const QString &key, Presence presence) {
    const QString code = string(o, path, key, presence);
    if (failed() || (presence == Presence::Optional && !o.contains(key))) return code;
    const core::Result<core::Unit> parsed = core::UnitRegistry::ucum().parse(code);
    if (!parsed.ok()) {
        fail(field(path, key), QStringLiteral("unit \"%1\" is not UCUM: %2").arg(code, parsed.error().message()));
    }
    return code;
}

double MetadataReader::number(const QJsonObject &o, const QString &path, const QString &key, Presence presence,
                              double fallback) {
    const QJsonValue value = o.value(key);
    if (value.isUndefined()) {
        if (presence == Presence::Required) fail(field(path, key), QStringLiteral("missing (a number is required)"));
        return fallback;
    }
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        fail(field(path, key), QStringLiteral("must be a finite number, is %1").arg(typeName(value)));
        return fallback;
    }
    return value.toDouble();
}

std::optional<double> MetadataReader::optionalNumber(const QJsonObject &o, const QString &path, const QString &key) {
    if (!o.contains(key)) return std::nullopt;
    const double value = number(o, path, key, Presence::Required);
    if (failed()) return std::nullopt;
    return value;
}

bool MetadataReader::boolean(const QJsonObject &o, const QString &path, const QString &key, bool fallback) {
    const QJsonValue value = o.value(key);
    if (value.isUndefined()) return fallback;
    if (!value.isBool()) {
        fail(field(path, key), QStringLiteral("must be true or false, is %1").arg(typeName(value)));
        return fallback;
    }
    return value.toBool();
}

QJsonArray MetadataReader::array(const QJsonObject &o, const QString &path, const QString &key, Presence presence) {
    const QJsonValue value = o.value(key);
    if (value.isUndefined()) {
        if (presence == Presence::Required) fail(field(path, key), QStringLiteral("missing (an array is required)"));
        return {};
    }
    if (!value.isArray()) {
        fail(field(path, key), QStringLiteral("must be an array, is %1").arg(typeName(value)));
        return {};
    }
    return value.toArray();
}

QJsonObject MetadataReader::object(const QJsonValue &value, const QString &fieldName) {
    if (!value.isObject()) {
        fail(fieldName, QStringLiteral("must be an object, is %1").arg(typeName(value)));
        return {};
    }
    return value.toObject();
}

QStringList MetadataReader::strings(const QJsonObject &o, const QString &path, const QString &key) {
    QStringList result;
    const QJsonArray list = array(o, path, key, Presence::Optional);
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isString()) {
            fail(item(field(path, key), i), QStringLiteral("must be a string, is %1").arg(typeName(list.at(i))));
            return result;
        }
        result << list.at(i).toString();
    }
    return result;
}

}  // namespace twin::simulation
