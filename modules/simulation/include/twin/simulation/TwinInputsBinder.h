#pragma once
// TwinInputsBinder: fills a model's parameters and tables from the twin. For every parameter
// and table whose model.json "source" is set it looks the source up in TwinInputs; a value is
// converted from the twin's unit to the parameter's (core::UnitRegistry, UCUM) and an integer
// parameter is rounded; what the twin lacks (or cannot convert) stays at the model.json default
// and is reported as a population default naming the source and why. Scenario overrides are
// applied on top by ScenarioSimulation (precedence in Scenario.h).

#include "twin/simulation/ModelMetadata.h"
#include "twin/simulation/TwinFilledInput.h"
#include "twin/simulation/TwinInputs.h"

#include <vector>

namespace twin::simulation {

class TwinInputsBinder {
public:
    /// One entry per parameter and table with a source, in declared order (parameters first).
    static std::vector<TwinFilledInput> bind(const ModelMetadata &model, const QString &instanceId,
                                             const TwinInputs &inputs);
};

}  // namespace twin::simulation
