// SimulateOutput: the JSON and CSV of `didymos-cli simulate`.

#include "SimulateOutput.h"

#include <QFileInfo>
#include <QJsonArray>

#include <cmath>

namespace twin::cli {

namespace {

using simulation::SimulationWarning;
using simulation::TwinFilledInput;

/// A JSON number, or null for NaN/Inf (JSON has no such numbers).
QJsonValue number(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QJsonArray numbers(const std::vector<double> &values, std::size_t from = 0, std::size_t count = std::size_t(-1)) {
    QJsonArray array;
    for (std::size_t i = from; i < values.size() && i - from < count; ++i) array.append(number(values[i]));
    return array;
}

QString warningKind(SimulationWarning::Kind kind) {
    switch (kind) {
        case SimulationWarning::Kind::OutsideValidity:
            return QStringLiteral("outside_validity");
        case SimulationWarning::Kind::OutsideDeclaredRange:
            return QStringLiteral("outside_declared_range");
        case SimulationWarning::Kind::UnknownSource:
            return QStringLiteral("unknown_source");
        case SimulationWarning::Kind::ActionNotTaken:
            return QStringLiteral("action_not_taken");
        case SimulationWarning::Kind::ModelDisabled:
            return QStringLiteral("model_disabled");
    }
    return {};
}

QJsonArray inputsJson(const simulation::ScenarioSimulation &sim) {
    QJsonArray inputs;
    for (const TwinFilledInput &f : sim.filledInputs()) {
        QJsonObject o{{QStringLiteral("model"), f.model},
                      {QString::fromLatin1(f.isTable ? "table" : "parameter"), f.target},
                      {QStringLiteral("source"), f.source},
                      {QStringLiteral("origin"), TwinFilledInput::originName(f.origin)},
                      {QStringLiteral("populationDefault"), f.populationDefault()},
                      {QStringLiteral("provenance"), f.provenance}};
        if (!f.isTable) {
            o.insert(QStringLiteral("value"), number(f.value));
            o.insert(QStringLiteral("unit"), f.unit);
        }
        if (!f.note.isEmpty()) o.insert(QStringLiteral("note"), f.note);
        inputs.append(o);
    }
    return inputs;
}

QJsonObject calibrationJson(const SimulateReport &r) {
    const simulation::CalibrationResult &c = *r.calibration;
    QJsonArray parameters;
    for (int j = 0; j < c.parameterCount(); ++j) {
        const std::size_t k = std::size_t(j);
        parameters.append(
            QJsonObject{{QStringLiteral("id"), c.parameterIds[j]},
                        {QStringLiteral("prior"), number(r.priorValues[k])},
                        {QStringLiteral("priorCv"), number(r.priorCvs[k])},
                        {QStringLiteral("estimate"), number(c.estimates[k])},
                        {QStringLiteral("se"), c.covarianceValid ? number(c.standardErrors[k]) : QJsonValue()},
                        {QStringLiteral("ci90"),
                         c.covarianceValid ? QJsonArray{number(c.ci90Lower[k]), number(c.ci90Upper[k])} : QJsonValue()},
                        {QStringLiteral("shrinkage"), c.covarianceValid ? number(c.shrinkage[k]) : QJsonValue()},
                        {QStringLiteral("atBound"), bool(c.atLowerBound[k] || c.atUpperBound[k])}});
    }
    QJsonObject o{{QStringLiteral("parameters"), parameters},
                  {QStringLiteral("observations"), r.observationCount},
                  {QStringLiteral("seriesAt"), QStringLiteral("estimate")},
                  {QStringLiteral("objective"), number(c.objective)},
                  {QStringLiteral("converged"), c.converged},
                  {QStringLiteral("iterations"), c.iterations},
                  {QStringLiteral("predictCalls"), c.predictCalls},
                  {QStringLiteral("optimiserStatus"), c.optimiserStatus},
                  {QStringLiteral("covarianceValid"), c.covarianceValid}};
    if (!c.covarianceMessage.isEmpty()) o.insert(QStringLiteral("covarianceMessage"), c.covarianceMessage);
    if (!c.boundMessage.isEmpty()) o.insert(QStringLiteral("boundMessage"), c.boundMessage);
    if (r.bands)
        o.insert(QStringLiteral("bands"),
                 QJsonObject{{QStringLiteral("samples"), r.bands->sampleCount},
                             {QStringLiteral("failedSamples"), r.bands->failedSamples},
                             {QStringLiteral("seed"), QString::number(r.bands->seed)},
                             {QStringLiteral("lowerQuantile"), r.bands->lowerQuantile},
                             {QStringLiteral("upperQuantile"), r.bands->upperQuantile},
                             {QStringLiteral("series"), QJsonArray::fromStringList(r.bandSeries)}});
    return o;
}

}  // namespace

QJsonObject SimulateOutput::toJson(const SimulateReport &r) {
    const simulation::ScenarioSimulation &sim = *r.simulation;
    const simulation::Scenario &scenario = sim.scenario();
    const std::size_t points = r.result.t.size();
    QJsonArray series;
    for (const simulation::OutputSeries &s : r.result.series) {
        QJsonObject o{{QStringLiteral("id"), s.id},
                      {QStringLiteral("unit"), s.unit},
                      {QStringLiteral("t"), numbers(r.result.t)},
                      {QStringLiteral("values"), numbers(s.values)}};
        const qsizetype band = r.bandSeries.indexOf(s.id);
        if (r.bands && band >= 0) {
            o.insert(QStringLiteral("lower"), numbers(r.bands->lower, std::size_t(band) * points, points));
            o.insert(QStringLiteral("upper"), numbers(r.bands->upper, std::size_t(band) * points, points));
        }
        series.append(o);
    }
    QJsonArray metrics;
    for (const simulation::MetricValue &m : r.result.metrics)
        metrics.append(QJsonObject{{QStringLiteral("id"), m.id},
                                   {QStringLiteral("model"), m.model},
                                   {QStringLiteral("value"), number(m.value)},
                                   {QStringLiteral("unit"), m.unit},
                                   {QStringLiteral("timeDays"), number(m.timeDays)}});
    QJsonArray warnings;
    for (const QString &w : r.twinWarnings)
        warnings.append(QJsonObject{{QStringLiteral("kind"), QStringLiteral("twin")}, {QStringLiteral("message"), w}});
    for (const SimulationWarning &w : r.result.warnings)
        warnings.append(QJsonObject{{QStringLiteral("kind"), warningKind(w.kind)},
                                    {QStringLiteral("model"), w.model},
                                    {QStringLiteral("subject"), w.subject},
                                    {QStringLiteral("timeDays"), number(w.timeDays)},
                                    {QStringLiteral("message"), w.message}});
    QJsonArray models;
    for (const simulation::LoadedModel &m : sim.models())
        models.append(QJsonObject{{QStringLiteral("id"), m.metadata->id()},
                                  {QStringLiteral("name"), m.metadata->name()},
                                  {QStringLiteral("version"), m.metadata->version()},
                                  {QStringLiteral("plugin"), QFileInfo(m.file).fileName()}});
    QJsonArray actions;
    for (const sim_api::Action &a : sim.actions())
        actions.append(QJsonObject{{QStringLiteral("timeDays"), a.timeDays},
                                   {QStringLiteral("kind"), QString::fromStdString(a.kind)},
                                   {QStringLiteral("target"), QString::fromStdString(a.target)},
                                   {QStringLiteral("amount"), a.amount},
                                   {QStringLiteral("rate"), a.rate}});
    QJsonObject root{{QStringLiteral("scenario"), QJsonObject{{QStringLiteral("file"), r.scenarioFile},
                                                              {QStringLiteral("name"), scenario.name},
                                                              {QStringLiteral("horizonDays"), scenario.horizonDays},
                                                              {QStringLiteral("stepHours"), scenario.stepHours},
                                                              {QStringLiteral("outputEvery"), scenario.outputEvery}}},
                     {QStringLiteral("case"), QJsonObject{{QStringLiteral("description"), r.caseDescription},
                                                          {QStringLiteral("ehr"), r.ehrPath},
                                                          {QStringLiteral("dicom"), r.dicomPath},
                                                          {QStringLiteral("asOf"), r.asOf}}},
                     {QStringLiteral("models"), models},
                     {QStringLiteral("inputs"), inputsJson(sim)},
                     {QStringLiteral("bsa"), QJsonObject{{QStringLiteral("valueM2"), sim.bsaM2()},
                                                         {QStringLiteral("provenance"), sim.bsaProvenance()}}},
                     {QStringLiteral("actions"), actions},
                     {QStringLiteral("series"), series},
                     {QStringLiteral("metrics"), metrics},
                     {QStringLiteral("warnings"), warnings}};
    if (r.calibration) root.insert(QStringLiteral("calibration"), calibrationJson(r));
    return root;
}

QByteArray SimulateOutput::toCsv(const SimulateReport &r) {
    const std::size_t points = r.result.t.size();
    QStringList header{QStringLiteral("t [d]")};
    for (const simulation::OutputSeries &s : r.result.series) {
        header << QStringLiteral("%1 [%2]").arg(s.id, s.unit);
        if (r.bands && r.bandSeries.contains(s.id))
            header << QStringLiteral("%1 lower [%2]").arg(s.id, s.unit)
                   << QStringLiteral("%1 upper [%2]").arg(s.id, s.unit);
    }
    QByteArray csv = header.join(QLatin1Char(',')).toUtf8() + '\n';
    const auto cell = [](double v) { return std::isfinite(v) ? QByteArray::number(v, 'g', 17) : QByteArray(); };
    for (std::size_t i = 0; i < points; ++i) {
        QByteArray row = cell(r.result.t[i]);
        for (const simulation::OutputSeries &s : r.result.series) {
            row += ',' + cell(s.values[i]);
            const qsizetype band = r.bandSeries.indexOf(s.id);
            if (r.bands && band >= 0)
                row += ',' + cell(r.bands->lower[std::size_t(band) * points + i]) + ',' +
                       cell(r.bands->upper[std::size_t(band) * points + i]);
        }
        csv += row + '\n';
    }
    return csv;
}

}  // namespace twin::cli
