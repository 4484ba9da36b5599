#include "twin/ehr/FhirValueParser.h"

namespace twin::ehr {

using namespace Qt::StringLiterals;

namespace {

/// Reads `count` ASCII digits at `pos`; -1 when they are not all digits.
int digits(QStringView text, qsizetype pos, int count) {
    if (pos + count > text.size()) return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text.at(pos + i);
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) return -1;
        value = value * 10 + (c.unicode() - '0');
    }
    return value;
}

struct ParsedTime {
    QTime time;
    qsizetype end = 0;
};

/// "hh:mm(:ss(.f+)?)?" at `pos`.
std::optional<ParsedTime> parseClock(QStringView text, qsizetype pos, bool secondsRequired) {
    const int hour = digits(text, pos, 2);
    if (hour < 0 || hour > 23 || pos + 2 >= text.size() || text.at(pos + 2) != QLatin1Char(':')) return std::nullopt;
    const int minute = digits(text, pos + 3, 2);
    if (minute < 0 || minute > 59) return std::nullopt;
    qsizetype end = pos + 5;
    int second = 0;
    int millisecond = 0;
    if (end < text.size() && text.at(end) == QLatin1Char(':')) {
        second = digits(text, end + 1, 2);
        if (second < 0 || second > 60) return std::nullopt;
        second = std::min(second, 59);  // a leap second is kept as :59
        end += 3;
        if (end < text.size() && text.at(end) == QLatin1Char('.')) {
            ++end;
            int scale = 100;
            const qsizetype fractionStart = end;
            while (end < text.size() && text.at(end).isDigit() && text.at(end).unicode() < 128) {
                millisecond += (text.at(end).unicode() - '0') * scale;
                scale /= 10;
                ++end;
            }
            if (end == fractionStart) return std::nullopt;
        }
    } else if (secondsRequired) {
        return std::nullopt;
    }
    return ParsedTime{QTime(hour, minute, second, millisecond), end};
}

}  // namespace

std::optional<QDate> FhirValueParser::parseDate(QStringView text) {
    const int year = digits(text, 0, 4);
    if (year < 1) return std::nullopt;
    int month = 1;
    int day = 1;
    qsizetype end = 4;
    if (text.size() > 4) {
        if (text.at(4) != QLatin1Char('-')) return std::nullopt;
        month = digits(text, 5, 2);
        if (month < 1 || month > 12) return std::nullopt;
        end = 7;
        if (text.size() > 7) {
            if (text.at(7) != QLatin1Char('-')) return std::nullopt;
            day = digits(text, 8, 2);
            if (day < 1) return std::nullopt;
            end = 10;
        }
    }
    if (end != text.size() && !(end == 10 && text.at(10) == QLatin1Char('T'))) return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid()) return std::nullopt;
    return date;
}

std::optional<QDateTime> FhirValueParser::parseDateTime(QStringView text) {
    const qsizetype t = text.indexOf(QLatin1Char('T'));
    const std::optional<QDate> date = parseDate(t < 0 ? text : text.first(t));
    if (!date) return std::nullopt;
    if (t < 0) return QDateTime(*date, QTime(0, 0), Qt::UTC);
    if (t != 10) return std::nullopt;  // a time needs a full date
    const std::optional<ParsedTime> clock = parseClock(text, t + 1, false);
    if (!clock) return std::nullopt;
    qsizetype pos = clock->end;
    if (pos == text.size()) return QDateTime(*date, clock->time, Qt::UTC);  // no zone: read as UTC
    const QChar zone = text.at(pos);
    if (zone == QLatin1Char('Z') && pos + 1 == text.size()) return QDateTime(*date, clock->time, Qt::UTC);
    if (zone != QLatin1Char('+') && zone != QLatin1Char('-')) return std::nullopt;
    const int hours = digits(text, pos + 1, 2);
    const int minutes = digits(text, pos + 4, 2);
    if (hours < 0 || hours > 14 || minutes < 0 || minutes > 59 || text.at(pos + 3) != QLatin1Char(':') ||
        pos + 6 != text.size()) {
        return std::nullopt;
    }
    const int offset = (hours * 3600 + minutes * 60) * (zone == QLatin1Char('-') ? -1 : 1);
    return QDateTime(*date, clock->time, Qt::OffsetFromUTC, offset);
}

bool FhirValueParser::isTime(QStringView text) {
    const std::optional<ParsedTime> clock = parseClock(text, 0, true);
    return clock && clock->end == text.size();
}

QDateTime FhirValueParser::dateTime(const FhirFieldReader &reader, QLatin1StringView key) {
    const QString text = reader.string(key);
    if (text.isEmpty()) return {};
    const std::optional<QDateTime> value = parseDateTime(text);
    if (!value) {
        reader.fail(key, QStringLiteral("not a valid FHIR date/dateTime: \"%1\"").arg(text.left(40)));
        return {};
    }
    return *value;
}

std::optional<QDate> FhirValueParser::date(const FhirFieldReader &reader, QLatin1StringView key) {
    const QString text = reader.string(key);
    if (text.isEmpty()) return std::nullopt;
    const std::optional<QDateTime> value = parseDateTime(text);
    if (!value) {
        reader.fail(key, QStringLiteral("not a valid FHIR date: \"%1\"").arg(text.left(40)));
        return std::nullopt;
    }
    return parseDate(text);
}

std::pair<QDateTime, QDateTime> FhirValueParser::period(const FhirFieldReader &reader, QLatin1StringView key) {
    const FhirFieldReader object = reader.object(key);
    return {dateTime(object, "start"_L1), dateTime(object, "end"_L1)};
}

std::pair<QDateTime, QDateTime> FhirValueParser::timeChoice(const FhirFieldReader &reader, QLatin1StringView prefix) {
    const QString base(prefix);
    const QByteArray dateTimeKey = (base + QStringLiteral("DateTime")).toLatin1();
    if (reader.has(QLatin1StringView(dateTimeKey))) return {dateTime(reader, QLatin1StringView(dateTimeKey)), {}};
    const QByteArray periodKey = (base + QStringLiteral("Period")).toLatin1();
    if (reader.has(QLatin1StringView(periodKey))) return period(reader, QLatin1StringView(periodKey));
    const QByteArray instantKey = (base + QStringLiteral("Instant")).toLatin1();
    if (reader.has(QLatin1StringView(instantKey))) return {dateTime(reader, QLatin1StringView(instantKey)), {}};
    return {};
}

Coding FhirValueParser::coding(const FhirFieldReader &object) {
    return Coding{object.string("system"_L1), object.string("code"_L1),
                  object.string("display"_L1)};
}

CodedConcept FhirValueParser::codeableConcept(const FhirFieldReader &reader, QLatin1StringView key) {
    if (!reader.has(key)) return {};
    return conceptOf(reader.object(key));
}

CodedConcept FhirValueParser::conceptOf(const FhirFieldReader &object) {
    CodedConcept coded;
    for (const FhirFieldReader &entry : object.objects("coding"_L1)) coded.codings.append(coding(entry));
    coded.text = object.string("text"_L1);
    return coded;
}

CodedConcept FhirValueParser::codingAsConcept(const FhirFieldReader &reader, QLatin1StringView key) {
    CodedConcept coded;
    if (!reader.has(key)) return coded;
    const Coding value = coding(reader.object(key));
    if (!value.code.isEmpty() || !value.display.isEmpty()) coded.codings.append(value);
    return coded;
}

FhirQuantity FhirValueParser::quantity(const FhirFieldReader &reader, QLatin1StringView key) {
    FhirQuantity result;
    if (!reader.has(key)) return result;
    const FhirFieldReader object = reader.object(key);
    result.present = true;
    result.value = object.number("value"_L1);
    result.comparator = object.string("comparator"_L1);
    object.string("system"_L1);  // type-checked, not needed
    const QString code = object.string("code"_L1);
    const QString unit = object.string("unit"_L1);
    // The UCUM code is the machine-readable unit ("[lb_av]", not "lbs"); a code in another
    // system ("TAB" in orderableDrugForm) is still the better key than free text.
    result.unit = !code.isEmpty() ? code : unit;
    if (!result.comparator.isEmpty() && result.comparator != QLatin1String("<") &&
        result.comparator != QLatin1String("<=") && result.comparator != QLatin1String(">=") &&
        result.comparator != QLatin1String(">")) {
        object.fail("comparator"_L1, QStringLiteral("not a FHIR comparator: \"%1\"").arg(result.comparator.left(8)));
    }
    return result;
}

}  // namespace twin::ehr
