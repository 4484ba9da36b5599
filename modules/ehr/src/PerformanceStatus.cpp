#include "twin/ehr/PerformanceStatus.h"

#include "twin/ehr/CovariateCalculator.h"
#include "twin/ehr/PatientRecord.h"

#include <QRegularExpression>

#include <cmath>
#include <functional>

namespace twin::ehr {

namespace {

/// LOINC answer list LL529-9 (ECOG performance status): LA9622-7 = 0 … LA9627-6 = 5.
std::optional<int> gradeOfAnswerCode(const QString &code) {
    static const QStringList answers{QStringLiteral("LA9622-7"), QStringLiteral("LA9623-5"), QStringLiteral("LA9624-3"),
                                     QStringLiteral("LA9625-0"), QStringLiteral("LA9626-8"), QStringLiteral("LA9627-6")};
    const qsizetype index = answers.indexOf(code.trimmed());
    return index < 0 ? std::nullopt : std::optional<int>(static_cast<int>(index));
}

/// "2", "ECOG 2", "2 - Ambulatory…", "Grade 1": the first integer of the text, if in range.
std::optional<int> leadingNumber(const QString &text, int maximum) {
    static const QRegularExpression pattern(QStringLiteral("^\\s*(?:ecog|grade|ps|kps|karnofsky)?\\s*[:=]?\\s*(\\d{1,3})\\b"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) return std::nullopt;
    const int value = match.captured(1).toInt();
    return value <= maximum ? std::optional<int>(value) : std::nullopt;
}

std::optional<int> wholeNumber(const ObservationValue &value, int maximum) {
    if (!value.isNumeric()) return std::nullopt;
    const double number = *value.number;
    if (number < 0.0 || number > maximum || std::abs(number - std::round(number)) > 1e-9) return std::nullopt;
    return static_cast<int>(std::lround(number));
}

std::optional<int> fromConcept(const CodedConcept &coded, int maximum, bool answerCodes) {
    for (const Coding &coding : coded.codings) {
        if (answerCodes) {
            if (const auto grade = gradeOfAnswerCode(coding.code)) return grade;
        }
        if (const auto number = leadingNumber(coding.code, maximum)) return number;
        if (const auto number = leadingNumber(coding.display, maximum)) return number;
    }
    return leadingNumber(coded.text, maximum);
}

const ObservationRecord *latestOf(const PatientRecord &record, const QString &code, const QDateTime &asOf,
                                  const std::function<std::optional<int>(const ObservationValue &)> &read) {
    const QList<const ObservationRecord *> history = record.history(code);
    for (auto it = history.crbegin(); it != history.crend(); ++it) {
        if (asOf.isValid() && (*it)->effective.isValid() && (*it)->effective > asOf) continue;
        if (read((*it)->value)) return *it;
    }
    return nullptr;
}

QString describeSource(const ObservationRecord &observation) {
    const QString described = observation.provenance.describe();
    return described.isEmpty() ? QStringLiteral("Observation/%1").arg(observation.id) : described;
}

}  // namespace

std::optional<int> PerformanceStatus::ecogGrade(const ObservationValue &value) {
    if (const auto number = wholeNumber(value, 5)) return number;
    if (value.kind == ObservationValue::Kind::CodeableConcept) return fromConcept(value.codedValue, 5, true);
    if (value.kind == ObservationValue::Kind::String) return leadingNumber(value.text, 5);
    return std::nullopt;
}

std::optional<int> PerformanceStatus::karnofskyScore(const ObservationValue &value) {
    std::optional<int> score = wholeNumber(value, 100);
    if (!score && value.kind == ObservationValue::Kind::CodeableConcept) score = fromConcept(value.codedValue, 100, false);
    if (!score && value.kind == ObservationValue::Kind::String) score = leadingNumber(value.text, 100);
    if (score && *score % 10 != 0) return std::nullopt;  // the scale runs in steps of 10
    return score;
}

int PerformanceStatus::ecogFromKarnofsky(int karnofsky) {
    if (karnofsky >= 90) return 0;
    if (karnofsky >= 70) return 1;
    if (karnofsky >= 50) return 2;
    if (karnofsky >= 30) return 3;
    if (karnofsky >= 10) return 4;
    return 5;
}

Covariate PerformanceStatus::ecog(const PatientRecord &record, const QDateTime &asOf) {
    const QString when = asOf.isValid() ? asOf.toString(Qt::ISODate) : QStringLiteral("any date");
    const ObservationRecord *ecog = latestOf(record, loinc::kEcogPerformanceStatus, asOf, &PerformanceStatus::ecogGrade);
    const ObservationRecord *karnofsky =
        latestOf(record, loinc::kKarnofskyPerformanceStatus, asOf, &PerformanceStatus::karnofskyScore);
    // The newer of the two wins; at equal dates the direct ECOG assessment does.
    const bool useKarnofsky = karnofsky && (!ecog || karnofsky->effective > ecog->effective);
    if (!ecog && !karnofsky) {
        return Covariate::unknown(covariate_name::kEcog,
                                  QStringLiteral("no ECOG (LOINC %1) or Karnofsky (LOINC %2) performance status on or before %3")
                                      .arg(loinc::kEcogPerformanceStatus, loinc::kKarnofskyPerformanceStatus, when));
    }
    Covariate covariate;
    covariate.name = covariate_name::kEcog;
    covariate.known = true;
    covariate.unit = QStringLiteral("{score}");
    if (useKarnofsky) {
        const int score = *karnofskyScore(karnofsky->value);
        covariate.value = ecogFromKarnofsky(score);
        covariate.source = describeSource(*karnofsky);
        covariate.date = karnofsky->effective.date();
        covariate.method = QStringLiteral("latest Karnofsky score (LOINC %1) on or before %2, %3 converted to ECOG %4 "
                                          "(100–90→0, 80–70→1, 60–50→2, 40–30→3, 20–10→4, 0→5)")
                               .arg(loinc::kKarnofskyPerformanceStatus, when)
                               .arg(score)
                               .arg(*covariate.value);
    } else {
        covariate.value = *ecogGrade(ecog->value);
        covariate.source = describeSource(*ecog);
        covariate.date = ecog->effective.date();
        covariate.method = QStringLiteral("latest ECOG performance status (LOINC %1) on or before %2")
                               .arg(loinc::kEcogPerformanceStatus, when);
    }
    return covariate;
}

}  // namespace twin::ehr
