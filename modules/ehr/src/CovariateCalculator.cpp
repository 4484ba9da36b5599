#include "twin/ehr/CovariateCalculator.h"

#include "twin/ehr/PerformanceStatus.h"

#include "twin/ehr/PatientRecord.h"
#include "twin/ehr/UnitNormalizer.h"

#include <QMap>

#include <algorithm>
#include <cmath>

namespace twin::ehr {

namespace covariate_method {
const QString kMosteller =
    QStringLiteral("Mosteller: sqrt(height_cm × weight_kg / 3600) (Mosteller RD, N Engl J Med 1987;317:1098)");
const QString kCockcroftGault =
    QStringLiteral("Cockcroft–Gault: (140 − age) × weight_kg × (0.85 if female) / (72 × Scr_mg/dL), with actual "
                   "body weight (Cockcroft DW, Gault MH, Nephron 1976;16:31–41)");
const QString kCkdEpi2021 =
    QStringLiteral("CKD-EPI 2021 creatinine equation, race-free: 142 × min(Scr/κ,1)^α × max(Scr/κ,1)^−1.200 × "
                   "0.9938^age × 1.012 [if female], κ = 0.7 (F) / 0.9 (M), α = −0.241 (F) / −0.302 (M) "
                   "(Inker LA et al., N Engl J Med 2021;385:1737–1749)");
}  // namespace covariate_method

namespace {

namespace name = covariate_name;

constexpr double kAdultAge = 18.0;

QString number(double value) { return QString::number(value, 'g', 6); }

QString dateText(const QDate &date) { return date.toString(Qt::ISODate); }

/// asOf as messages show it: the date alone at midnight, else date and time.
QString whenText(const QDateTime &asOf) {
    return asOf.time() == QTime(0, 0) ? dateText(asOf.date()) : asOf.toString(Qt::ISODate);
}

QString describe(const Provenance &provenance, const QString &resourceType, const QString &id) {
    const QString described = provenance.describe();
    if (!described.isEmpty()) return described;
    return QStringLiteral("%1/%2").arg(resourceType, id.isEmpty() ? QStringLiteral("?") : id);
}

QString patientSource(const PatientRecord &record) {
    return describe(record.demographics.provenance, QStringLiteral("Patient"), record.demographics.id);
}

QDate newest(std::initializer_list<QDate> dates) {
    QDate best;
    for (const QDate &date : dates) {
        if (date.isValid() && (!best.isValid() || date > best)) best = date;
    }
    return best;
}

Covariate numeric(const QString &covariateName, double value, const QString &unit) {
    Covariate covariate;
    covariate.name = covariateName;
    covariate.known = true;
    covariate.value = value;
    covariate.unit = unit;
    return covariate;
}

/// "needs weight: <why weight is unknown>; needs height: …" for the unknown ones among `inputs`.
QString missingInputs(std::initializer_list<const Covariate *> inputs) {
    QStringList parts;
    for (const Covariate *input : inputs) {
        if (!input->known) parts << QStringLiteral("needs %1: %2").arg(input->name, input->note);
    }
    return parts.join(QStringLiteral("; "));
}

QString sources(std::initializer_list<const Covariate *> inputs) {
    QStringList parts;
    for (const Covariate *input : inputs) parts << QStringLiteral("%1: %2").arg(input->name, input->source);
    return parts.join(QStringLiteral("; "));
}

/// Notes carried over from the inputs (censored values, heights from after asOf …).
QString inputNotes(std::initializer_list<const Covariate *> inputs) {
    QStringList parts;
    for (const Covariate *input : inputs) {
        if (!input->note.isEmpty()) parts << QStringLiteral("%1: %2").arg(input->name, input->note);
    }
    return parts.join(QStringLiteral("; "));
}

// ---------------------------------------------------------------------------------------------
// Demographics

Covariate age(const PatientRecord &record, const QDateTime &asOf) {
    const Demographics &patient = record.demographics;
    if (!patient.birthDate || !patient.birthDate->isValid()) {
        return Covariate::unknown(name::kAge, QStringLiteral("no birth date in the record (Patient.birthDate)"));
    }
    const QDate birth = *patient.birthDate;
    const QDate at = asOf.date();
    if (at < birth) {
        return Covariate::unknown(name::kAge, QStringLiteral("the date %1 precedes the birth date %2")
                                                  .arg(dateText(at), dateText(birth)));
    }
    // Completed years: the year difference, less one while this year's birthday is still ahead
    // (someone born on 29 February turns a year older on 1 March in common years).
    int years = at.year() - birth.year();
    if (at.month() < birth.month() || (at.month() == birth.month() && at.day() < birth.day())) --years;

    Covariate covariate = numeric(name::kAge, years, QStringLiteral("a"));
    covariate.source = patientSource(record);
    covariate.date = birth;
    covariate.method = QStringLiteral("completed years from the birth date %1 to %2").arg(dateText(birth), dateText(at));
    if (patient.deceasedDate && patient.deceasedDate->isValid() && *patient.deceasedDate < at) {
        covariate.note = QStringLiteral("the patient died on %1, before this date").arg(dateText(*patient.deceasedDate));
    }
    return covariate;
}

Covariate sex(const PatientRecord &record) {
    const QString gender = record.demographics.sex.trimmed().toLower();
    if (gender != QStringLiteral("female") && gender != QStringLiteral("male") && gender != QStringLiteral("other")) {
        return Covariate::unknown(name::kSex, gender.isEmpty()
                                                  ? QStringLiteral("no administrative gender in the record (Patient.gender)")
                                                  : QStringLiteral("administrative gender is \"%1\"").arg(gender));
    }
    Covariate covariate;
    covariate.name = name::kSex;
    covariate.known = true;
    covariate.text = gender;
    covariate.source = patientSource(record);
    covariate.method = QStringLiteral("administrative gender (Patient.gender)");
    return covariate;
}

// ---------------------------------------------------------------------------------------------
// Observations

struct LabSpec {
    QString covariateName;
    QString what;  // "body weight"
    QStringList codes;
    bool anyTimeFallback = false;  // heights: the first value after asOf when none before
};

QString codesText(const QStringList &codes) {
    return QStringLiteral("LOINC %1").arg(codes.join(QStringLiteral(" or ")));
}

Covariate fromObservation(const LabSpec &spec, const NormalizedValue &value, const QString &selection,
                          const QStringList &skipped) {
    Covariate covariate = numeric(spec.covariateName, value.value, value.unit);
    covariate.source = describe(value.provenance, QStringLiteral("Observation"), value.observationId);
    covariate.date = value.effective.date();
    covariate.method = selection;
    if (value.converted) covariate.method += QStringLiteral("; converted: %1").arg(value.conversion());
    QStringList notes;
    if (!value.comparator.isEmpty()) {
        notes << QStringLiteral("censored result %1, used at its bound").arg(value.display());
    }
    if (!skipped.isEmpty()) {
        notes << QStringLiteral("%1 unreadable %2 observation(s) ignored: %3")
                     .arg(skipped.size())
                     .arg(spec.what, skipped.join(QStringLiteral("; ")));
    }
    covariate.note = notes.join(QStringLiteral("; "));
    return covariate;
}

Covariate latestObservation(const PatientRecord &record, const LabSpec &spec, const QDateTime &asOf) {
    const NormalizedHistory history = UnitNormalizer::normalizedHistory(record, spec.codes);
    if (const NormalizedValue *value = history.latest(asOf)) {
        return fromObservation(spec, *value,
                               QStringLiteral("latest %1 (%2) on or before %3")
                                   .arg(spec.what, codesText(spec.codes), whenText(asOf)),
                               history.skipped);
    }
    const NormalizedValue *later = history.values.isEmpty() ? nullptr : &history.values.first();
    if (later && spec.anyTimeFallback) {
        Covariate covariate = fromObservation(
            spec, *later,
            QStringLiteral("first %1 (%2) after %3: none before, and adult %1 is taken as stable")
                .arg(spec.what, codesText(spec.codes), whenText(asOf)),
            history.skipped);
        const QString after = QStringLiteral("measured on %1, after %2").arg(dateText(later->effective.date()), whenText(asOf));
        covariate.note = covariate.note.isEmpty() ? after : after + QStringLiteral("; ") + covariate.note;
        return covariate;
    }
    QString why = QStringLiteral("no %1 observation (%2) on or before %3").arg(spec.what, codesText(spec.codes), whenText(asOf));
    if (later) why += QStringLiteral(" (the first is on %1)").arg(dateText(later->effective.date()));
    if (!history.skipped.isEmpty()) {
        why += QStringLiteral("; %1 unreadable: %2").arg(history.skipped.size()).arg(history.skipped.join(QStringLiteral("; ")));
    }
    return Covariate::unknown(spec.covariateName, why);
}

// ---------------------------------------------------------------------------------------------
// Derived

Covariate bsa(const Covariate &weight, const Covariate &height) {
    if (!weight.known || !height.known) return Covariate::unknown(name::kBsa, missingInputs({&weight, &height}));
    Covariate covariate = numeric(name::kBsa, CovariateCalculator::mostellerBsa(*height.value, *weight.value), QStringLiteral("m2"));
    covariate.source = sources({&height, &weight});
    covariate.date = newest({weight.date, height.date});
    covariate.method = covariate_method::kMosteller;
    covariate.note = inputNotes({&height, &weight});
    return covariate;
}

Covariate bmi(const Covariate &weight, const Covariate &height) {
    if (!weight.known || !height.known) return Covariate::unknown(name::kBmi, missingInputs({&weight, &height}));
    Covariate covariate =
        numeric(name::kBmi, CovariateCalculator::bodyMassIndex(*height.value, *weight.value), QStringLiteral("kg/m2"));
    covariate.source = sources({&height, &weight});
    covariate.date = newest({weight.date, height.date});
    covariate.method = QStringLiteral("weight_kg / (height_cm / 100)²");
    covariate.note = inputNotes({&height, &weight});
    return covariate;
}

/// Why a renal equation cannot be applied to these known inputs; empty when it can.
QString renalEquationBlocker(const QString &equation, const Covariate &ageCovariate, const Covariate &sexCovariate,
                             const Covariate &creatinine) {
    if (sexCovariate.text != QStringLiteral("female") && sexCovariate.text != QStringLiteral("male")) {
        return QStringLiteral("%1 needs sex female or male; the record has \"%2\"").arg(equation, sexCovariate.text);
    }
    if (*ageCovariate.value < kAdultAge) {
        return QStringLiteral("%1 is an adult equation (age ≥ 18 years); age is %2 years")
            .arg(equation, number(*ageCovariate.value));
    }
    if (!(*creatinine.value > 0.0)) {
        return QStringLiteral("%1 needs a positive serum creatinine; it is %2 mg/dL").arg(equation, number(*creatinine.value));
    }
    return {};
}

Covariate crcl(const Covariate &ageCovariate, const Covariate &sexCovariate, const Covariate &weight,
               const Covariate &creatinine) {
    if (!ageCovariate.known || !sexCovariate.known || !weight.known || !creatinine.known) {
        return Covariate::unknown(name::kCrcl, missingInputs({&ageCovariate, &sexCovariate, &weight, &creatinine}));
    }
    const QString blocker = renalEquationBlocker(QStringLiteral("Cockcroft–Gault"), ageCovariate, sexCovariate, creatinine);
    if (!blocker.isEmpty()) return Covariate::unknown(name::kCrcl, blocker);
    const bool female = sexCovariate.text == QStringLiteral("female");
    Covariate covariate = numeric(
        name::kCrcl, CovariateCalculator::cockcroftGault(*ageCovariate.value, *weight.value, female, *creatinine.value),
        QStringLiteral("mL/min"));
    covariate.source = sources({&ageCovariate, &sexCovariate, &weight, &creatinine});
    covariate.date = newest({ageCovariate.date, weight.date, creatinine.date});
    covariate.method = covariate_method::kCockcroftGault;
    covariate.note = inputNotes({&weight, &creatinine});
    return covariate;
}

Covariate egfr(const Covariate &ageCovariate, const Covariate &sexCovariate, const Covariate &creatinine) {
    if (!ageCovariate.known || !sexCovariate.known || !creatinine.known) {
        return Covariate::unknown(name::kEgfr, missingInputs({&ageCovariate, &sexCovariate, &creatinine}));
    }
    const QString blocker = renalEquationBlocker(QStringLiteral("CKD-EPI 2021"), ageCovariate, sexCovariate, creatinine);
    if (!blocker.isEmpty()) return Covariate::unknown(name::kEgfr, blocker);
    const bool female = sexCovariate.text == QStringLiteral("female");
    Covariate covariate =
        numeric(name::kEgfr, CovariateCalculator::ckdEpi2021(*ageCovariate.value, female, *creatinine.value),
                QStringLiteral("mL/min/{1.73_m2}"));
    covariate.source = sources({&ageCovariate, &sexCovariate, &creatinine});
    covariate.date = newest({ageCovariate.date, creatinine.date});
    covariate.method = covariate_method::kCkdEpi2021;
    covariate.note = inputNotes({&creatinine});
    return covariate;
}

// ---------------------------------------------------------------------------------------------
// Lists

/// Items of a list covariate, grouped by name: first and last date, sources.
struct ListItem {
    QString text;
    QDate first;
    QDate last;
};

class ItemList {
public:
    void add(const QString &text, const QDateTime &start, const QDateTime &end, const QString &source) {
        qsizetype index = -1;
        for (qsizetype i = 0; i < items_.size(); ++i) {
            if (items_.at(i).text == text) index = i;
        }
        if (index < 0) {
            items_.append({text, {}, {}});
            index = items_.size() - 1;
        }
        ListItem &item = items_[index];
        for (const QDate &date : {start.date(), end.date()}) {
            if (!date.isValid()) continue;
            if (!item.first.isValid() || date < item.first) item.first = date;
            if (!item.last.isValid() || date > item.last) item.last = date;
        }
        if (!sources_.contains(source)) sources_ << source;
        newest_ = newest({newest_, start.date()});
    }

    bool isEmpty() const { return items_.isEmpty(); }
    qsizetype size() const { return items_.size(); }
    /// "Cisplatin (2020-01-05 – 2020-03-01); Radiotherapy (2020-02-01)".
    QString withDates() const {
        QStringList parts;
        for (const ListItem &item : items_) {
            if (!item.first.isValid()) {
                parts << item.text;
            } else if (item.first == item.last) {
                parts << QStringLiteral("%1 (%2)").arg(item.text, dateText(item.first));
            } else {
                parts << QStringLiteral("%1 (%2 – %3)").arg(item.text, dateText(item.first), dateText(item.last));
            }
        }
        return parts.join(QStringLiteral("; "));
    }
    QString plain() const {
        QStringList parts;
        for (const ListItem &item : items_) parts << item.text;
        return parts.join(QStringLiteral("; "));
    }
    QString source() const { return sources_.join(QStringLiteral("; ")); }
    QDate newestDate() const { return newest_; }

private:
    QList<ListItem> items_;
    QStringList sources_;
    QDate newest_;
};

bool isVoid(const QString &status) {
    const QString s = status.trimmed().toLower();
    return s == QStringLiteral("entered-in-error") || s == QStringLiteral("cancelled") ||
           s == QStringLiteral("not-taken") || s == QStringLiteral("refuted");
}

QString medicationText(const MedicationRecord &medication) {
    QString text = medication.medication.label();
    if (text.isEmpty()) text = QStringLiteral("unnamed medication");
    if (medication.doseValue) {
        text += QLatin1Char(' ') + QStringLiteral("%1 %2").arg(number(*medication.doseValue), medication.doseUnit).trimmed();
    }
    return text;
}

template <typename Record>
QList<const Record *> byStart(const QList<Record> &records) {
    QList<const Record *> sorted;
    for (const Record &record : records) sorted << &record;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Record *a, const Record *b) { return a->start < b->start; });
    return sorted;
}

Covariate listCovariate(const QString &covariateName, const ItemList &items, const QString &text, const QString &method) {
    Covariate covariate;
    covariate.name = covariateName;
    covariate.known = true;
    covariate.value = static_cast<double>(items.size());
    covariate.text = text;
    covariate.source = items.source();
    covariate.date = items.newestDate();
    covariate.method = method;
    return covariate;
}

Covariate currentMedications(const PatientRecord &record, const QDateTime &asOf) {
    if (record.medications.isEmpty()) {
        return Covariate::unknown(name::kCurrentMedications, QStringLiteral("no medication records in the record"));
    }
    ItemList items;
    int undated = 0;
    int endedUndated = 0;
    for (const MedicationRecord *medication : byStart(record.medications)) {
        if (isVoid(medication->status)) continue;
        if (!medication->start.isValid()) {
            ++undated;
            continue;
        }
        if (medication->start > asOf) continue;
        if (medication->end.isValid()) {
            if (medication->end < asOf) continue;
        } else {
            const QString status = medication->status.trimmed().toLower();
            if (status == QStringLiteral("stopped") || status == QStringLiteral("completed")) {
                ++endedUndated;
                continue;
            }
        }
        items.add(medicationText(*medication), medication->start, {},
                  describe(medication->provenance, QStringLiteral("MedicationRequest"), medication->id));
    }
    Covariate covariate = listCovariate(
        name::kCurrentMedications, items, items.isEmpty() ? QStringLiteral("none") : items.plain(),
        QStringLiteral("medications started on or before %1 and not ended before it").arg(whenText(asOf)));
    QStringList notes;
    if (undated > 0) notes << QStringLiteral("%1 medication record(s) without a start date not counted").arg(undated);
    if (endedUndated > 0) {
        notes << QStringLiteral("%1 stopped or completed medication record(s) without an end date not counted").arg(endedUndated);
    }
    covariate.note = notes.join(QStringLiteral("; "));
    return covariate;
}

QString diagnosisText(const ConditionRecord &condition, const QDateTime &asOf) {
    QString text = condition.code.label();
    if (text.isEmpty()) text = QStringLiteral("unnamed cancer diagnosis");
    QStringList details;
    if (!condition.stage.isEmpty()) {
        details << QStringLiteral("stage %1").arg(condition.stage);
        if (!condition.stageType.isEmpty()) details << condition.stageType;
    } else {
        details << QStringLiteral("stage not recorded");
    }
    if (condition.abatement.isValid() && condition.abatement <= asOf) {
        details << QStringLiteral("resolved %1").arg(dateText(condition.abatement.date()));
    }
    return QStringLiteral("%1 (%2)").arg(text, details.join(QStringLiteral(", ")));
}

Covariate cancerDiagnoses(const PatientRecord &record, const QDateTime &asOf) {
    if (record.conditions.isEmpty()) {
        return Covariate::unknown(name::kCancerDiagnoses, QStringLiteral("no condition records in the record"));
    }
    QList<const ConditionRecord *> conditions;
    for (const ConditionRecord &condition : record.conditions) conditions << &condition;
    std::stable_sort(conditions.begin(), conditions.end(),
                     [](const ConditionRecord *a, const ConditionRecord *b) { return a->onset < b->onset; });
    ItemList items;
    for (const ConditionRecord *condition : conditions) {
        if (!condition->isCancer || isVoid(condition->clinicalStatus)) continue;
        if (condition->onset.isValid() && condition->onset > asOf) continue;
        items.add(diagnosisText(*condition, asOf), condition->onset, {},
                  describe(condition->provenance, QStringLiteral("Condition"), condition->id));
    }
    return listCovariate(name::kCancerDiagnoses, items, items.isEmpty() ? QStringLiteral("none") : items.plain(),
                         QStringLiteral("conditions classified as cancer with onset on or before %1 (or no onset)")
                             .arg(whenText(asOf)));
}

Covariate priorTreatment(const QString &covariateName, const ItemList &items, const QString &method) {
    return listCovariate(covariateName, items,
                         items.isEmpty() ? QStringLiteral("no") : QStringLiteral("yes: %1").arg(items.withDates()), method);
}

Covariate priorRadiotherapy(const PatientRecord &record, const QDateTime &asOf) {
    if (record.procedures.isEmpty()) {
        return Covariate::unknown(name::kPriorRadiotherapy, QStringLiteral("no procedure records in the record"));
    }
    ItemList items;
    for (const ProcedureRecord *procedure : byStart(record.procedures)) {
        if (procedure->category != ProcedureRecord::Category::Radiotherapy) continue;
        if (!procedure->start.isValid() || procedure->start >= asOf) continue;
        QString text = procedure->code.label();
        items.add(text.isEmpty() ? QStringLiteral("radiotherapy") : text, procedure->start,
                  procedure->end.isValid() && procedure->end < asOf ? procedure->end : QDateTime(),
                  describe(procedure->provenance, QStringLiteral("Procedure"), procedure->id));
    }
    return priorTreatment(name::kPriorRadiotherapy, items,
                          QStringLiteral("radiotherapy procedures started before %1").arg(whenText(asOf)));
}

Covariate priorChemotherapy(const PatientRecord &record, const QDateTime &asOf) {
    if (record.procedures.isEmpty() && record.medications.isEmpty()) {
        return Covariate::unknown(name::kPriorChemotherapy,
                                  QStringLiteral("no procedure or medication records in the record"));
    }
    ItemList items;
    for (const MedicationRecord *medication : byStart(record.medications)) {
        if (!medication->isChemotherapy || isVoid(medication->status)) continue;
        if (!medication->start.isValid() || medication->start >= asOf) continue;
        QString text = medication->medication.label();
        items.add(text.isEmpty() ? QStringLiteral("chemotherapy") : text, medication->start,
                  medication->end.isValid() && medication->end < asOf ? medication->end : QDateTime(),
                  describe(medication->provenance, QStringLiteral("MedicationRequest"), medication->id));
    }
    for (const ProcedureRecord *procedure : byStart(record.procedures)) {
        if (procedure->category != ProcedureRecord::Category::Chemotherapy) continue;
        if (!procedure->start.isValid() || procedure->start >= asOf) continue;
        QString text = procedure->code.label();
        items.add(text.isEmpty() ? QStringLiteral("chemotherapy") : text, procedure->start,
                  procedure->end.isValid() && procedure->end < asOf ? procedure->end : QDateTime(),
                  describe(procedure->provenance, QStringLiteral("Procedure"), procedure->id));
    }
    return priorTreatment(
        name::kPriorChemotherapy, items,
        QStringLiteral("chemotherapy medications and procedures started before %1").arg(whenText(asOf)));
}

}  // namespace

// -------------------------------------------------------------------------------------------------

double CovariateCalculator::mostellerBsa(double heightCm, double weightKg) {
    return std::sqrt(heightCm * weightKg / 3600.0);
}

double CovariateCalculator::bodyMassIndex(double heightCm, double weightKg) {
    const double heightM = heightCm / 100.0;
    return weightKg / (heightM * heightM);
}

double CovariateCalculator::cockcroftGault(double ageYears, double weightKg, bool female, double creatinineMgPerDl) {
    return (140.0 - ageYears) * weightKg * (female ? 0.85 : 1.0) / (72.0 * creatinineMgPerDl);
}

double CovariateCalculator::ckdEpi2021(double ageYears, bool female, double creatinineMgPerDl) {
    const double kappa = female ? 0.7 : 0.9;
    const double alpha = female ? -0.241 : -0.302;
    const double ratio = creatinineMgPerDl / kappa;
    return 142.0 * std::pow(std::min(ratio, 1.0), alpha) * std::pow(std::max(ratio, 1.0), -1.200) *
           std::pow(0.9938, ageYears) * (female ? 1.012 : 1.0);
}

QStringList CovariateCalculator::names() {
    return {name::kAge,        name::kSex,       name::kWeight,     name::kHeight,    name::kBsa,
            name::kBmi,        name::kCrcl,      name::kEgfr,       name::kCreatinine,
            name::kAnc,        name::kPlatelets, name::kHemoglobin, name::kBilirubin, name::kAlt,
            name::kEcog,       name::kCurrentMedications, name::kCancerDiagnoses, name::kPriorRadiotherapy, name::kPriorChemotherapy};
}

QList<Covariate> CovariateCalculator::compute(const PatientRecord &record, const QDateTime &asOfIn) {
    const QDateTime asOf = asOfIn.isValid() ? asOfIn : QDateTime::currentDateTime();

    const Covariate ageCovariate = age(record, asOf);
    const Covariate sexCovariate = sex(record);
    const Covariate weight =
        latestObservation(record, {name::kWeight, QStringLiteral("body weight"), {loinc::kBodyWeight}, false}, asOf);
    const Covariate height =
        latestObservation(record, {name::kHeight, QStringLiteral("body height"), {loinc::kBodyHeight}, true}, asOf);
    const Covariate creatinine = latestObservation(
        record,
        {name::kCreatinine, QStringLiteral("serum creatinine"),
         {loinc::kCreatinineSerum, loinc::kCreatinineBlood}, false},
        asOf);

    QList<Covariate> covariates;
    covariates << ageCovariate << sexCovariate << weight << height;
    covariates << bsa(weight, height) << bmi(weight, height);
    covariates << crcl(ageCovariate, sexCovariate, weight, creatinine) << egfr(ageCovariate, sexCovariate, creatinine);
    covariates << creatinine;
    covariates << latestObservation(
        record, {name::kAnc, QStringLiteral("absolute neutrophil count"), {loinc::kNeutrophilsAutomated, loinc::kNeutrophils}, false},
        asOf);
    covariates << latestObservation(record, {name::kPlatelets, QStringLiteral("platelet count"), {loinc::kPlatelets}, false}, asOf);
    covariates << latestObservation(record, {name::kHemoglobin, QStringLiteral("hemoglobin"), {loinc::kHemoglobin}, false}, asOf);
    covariates << latestObservation(record, {name::kBilirubin, QStringLiteral("total bilirubin"), {loinc::kBilirubinTotal}, false},
                                    asOf);
    covariates << latestObservation(record, {name::kAlt, QStringLiteral("ALT"), {loinc::kAlt}, false}, asOf);
    covariates << PerformanceStatus::ecog(record, asOf);
    covariates << currentMedications(record, asOf) << cancerDiagnoses(record, asOf);
    covariates << priorRadiotherapy(record, asOf) << priorChemotherapy(record, asOf);
    return covariates;
}

Covariate covariateNamed(const QList<Covariate> &covariates, const QString &covariateName) {
    for (const Covariate &covariate : covariates) {
        if (covariate.name == covariateName) return covariate;
    }
    return Covariate::unknown(covariateName, QStringLiteral("not computed"));
}

Covariate withPopulationDefault(const Covariate &covariate, double value, const QString &unit, const QString &reference) {
    if (covariate.known) return covariate;
    Covariate defaulted = covariate;
    defaulted.value = value;
    defaulted.unit = unit;
    defaulted.usesPopulationDefault = true;
    defaulted.source = reference;
    defaulted.method = QStringLiteral("population default");
    defaulted.date = QDate();
    const QString why = covariate.note.isEmpty() ? QString() : QStringLiteral("; patient value unknown: %1").arg(covariate.note);
    defaulted.note = QStringLiteral("population default %1 %2 (%3)%4").arg(number(value), unit, reference, why).simplified();
    return defaulted;
}

}  // namespace twin::ehr
