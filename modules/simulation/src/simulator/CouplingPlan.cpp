// CouplingPlan: see CouplingPlan.h.

#include "simulator/CouplingPlan.h"

#include <QStringList>

namespace twin::simulation {

namespace {

int indexOfInstance(const std::vector<std::unique_ptr<ModelInstance>> &models, const QString &id) {
    for (std::size_t i = 0; i < models.size(); ++i) {
        if (models[i]->id() == id) return static_cast<int>(i);
    }
    return -1;
}

const Connection *explicitConnection(const std::vector<Connection> &connections, const QString &consumer,
                                     const QString &input) {
    for (const Connection &c : connections) {
        if (c.consumer == consumer && c.input == input) return &c;
    }
    return nullptr;
}

/// Kahn's algorithm; among the ready models the one added first goes first.
core::Result<std::vector<int>> topologicalOrder(const std::vector<std::unique_ptr<ModelInstance>> &models,
                                                const std::vector<std::vector<InputSource>> &inputs) {
    const std::size_t n = models.size();
    std::vector<std::vector<bool>> feeds(n, std::vector<bool>(n, false));  // feeds[p][c]
    std::vector<int> pendingProducers(n, 0);
    for (std::size_t c = 0; c < n; ++c) {
        for (const InputSource &source : inputs[c]) {
            if (source.producer < 0) continue;
            const auto p = static_cast<std::size_t>(source.producer);
            if (!feeds[p][c]) {
                feeds[p][c] = true;
                ++pendingProducers[c];
            }
        }
    }
    std::vector<int> order;
    std::vector<bool> placed(n, false);
    while (order.size() < n) {
        std::size_t next = n;
        for (std::size_t i = 0; i < n && next == n; ++i) {
            if (!placed[i] && pendingProducers[i] == 0) next = i;
        }
        if (next == n) {
            QStringList cycle;
            for (std::size_t i = 0; i < n; ++i) {
                if (!placed[i]) cycle << models[i]->id();
            }
            return core::Error::invalidInput(
                QStringLiteral("the couplings form a cycle among %1; break it (a feedback loop through the "
                               "zero-order hold would make the result depend on the step)")
                    .arg(cycle.join(QStringLiteral(", "))));
        }
        placed[next] = true;
        order.push_back(static_cast<int>(next));
        for (std::size_t c = 0; c < n; ++c) {
            if (feeds[next][c]) --pendingProducers[c];
        }
    }
    return order;
}

}  // namespace

core::Result<CouplingPlan> CouplingPlan::resolve(const std::vector<std::unique_ptr<ModelInstance>> &models,
                                                 const std::vector<Connection> &connections, WarningLog &log) {
    CouplingPlan plan;
    plan.inputs.resize(models.size());
    for (std::size_t m = 0; m < models.size(); ++m) {
        const ModelInstance &consumer = *models[m];
        for (const InputSpec &spec : consumer.metadata().inputs()) {
            InputSource source;
            source.fallback = spec.defaultValue;
            const Connection *connection = explicitConnection(connections, consumer.id(), spec.id);
            const QString from = connection ? connection->source : spec.from;
            const QString where = QStringLiteral("%1.%2").arg(consumer.id(), spec.id);
            if (!from.isEmpty()) {
                const qsizetype dot = from.indexOf(QLatin1Char('.'));
                const int producer = indexOfInstance(models, from.left(dot));
                const int output =
                    producer < 0 || dot < 0
                        ? -1
                        : models[static_cast<std::size_t>(producer)]->metadata().outputIndex(from.mid(dot + 1));
                if (output < 0) {
                    if (connection) {
                        return core::Error::notFound(QStringLiteral("input %1 is connected to %2, which no model "
                                                                    "provides")
                                                         .arg(where, from));
                    }
                    log.add({SimulationWarning::Kind::UnknownSource, 0.0, consumer.id(),
                             QStringLiteral("input:%1").arg(spec.id),
                             QStringLiteral("%1: no loaded model provides %2; the default %3 %4 is used")
                                 .arg(where, from)
                                 .arg(spec.defaultValue)
                                 .arg(spec.unit)});
                } else {
                    const QString &unit = models[static_cast<std::size_t>(producer)]
                                              ->metadata()
                                              .outputs()[static_cast<std::size_t>(output)]
                                              .unit;
                    const core::Result<UnitMapping> mapping = UnitMapping::between(unit, spec.unit);
                    if (!mapping.ok()) {
                        return core::Error::invalidInput(
                            QStringLiteral("input %1 (%2) cannot take %3 (%4): %5")
                                .arg(where, spec.unit, from, unit, mapping.error().message()));
                    }
                    source.producer = producer;
                    source.output = output;
                    source.mapping = mapping.value();
                }
            }
            plan.inputs[m].push_back(source);
        }
    }
    core::Result<std::vector<int>> order = topologicalOrder(models, plan.inputs);
    if (!order.ok()) return order.error();
    plan.order = std::move(order).value();
    return plan;
}

}  // namespace twin::simulation
