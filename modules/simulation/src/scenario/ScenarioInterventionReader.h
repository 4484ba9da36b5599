#pragma once
// Reads one entry of a scenario's "interventions" array (drug, radiotherapy or surgery) with
// its checks; used by ScenarioReader. `models` are the twin's model ids (targets must be among
// them); `horizonDays` bounds nothing here (actions past the horizon are simply not reached).

#include "scenario/ScenarioFieldReader.h"
#include "twin/simulation/ScenarioIntervention.h"

#include <QStringList>

namespace twin::simulation {

class ScenarioInterventionReader {
public:
    static ScenarioIntervention read(ScenarioFieldReader &entry, const QStringList &models);

private:
    static DosingRegimen readDrug(ScenarioFieldReader &entry, const QStringList &models);
    static RadiotherapySchedule readRadiotherapy(ScenarioFieldReader &entry, const QStringList &models);
    static SurgeryEvent readSurgery(ScenarioFieldReader &entry, const QStringList &models);
    static QString readTarget(ScenarioFieldReader &entry, const QStringList &models, const QString &fallback);
};

}  // namespace twin::simulation
