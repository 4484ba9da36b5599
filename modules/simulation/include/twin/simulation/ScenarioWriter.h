#pragma once
// ScenarioWriter: a Scenario back to the JSON of ScenarioReader (Scenario.h). Round trip:
// ScenarioReader::fromObject(ScenarioWriter::toJson(s)) gives back `s` field for field; the
// radiotherapy course is written with all three dose keys and every optional key is written
// with its value, so the file states everything the run will use.

#include "twin/core/Result.h"
#include "twin/simulation/Scenario.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace twin::simulation {

class ScenarioWriter {
public:
    static QJsonObject toJson(const Scenario &scenario);
    /// Indented JSON (keys sorted, as QJsonObject keeps them), UTF-8.
    static QByteArray toBytes(const Scenario &scenario);
    /// Writes atomically (QSaveFile); errors name the file.
    static core::Status writeFile(const Scenario &scenario, const QString &path);
};

}  // namespace twin::simulation
