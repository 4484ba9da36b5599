#pragma once
// The checked pieces of a model plugin's model.json (modules/sim_api/README.md): one plain
// struct per kind of entry. ModelMetadata holds them in the declared order, which is the order
// of the values crossing the IModel boundary. Indices into sibling lists (a metric's output, a
// validity rule's subject) are resolved when the metadata is parsed, so the simulator never
// looks an id up while stepping.

#include <QString>

#include <limits>
#include <string>

namespace twin::simulation {

enum class ParameterKind { Real, Integer };

struct ParameterSpec {
    QString id;
    QString label;
    QString unit;  // UCUM, parses with core::UnitRegistry
    QString description;
    QString reference;
    QString source;  // "" or covariate:<id> / organ:<role>:<property> / plan:<id>
    ParameterKind kind = ParameterKind::Real;
    double defaultValue = 0.0;
    double min = 0.0;
    double max = 0.0;
    double step = 0.0;  // 0 = not given
    bool calibratable = false;
    double priorCv = 0.0;  // 0 = not given
};

struct InputSpec {
    QString id;
    QString label;
    QString unit;
    QString from;       // "<model>.<output>" as declared, "" when the input has no default source
    QString fromModel;  // the two halves of `from`
    QString fromOutput;
    double defaultValue = 0.0;
    QString description;
};

struct OutputSpec {
    QString id;
    QString label;
    QString unit;
    QString description;
};

struct TableSpec {
    QString id;
    QString xUnit;
    QString yUnit;
    QString source;
    QString description;
};

enum class MetricReduce { Max, Min, Last };

struct MetricSpec {
    QString id;
    QString output;
    int outputIndex = -1;
    MetricReduce reduce = MetricReduce::Last;
    QString unit;  // the output's unit when model.json gives none
    /// metric = scale * output + offset (UCUM conversion from the output's unit to `unit`).
    double scale = 1.0;
    double offset = 0.0;
    QString requiresTable;  // "" = none
    int tableIndex = -1;
};

enum class ValiditySubjectKind { Parameter, Input, Output, ActionAmount };

struct ValiditySpec {
    QString subject;  // as written: parameter:<id>, input:<id>, output:<id>, action:<kind>.amount
    ValiditySubjectKind kind = ValiditySubjectKind::Parameter;
    int index = -1;          // into parameters, inputs or outputs; -1 for actions
    std::string actionKind;  // for ActionAmount
    /// Bounds in the subject's own unit (converted from the rule's unit); infinite when absent.
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    QString unit;  // the subject's unit
    QString message;
};

}  // namespace twin::simulation
