#pragma once
// A model input derived from the record: value, unit, where it came from, when, and how it
// was computed. Missing data is explicit (known == false), never a silent zero; a model that
// substitutes a population default marks it with usesPopulationDefault and says which.

#include <QDate>
#include <QString>

#include <optional>

namespace twin::ehr {

struct Covariate {
    QString name;                 // "age", "sex", "weight", "bsa", "crcl", "egfr", …
    bool known = false;
    std::optional<double> value;  // numeric covariates
    QString text;                 // categorical or list covariates ("female", "Cisplatin; …")
    QString unit;                 // UCUM
    QString source;               // Provenance::describe() of the input(s)
    QDate date;                   // date of the newest input
    QString method;               // "Mosteller: sqrt(height_cm × weight_kg / 3600)" …
    bool usesPopulationDefault = false;
    QString note;                 // why unknown, or which default was used

    static Covariate unknown(const QString &name, const QString &why);
};

}  // namespace twin::ehr
