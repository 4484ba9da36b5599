#pragma once
// CouplingPlan: where every input of every model comes from, resolved once per run: the
// producer instance and output (or none: the input's default), the unit map from the
// producer's unit to the input's, and the order to step the models in (topological over the
// couplings, ties in the order the models were added; a cycle is an error).

#include "metadata/UnitMapping.h"
#include "simulator/WarningLog.h"
#include "twin/core/Result.h"
#include "twin/simulation/ModelInstance.h"

#include <QString>

#include <memory>
#include <vector>

namespace twin::simulation {

/// An explicit connect(): overrides the input's "from".
struct Connection {
    QString consumer;
    QString input;
    QString source;  // "<instance>.<output>"
};

struct InputSource {
    int producer = -1;  // model index; -1: the default is used
    int output = -1;
    UnitMapping mapping;
    double fallback = 0.0;  // the input's default (also used while the producer is disabled)
};

struct CouplingPlan {
    std::vector<std::vector<InputSource>> inputs;  // [model][input]
    std::vector<int> order;                        // model indices in stepping order

    /// Unknown metadata sources are warned about in `log` (at t = 0); unknown explicit
    /// sources, unit mismatches and cycles are errors.
    static core::Result<CouplingPlan> resolve(const std::vector<std::unique_ptr<ModelInstance>> &models,
                                              const std::vector<Connection> &connections, WarningLog &log);
};

}  // namespace twin::simulation
