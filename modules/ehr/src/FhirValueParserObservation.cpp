// FhirValueParser::observationValue: Observation.value[x] and component.value[x], all eleven
// R4 types.

#include "twin/ehr/FhirValueParser.h"

#include <array>

namespace twin::ehr {

using namespace Qt::StringLiterals;

namespace {

using Kind = ObservationValue::Kind;

struct ValueType {
    const char *name;
    Kind kind;
};

constexpr std::array<ValueType, 11> kValueTypes{{
    {"Quantity", Kind::Quantity},
    {"CodeableConcept", Kind::CodeableConcept},
    {"String", Kind::String},
    {"Boolean", Kind::Boolean},
    {"Integer", Kind::Integer},
    {"Range", Kind::Range},
    {"Ratio", Kind::Ratio},
    {"SampledData", Kind::SampledData},
    {"Time", Kind::Time},
    {"DateTime", Kind::DateTime},
    {"Period", Kind::Period},
}};

QString joinUnits(const QString &numerator, const QString &denominator) {
    if (denominator.isEmpty() || denominator == QLatin1String("1")) return numerator;
    return (numerator.isEmpty() ? QStringLiteral("1") : numerator) + QLatin1Char('/') + denominator;
}

void readQuantity(const FhirFieldReader &reader, QLatin1StringView key, ObservationValue &value) {
    const FhirQuantity quantity = FhirValueParser::quantity(reader, key);
    value.number = quantity.value;
    value.unit = quantity.unit;
    value.comparator = quantity.comparator;
}

void readRange(const FhirFieldReader &reader, QLatin1StringView key, ObservationValue &value) {
    const FhirFieldReader range = reader.object(key);
    const FhirQuantity low = FhirValueParser::quantity(range, "low"_L1);
    const FhirQuantity high = FhirValueParser::quantity(range, "high"_L1);
    value.number = low.value;
    value.high = high.value;
    value.unit = low.unit.isEmpty() ? high.unit : low.unit;
}

void readRatio(const FhirFieldReader &reader, QLatin1StringView key, ObservationValue &value) {
    const FhirFieldReader ratio = reader.object(key);
    const FhirQuantity numerator = FhirValueParser::quantity(ratio, "numerator"_L1);
    const FhirQuantity denominator = FhirValueParser::quantity(ratio, "denominator"_L1);
    value.number = numerator.value;
    value.high = denominator.value;
    value.comparator = numerator.comparator;
    value.unit = joinUnits(numerator.unit, denominator.unit);
    if (denominator.value && *denominator.value == 0.0) {
        ratio.fail("denominator"_L1, QStringLiteral("zero denominator"));
    }
}

void readSampledData(const FhirFieldReader &reader, QLatin1StringView key, ObservationValue &value) {
    const FhirFieldReader data = reader.object(key);
    const FhirQuantity origin = FhirValueParser::quantity(data, "origin"_L1);
    value.number = origin.value;
    value.unit = origin.unit;
    data.number("period"_L1);
    const std::optional<qint64> dimensions = data.integer("dimensions"_L1);
    if (dimensions && *dimensions < 1) data.fail("dimensions"_L1, QStringLiteral("must be at least 1"));
    value.text = data.string("data"_L1);
}

void readValue(const FhirFieldReader &reader, QLatin1StringView key, Kind kind, ObservationValue &value) {
    switch (kind) {
    case Kind::Quantity: readQuantity(reader, key, value); break;
    case Kind::CodeableConcept:
        value.codedValue = FhirValueParser::codeableConcept(reader, key);
        value.text = value.codedValue.label();
        break;
    case Kind::String: value.text = reader.string(key); break;
    case Kind::Boolean: value.boolean = reader.boolean(key).value_or(false); break;
    case Kind::Integer: {
        const std::optional<qint64> number = reader.integer(key);
        if (number) value.number = static_cast<double>(*number);
        break;
    }
    case Kind::Range: readRange(reader, key, value); break;
    case Kind::Ratio: readRatio(reader, key, value); break;
    case Kind::SampledData: readSampledData(reader, key, value); break;
    case Kind::Time:
        value.text = reader.string(key);
        if (!FhirValueParser::isTime(value.text)) {
            reader.fail(key, QStringLiteral("not a valid FHIR time: \"%1\"").arg(value.text.left(40)));
        }
        break;
    case Kind::DateTime: value.dateTime = FhirValueParser::dateTime(reader, key); break;
    case Kind::Period: {
        const auto [start, end] = FhirValueParser::period(reader, key);
        value.dateTime = start;
        value.dateTimeEnd = end;
        break;
    }
    case Kind::None: break;
    }
}

}  // namespace

ObservationValue FhirValueParser::observationValue(const FhirFieldReader &reader, QLatin1StringView prefix) {
    ObservationValue value;
    QString found;
    const QJsonObject &json = reader.json();
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const QString key = it.key();
        if (key.size() <= prefix.size() || !key.startsWith(prefix) || !key.at(prefix.size()).isUpper()) continue;
        const QStringView typeName = QStringView(key).sliced(prefix.size());
        const ValueType *type = nullptr;
        for (const ValueType &candidate : kValueTypes) {
            if (typeName == QLatin1StringView(candidate.name)) type = &candidate;
        }
        if (!type) {
            reader.failField(key, QStringLiteral("not an Observation value type (%1[x] is Quantity, CodeableConcept, "
                                                 "string, boolean, integer, Range, Ratio, SampledData, time, "
                                                 "dateTime or Period)").arg(prefix));
            return {};
        }
        if (!found.isEmpty()) {
            reader.failField(key, QStringLiteral("a second %1[x] (the first is %2)").arg(prefix, found));
            return {};
        }
        found = key;
        value.kind = type->kind;
        // The key's bytes are Latin-1 here: it matched a Latin-1 prefix and type name.
        const QByteArray latin1 = key.toLatin1();
        readValue(reader, QLatin1StringView(latin1), type->kind, value);
    }
    return value;
}

}  // namespace twin::ehr
