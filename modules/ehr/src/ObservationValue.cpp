#include "twin/ehr/ObservationValue.h"

namespace twin::ehr {

namespace {
QString number(double value) { return QString::number(value, 'g', 6); }
}  // namespace

QString ObservationValue::display() const {
    switch (kind) {
    case Kind::None: return {};
    case Kind::Quantity:
    case Kind::Integer:
        return number.has_value() ? QStringLiteral("%1%2 %3").arg(comparator, ehr::number(*number), unit).trimmed() : text;
    case Kind::CodeableConcept: return codedValue.label();
    case Kind::String:
    case Kind::Time:
    case Kind::SampledData: return text;
    case Kind::Boolean: return boolean ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::Range:
        return QStringLiteral("%1–%2 %3")
            .arg(number ? ehr::number(*number) : QStringLiteral("?"), high ? ehr::number(*high) : QStringLiteral("?"), unit)
            .trimmed();
    case Kind::Ratio:
        return QStringLiteral("%1/%2").arg(number ? ehr::number(*number) : QStringLiteral("?"),
                                           high ? ehr::number(*high) : QStringLiteral("?"));
    case Kind::DateTime: return dateTime.toString(Qt::ISODate);
    case Kind::Period:
        return QStringLiteral("%1 – %2").arg(dateTime.toString(Qt::ISODate), dateTimeEnd.toString(Qt::ISODate));
    }
    return text;
}

}  // namespace twin::ehr
