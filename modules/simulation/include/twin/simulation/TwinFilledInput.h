#pragma once
// TwinFilledInput: how one model parameter or table that names a twin "source" got its value
// for a run — from the twin (with provenance), overridden by the scenario, or the model.json
// default flagged as a population default with the source it wanted and why it was missing.
// The CLI's "inputs" list is these, one per parameter/table with a source (and per override).

#include <QString>

namespace twin::simulation {

struct TwinFilledInput {
    enum class Origin { Twin, PopulationDefault, ScenarioOverride };

    QString model;   // instance id
    QString target;  // parameter or table id
    bool isTable = false;
    QString source;  // model.json "source" ("covariate:bsa_m2"); "" for an override without one
    Origin origin = Origin::PopulationDefault;
    double value = 0.0;  // in `unit` (a table: the number of bins)
    QString unit;        // the parameter's unit (tables: "")
    QString provenance;  // twin: where from; default: the model.json reference; override: the scenario
    QString note;        // default: why the twin had no value; twin: unit conversion done

    bool populationDefault() const { return origin == Origin::PopulationDefault; }
    static QString originName(Origin origin);  // "twin" | "population default" | "scenario"
};

}  // namespace twin::simulation
