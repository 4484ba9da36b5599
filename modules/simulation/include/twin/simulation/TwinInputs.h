#pragma once
// TwinInputs: what the patient twin knows about this patient, as plain numbers and tables with
// their provenance, for the model parameters and tables whose model.json "source" names them
// (modules/sim_api/README.md). The simulation module stays headless and knows neither the EHR
// nor DICOM: the app layer fills this struct (app/cli/SimulateCaseLoader: covariates from
// twin::ehr, organs from the organ twin of a DICOM folder, the plan from the RT Plan).
//
// Sources understood (TwinInputs::value / table):
//   covariate:<id>                 covariates[id]: bsa_m2, weight_kg, height_cm, age_years,
//                                  crcl_ml_min, egfr, anc_baseline, sex_male, ...
//   organ:<role>:volumeMl          organs[role].volumeMl
//   organ:<role>:doublingTimeDays  organs[role].doublingTimeDays (from two or more scans)
//   organ:<role>:dvh               organs[role].dvh (differential, Gy / volume fraction)
//   plan:prescriptionGy            prescriptionGy
//   plan:fractions                 fractions
// Roles: tumour, lung, heart, rectum, parotid (TwinOrganRoles.h says how structure names map).
// A value the twin lacks may carry why in `missing` (source -> reason), shown beside the
// population default that replaces it.

#include "twin/sim_api/Table.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>

namespace twin::simulation {

struct TwinValue {
    double value = 0.0;
    QString unit;        // UCUM; converted to the parameter's unit when bound
    QString provenance;  // where it came from: resource ids, files, method
};

struct TwinOrgan {
    QString role;
    QStringList structures;  // structure names combined into this organ
    std::optional<TwinValue> volumeMl;
    std::optional<TwinValue> doublingTimeDays;
    sim_api::Table dvh;  // differential: x = bin-centre dose (Gy), y = volume fraction (sums to 1)
    QString dvhProvenance;
};

struct TwinInputs {
    std::map<QString, TwinValue> covariates;  // by model.json covariate id
    std::map<QString, TwinOrgan> organs;      // by role
    std::optional<TwinValue> prescriptionGy;
    std::optional<TwinValue> fractions;
    std::map<QString, QString> missing;  // source -> why the twin has no value
    QStringList warnings;                // from assembling the twin (EHR, DICOM)

    /// The value a parameter source names; nullopt when the twin has none (or the source is
    /// not a value, e.g. organ:<role>:dvh).
    std::optional<TwinValue> value(const QString &source) const;
    /// The DVH an "organ:<role>:dvh" source names; nullptr when none. `provenance` is set.
    const sim_api::Table *table(const QString &source, QString *provenance = nullptr) const;
    /// Why the twin has no value for `source` ("" when nothing was said).
    QString whyMissing(const QString &source) const;
};

}  // namespace twin::simulation
