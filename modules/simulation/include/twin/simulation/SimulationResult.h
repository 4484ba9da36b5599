#pragma once
// The recorded outcome of a run (or of a run so far): times, one series per model output,
// end-of-run metrics per the models' metadata, and the warnings.

#include "twin/simulation/SimulationWarning.h"

#include <QList>
#include <QString>

#include <vector>

namespace twin::simulation {

struct OutputSeries {
    QString id;                  // "<instance>.<output>", the signal's name on the bus
    QString model;               // instance id
    QString output;              // output id
    QString unit;                // UCUM, as declared
    std::vector<double> values;  // one per entry of SimulationResult::t
};

struct MetricValue {
    QString model;  // instance id
    QString id;     // metric id from model.json
    double value = 0.0;
    QString unit;
    double timeDays = 0.0;  // when the max/min was reached (first time), or the last time
};

struct SimulationResult {
    std::vector<double> t;  // days from the scenario start, on the output grid
    std::vector<OutputSeries> series;
    /// Per model metadata: max/min/last over the recorded (finite) values; a metric whose
    /// requiresTable was not filled, or of a disabled model, is left out.
    std::vector<MetricValue> metrics;
    QList<SimulationWarning> warnings;

    const OutputSeries *find(const QString &signalId) const {
        for (const OutputSeries &s : series) {
            if (s.id == signalId) return &s;
        }
        return nullptr;
    }
    const MetricValue *metric(const QString &model, const QString &metricId) const {
        for (const MetricValue &m : metrics) {
            if (m.model == model && m.id == metricId) return &m;
        }
        return nullptr;
    }
};

}  // namespace twin::simulation
