#pragma once
// Observation.value[x] (and component.value[x]) in every FHIR R4 form.

#include "twin/ehr/CodedConcept.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace twin::ehr {

struct ObservationValue {
    enum class Kind { None, Quantity, CodeableConcept, String, Boolean, Integer, Range, Ratio, SampledData, Time, DateTime, Period };
    Kind kind = Kind::None;
    std::optional<double> number;  // Quantity.value, Integer, Range.low / Ratio.numerator
    std::optional<double> high;    // Range.high / Ratio.denominator
    QString unit;                  // UCUM code when given (Quantity.code), else Quantity.unit
    QString comparator;            // "<", "<=", ">=", ">" (Quantity.comparator)
    QString text;                  // String, Time, SampledData.data, or a rendering of any kind
    CodedConcept codedValue;       // CodeableConcept
    bool boolean = false;
    QDateTime dateTime;            // DateTime / Period.start
    QDateTime dateTimeEnd;         // Period.end

    bool isNumeric() const { return number.has_value() && (kind == Kind::Quantity || kind == Kind::Integer); }
    /// "7.2 mg/dL", "positive", "120–140 mmHg" …
    QString display() const;
};

}  // namespace twin::ehr
