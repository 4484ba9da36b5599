#include "twin/ehr/UnitNormalizer.h"

#include "twin/core/UnitRegistry.h"
#include "twin/ehr/PatientRecord.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace twin::ehr {

using core::Error;
using core::Result;
using core::UnitRegistry;

namespace {

// Molar masses (for mass <-> amount of substance concentrations):
//   creatinine C4H7N3O 113.12 g/mol (PubChem CID 588); 1 mg/dL = 88.40 umol/L, the factor
//     clinical laboratories use (e.g. KDIGO 2012 CKD guideline, conversion table).
//   bilirubin C33H36N4O6 584.66 g/mol (PubChem CID 5280352); 1 mg/dL = 17.10 umol/L.
constexpr double kCreatinineMolarMass = 113.12;
constexpr double kBilirubinMolarMass = 584.66;
const QString kCreatinineMolarMassSource = QStringLiteral("creatinine C4H7N3O, 113.12 g/mol (PubChem CID 588)");
const QString kBilirubinMolarMassSource = QStringLiteral("bilirubin C33H36N4O6, 584.66 g/mol (PubChem CID 5280352)");

QList<CanonicalQuantity> buildTable() {
    return {
        {loinc::kBodyWeight, QStringLiteral("Body weight"), QStringLiteral("kg"), 0.0, {}},
        {loinc::kBodyHeight, QStringLiteral("Body height"), QStringLiteral("cm"), 0.0, {}},
        {loinc::kBodySurfaceArea, QStringLiteral("Body surface area"), QStringLiteral("m2"), 0.0, {}},
        {loinc::kBodyMassIndex, QStringLiteral("Body mass index (BMI) [Ratio]"), QStringLiteral("kg/m2"), 0.0, {}},
        {loinc::kBodyTemperature, QStringLiteral("Body temperature"), QStringLiteral("Cel"), 0.0, {}},
        {loinc::kCreatinineSerum, QStringLiteral("Creatinine [Mass/volume] in Serum or Plasma"), QStringLiteral("mg/dL"),
         kCreatinineMolarMass, kCreatinineMolarMassSource},
        {loinc::kCreatinineBlood, QStringLiteral("Creatinine [Mass/volume] in Blood"), QStringLiteral("mg/dL"),
         kCreatinineMolarMass, kCreatinineMolarMassSource},
        {loinc::kBilirubinTotal, QStringLiteral("Bilirubin.total [Mass/volume] in Serum or Plasma"),
         QStringLiteral("mg/dL"), kBilirubinMolarMass, kBilirubinMolarMassSource},
        {loinc::kAlt, QStringLiteral("Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
         QStringLiteral("U/L"), 0.0, {}},
        {loinc::kHemoglobin, QStringLiteral("Hemoglobin [Mass/volume] in Blood"), QStringLiteral("g/dL"), 0.0, {}},
        {loinc::kNeutrophilsAutomated, QStringLiteral("Neutrophils [#/volume] in Blood by Automated count"),
         QStringLiteral("10*9/L"), 0.0, {}},
        {loinc::kNeutrophils, QStringLiteral("Neutrophils [#/volume] in Blood"), QStringLiteral("10*9/L"), 0.0, {}},
        {loinc::kPlatelets, QStringLiteral("Platelets [#/volume] in Blood by Automated count"),
         QStringLiteral("10*9/L"), 0.0, {}},
        {loinc::kCea, QStringLiteral("Carcinoembryonic Ag [Mass/volume] in Serum or Plasma"), QStringLiteral("ng/mL"), 0.0, {}},
        {loinc::kPsa, QStringLiteral("Prostate specific Ag [Mass/volume] in Serum or Plasma"), QStringLiteral("ng/mL"), 0.0, {}},
        {loinc::kCa125, QStringLiteral("Cancer Ag 125 [Units/volume] in Serum or Plasma"), QStringLiteral("U/mL"), 0.0, {}},
    };
}

QString number(double value) { return QString::number(value, 'g', 6); }

QString quoted(const QString &text) { return QLatin1Char('"') + text + QLatin1Char('"'); }

/// The UCUM code for an unambiguous non-UCUM spelling (see the header); `unit` otherwise.
QString ucumSpelling(const QString &unit, const QString &code) {
    QString spelled = unit.trimmed();
    spelled.replace(QChar(0x00B5), QLatin1Char('u'));  // MICRO SIGN
    spelled.replace(QChar(0x03BC), QLatin1Char('u'));  // GREEK SMALL LETTER MU
    if (spelled == QStringLiteral("cells/uL")) spelled = QStringLiteral("{cells}/uL");
    if (code == loinc::kAlt && (spelled == QStringLiteral("IU/L") || spelled == QStringLiteral("[IU]/L"))) {
        spelled = QStringLiteral("U/L");
    }
    return spelled;
}

/// The observation as errors name it: its provenance, else "Observation/<id>".
QString observationName(const ObservationRecord &observation) {
    const QString described = observation.provenance.describe();
    if (!described.isEmpty()) return described;
    return QStringLiteral("Observation/%1").arg(observation.id.isEmpty() ? QStringLiteral("?") : observation.id);
}

Error observationError(Error error, const ObservationRecord &observation, const QString &code) {
    const QString label = observation.code.label();
    const QString what = QStringLiteral("%1%2: %3")
                             .arg(code.isEmpty() ? QStringLiteral("observation") : QStringLiteral("LOINC %1").arg(code),
                                  label.isEmpty() || label == code ? QString() : QStringLiteral(" (%1)").arg(label),
                                  error.what());
    return Error(error.code(), what).atField(observationName(observation));
}

/// The first coding of `coded` (LOINC or without a system) that has a canonical unit.
QString canonicalCodeOf(const CodedConcept &coded) {
    for (const Coding &coding : coded.codings) {
        if ((coding.system == code_system::kLoinc || coding.system.isEmpty()) &&
            UnitNormalizer::canonicalFor(coding.code)) {
            return coding.code;
        }
    }
    return {};
}

/// The observation's primary code: its LOINC code, else its first code.
QString primaryCodeOf(const CodedConcept &coded) {
    const QString code = coded.codeIn(code_system::kLoinc);
    if (!code.isEmpty() || coded.codings.isEmpty()) return code;
    return coded.codings.first().code;
}

Result<double> convertTo(double value, const QString &unit, const CanonicalQuantity &canonical) {
    const UnitRegistry &ucum = UnitRegistry::ucum();
    if (canonical.unit == QStringLiteral("Cel")) {
        Result<core::Temperature> temperature = ucum.temperature(value, unit);
        if (!temperature.ok()) return temperature.error();
        return temperature.value().celsius();
    }
    if (canonical.molarMassGPerMol > 0.0) return ucum.convert(value, unit, canonical.unit, canonical.molarMassGPerMol);
    return ucum.convert(value, unit, canonical.unit);
}

}  // namespace

QString NormalizedValue::display() const {
    return QStringLiteral("%1%2 %3").arg(comparator, number(value), unit).trimmed();
}

QString NormalizedValue::conversion() const {
    if (!converted) return QStringLiteral("as recorded");
    QString text = QStringLiteral("%1 %2 → %3 %4").arg(number(originalValue), originalUnit, number(value), unit);
    const std::optional<CanonicalQuantity> canonical = UnitNormalizer::canonicalFor(code);
    if (canonical && canonical->molarMassGPerMol > 0.0) {
        Result<core::Unit> parsed = UnitRegistry::ucum().parse(ucumSpelling(originalUnit, code));
        Result<core::Unit> target = UnitRegistry::ucum().parse(canonical->unit);
        if (parsed.ok() && target.ok() && !parsed.value().isCompatibleWith(target.value())) {
            text += QStringLiteral(" (molar mass %1 g/mol)").arg(number(canonical->molarMassGPerMol));
        }
    }
    return text;
}

const NormalizedValue *NormalizedHistory::latest(const QDateTime &asOf) const {
    const NormalizedValue *best = nullptr;
    for (const NormalizedValue &value : values) {
        if (asOf.isValid() && value.effective > asOf) break;
        best = &value;
    }
    return best;
}

const QList<CanonicalQuantity> &UnitNormalizer::canonicalQuantities() {
    static const QList<CanonicalQuantity> table = buildTable();
    return table;
}

std::optional<CanonicalQuantity> UnitNormalizer::canonicalFor(const QString &loincCode) {
    for (const CanonicalQuantity &quantity : canonicalQuantities()) {
        if (quantity.loinc == loincCode) return quantity;
    }
    return std::nullopt;
}

Result<NormalizedValue> UnitNormalizer::normalize(const ObservationRecord &observation) {
    const QString code = canonicalCodeOf(observation.code);
    return normalize(observation, code.isEmpty() ? primaryCodeOf(observation.code) : code);
}

Result<NormalizedValue> UnitNormalizer::normalize(const ObservationRecord &observation, const QString &code) {
    if (!code.isEmpty() && !observation.code.hasCode({}, code)) {
        return observationError(Error::invalidInput(QStringLiteral("the observation does not carry this code")),
                                observation, code);
    }
    const ObservationValue &value = observation.value;
    if (!value.isNumeric()) {
        const QString shown = value.display();
        return observationError(
            Error::invalidInput(shown.isEmpty() ? QStringLiteral("no numeric value")
                                                : QStringLiteral("value %1 is not a number with a unit").arg(quoted(shown))),
            observation, code);
    }
    if (!std::isfinite(*value.number)) {
        return observationError(Error::invalidInput(QStringLiteral("value is not a finite number")), observation, code);
    }

    NormalizedValue normalized;
    normalized.originalValue = *value.number;
    normalized.originalUnit = value.unit;
    normalized.comparator = value.comparator;
    normalized.code = code;
    normalized.label = observation.code.label();
    normalized.effective = observation.effective;
    normalized.observationId = observation.id;
    normalized.provenance = observation.provenance;

    const std::optional<CanonicalQuantity> canonical = canonicalFor(code);
    if (!canonical) {
        normalized.value = normalized.originalValue;
        normalized.unit = normalized.originalUnit;
        return normalized;
    }
    normalized.hasCanonicalUnit = true;
    normalized.unit = canonical->unit;
    if (value.unit.trimmed().isEmpty()) {
        return observationError(
            Error::invalidInput(QStringLiteral("value %1 has no unit; expected %2 or a unit convertible to it")
                                    .arg(number(*value.number), quoted(canonical->unit))),
            observation, code);
    }
    const QString unit = ucumSpelling(value.unit, code);
    if (unit == canonical->unit) {
        // The same unit, perhaps spelled otherwise ("IU/L" for "U/L"): the number is unchanged.
        normalized.value = normalized.originalValue;
        normalized.converted = value.unit.trimmed() != canonical->unit;
        return normalized;
    }
    Result<double> converted = convertTo(*value.number, unit, *canonical);
    if (!converted.ok()) {
        const Error &cause = converted.error();
        return observationError(Error(cause.code(), QStringLiteral("cannot express %1 %2 in %3: %4")
                                                        .arg(number(*value.number), quoted(value.unit),
                                                             quoted(canonical->unit), cause.what())),
                                observation, code);
    }
    normalized.value = converted.value();
    normalized.converted = true;
    return normalized;
}

Result<double> UnitNormalizer::toCanonical(double value, const QString &unit, const QString &loincCode) {
    const std::optional<CanonicalQuantity> canonical = canonicalFor(loincCode);
    if (!canonical) {
        return Error::unsupported(QStringLiteral("no canonical unit for LOINC %1").arg(loincCode));
    }
    const QString spelled = ucumSpelling(unit, loincCode);
    if (spelled == canonical->unit) return value;
    Result<double> converted = convertTo(value, spelled, *canonical);
    if (!converted.ok()) {
        return Error(converted.error().code(), QStringLiteral("LOINC %1: cannot express %2 %3 in %4: %5")
                                                   .arg(loincCode, number(value), quoted(unit), quoted(canonical->unit),
                                                        converted.error().what()));
    }
    return converted;
}

NormalizedHistory UnitNormalizer::normalizedHistory(const PatientRecord &record, const QString &code) {
    return normalizedHistory(record, QStringList{code});
}

NormalizedHistory UnitNormalizer::normalizedHistory(const PatientRecord &record, const QStringList &codes) {
    QList<const ObservationRecord *> observations;
    QList<QString> codeOf;  // the code each observation is normalised as
    QSet<const ObservationRecord *> seen;  // hashed: long histories stay linear
    for (const QString &code : codes) {
        for (const ObservationRecord *observation : record.history(code)) {
            if (seen.contains(observation)) continue;  // carries two of the codes
            seen.insert(observation);
            observations << observation;
            codeOf << code;
        }
    }
    QList<qsizetype> order(observations.size());
    for (qsizetype i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        return observations.at(a)->effective < observations.at(b)->effective;
    });

    NormalizedHistory history;
    for (qsizetype i : order) {
        Result<NormalizedValue> normalized = normalize(*observations.at(i), codeOf.at(i));
        if (normalized.ok()) {
            history.values << std::move(normalized).value();
        } else {
            history.skipped << normalized.error().message();
        }
    }
    return history;
}

}  // namespace twin::ehr
