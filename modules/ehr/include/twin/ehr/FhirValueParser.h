#pragma once
// FHIR R4 data types into the record's types: date/dateTime/instant/time (partial dates
// included), Coding, CodeableConcept, Quantity, Period and value[x] (Observation and its
// components, every R4 type).
//
// Dates: "2020" → 2020-01-01, "2020-05" → 2020-05-01, "2020-05-17" → that day, all at 00:00 UTC
// (a FHIR date has no zone; UTC keeps imports independent of the machine's zone);
// "2020-05-17T10:20:30.5+02:00" keeps its offset (QDateTime with Qt::OffsetFromUTC), "Z" is UTC.
// Lenient where the meaning is plain: a time without seconds or without a zone (FHIR requires
// both) is read, the latter as UTC; a leap second ":60" as ":59". Anything else ("not a date",
// "2020-13", "2020-02-30", "2020-05-17T25:00Z") is an error.

#include "twin/ehr/ClinicalRecords.h"
#include "twin/ehr/FhirFieldReader.h"

#include <QDate>
#include <QDateTime>
#include <QStringView>

#include <optional>

namespace twin::ehr {

/// A FHIR Quantity (also SimpleQuantity, Age, Duration …).
struct FhirQuantity {
    bool present = false;
    std::optional<double> value;
    QString unit;        // UCUM code when the system is UCUM (or no system), else `unit`
    QString comparator;  // "<", "<=", ">=", ">"
};

class FhirValueParser {
public:
    /// FHIR date, dateTime or instant. nullopt when malformed.
    static std::optional<QDateTime> parseDateTime(QStringView text);
    /// FHIR date (partial allowed), or the date part of a dateTime. nullopt when malformed.
    static std::optional<QDate> parseDate(QStringView text);
    /// FHIR time "hh:mm:ss(.fff)". False when malformed.
    static bool isTime(QStringView text);

    /// A date/dateTime field (invalid QDateTime when absent; an error when malformed).
    static QDateTime dateTime(const FhirFieldReader &reader, QLatin1StringView key);
    static std::optional<QDate> date(const FhirFieldReader &reader, QLatin1StringView key);
    /// Period {start, end}.
    static std::pair<QDateTime, QDateTime> period(const FhirFieldReader &reader, QLatin1StringView key);
    /// `<prefix>DateTime`, `<prefix>Period` or `<prefix>Instant` (e.g. effective[x]): start and end.
    static std::pair<QDateTime, QDateTime> timeChoice(const FhirFieldReader &reader, QLatin1StringView prefix);

    static Coding coding(const FhirFieldReader &object);
    static CodedConcept codeableConcept(const FhirFieldReader &reader, QLatin1StringView key);
    /// The CodeableConcept that `object` is (an element of an array of them).
    static CodedConcept conceptOf(const FhirFieldReader &object);
    /// A field that is a bare Coding (Encounter.class, ImagingStudy.series.modality).
    static CodedConcept codingAsConcept(const FhirFieldReader &reader, QLatin1StringView key);
    static FhirQuantity quantity(const FhirFieldReader &reader, QLatin1StringView key);

    /// `<prefix>[x]`: the one field whose name is the prefix followed by an upper-case type
    /// name ("valueQuantity"). Kind None when there is none; an error when there are several
    /// or the type is not one of Observation's.
    static ObservationValue observationValue(const FhirFieldReader &reader, QLatin1StringView prefix = QLatin1StringView("value"));
};

}  // namespace twin::ehr
