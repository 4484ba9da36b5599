#pragma once
// ScenarioReader: a scenario JSON file (format in Scenario.h, schema in
// resources/schemas/scenario.schema.json) into a checked Scenario.
//
//   auto scenario = ScenarioReader::readFile("resources/scenarios/demo-chemoradiation.json");
//   if (!scenario.ok()) fail(scenario.error().message());
//       // "<file>: interventions[2].cycles: must be an integer >= 1 (is 0)"
//
// Errors are core::Error (InvalidInput; NotFound/Io for the file) naming the file and the
// field at fault with its full path; the first error found is reported. What the reader checks
// without the plugins: the format tag and version, types, ranges, unknown keys, consistency
// (two or three radiotherapy dose keys that agree, infusion shorter than the interval, a model
// named by an intervention, override, observation or calibrate entry is among twin.models).
// That a parameter or output exists in the model is checked when the scenario is bound to the
// loaded plugins (ScenarioSimulation::create), with the same field names.

#include "twin/core/Result.h"
#include "twin/simulation/Scenario.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace twin::simulation {

class ScenarioReader {
public:
    static core::Result<Scenario> readFile(const QString &path);
    /// `file` names the source in errors.
    static core::Result<Scenario> fromJson(const QByteArray &json, const QString &file);
    static core::Result<Scenario> fromObject(const QJsonObject &root, const QString &file);
};

}  // namespace twin::simulation
