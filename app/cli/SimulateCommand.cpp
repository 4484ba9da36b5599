// `didymos-cli simulate`: case -> twin inputs, scenario -> bound simulation, optional
// calibration and bands, then JSON or CSV (see SimulateCommand.h).

#include "SimulateCommand.h"

#include "SimulateCaseLoader.h"
#include "SimulateOutput.h"
#include "twin/simulation/PluginLoader.h"
#include "twin/simulation/ScenarioCalibration.h"
#include "twin/simulation/ScenarioReader.h"

#include <QDir>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTimeZone>

namespace twin::cli {

namespace {

const QString kDemoScenario = QStringLiteral(":/scenarios/demo-chemoradiation.json");

struct Options {
    QString casePath, scenarioPath, outPath;
    bool demo = false;
    int bands = 0;
    QDateTime asOf;
};

}  // namespace

int SimulateCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err) {
    Options o;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        const bool hasValue = i + 1 < arguments.size();
        if (a == QStringLiteral("--demo"))
            o.demo = true;
        else if (a == QStringLiteral("--case") && hasValue)
            o.casePath = arguments.at(++i);
        else if (a == QStringLiteral("--scenario") && hasValue)
            o.scenarioPath = arguments.at(++i);
        else if (a == QStringLiteral("--out") && hasValue)
            o.outPath = arguments.at(++i);
        else if (a == QStringLiteral("--bands") && hasValue) {
            bool ok = false;
            o.bands = arguments.at(++i).toInt(&ok);
            if (!ok || o.bands < 20 || o.bands > 100000)
                return usageError(err, QStringLiteral("--bands needs a number of samples in 20…100000"));
        } else if (a == QStringLiteral("--as-of") && hasValue) {
            const QDate date = QDate::fromString(arguments.at(++i), Qt::ISODate);
            if (!date.isValid())
                return usageError(err,
                                  QStringLiteral("--as-of needs a date YYYY-MM-DD, not '%1'").arg(arguments.at(i)));
            o.asOf = QDateTime(date, QTime(23, 59, 59), QTimeZone::utc());
        } else
            return usageError(err, QStringLiteral("unknown or incomplete option '%1'").arg(a));
    }
    if (o.demo == !o.casePath.isEmpty())
        return usageError(err, QStringLiteral("give --case DIR_OR_FILE or --demo (one of them)"));
    if (!o.demo && o.scenarioPath.isEmpty()) return usageError(err, QStringLiteral("missing --scenario FILE"));
    if (o.outPath.isEmpty()) return usageError(err, QStringLiteral("missing --out FILE.csv or FILE.json"));
    const bool csv = o.outPath.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive);
    if (!csv && !o.outPath.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        return usageError(err, QStringLiteral("--out must end in .csv or .json, not '%1'").arg(o.outPath));

    const QString scenarioFile = o.scenarioPath.isEmpty() ? kDemoScenario : o.scenarioPath;
    const core::Result<simulation::Scenario> scenario = simulation::ScenarioReader::readFile(scenarioFile);
    if (!scenario.ok()) return failure(err, scenario.error().message());

    QTemporaryDir demoDir;
    SimulateReport report;
    report.scenarioFile =
        o.scenarioPath.isEmpty() ? QStringLiteral("demo-chemoradiation.json (built in)") : o.scenarioPath;
    QString casePath = o.casePath;
    if (o.demo) {
        if (!demoDir.isValid())
            return failure(err, QStringLiteral("cannot create a temporary folder: %1").arg(demoDir.errorString()));
        const core::Result<QString> demo = SimulateCaseLoader::writeDemoPatient(demoDir.path());
        if (!demo.ok()) return failure(err, demo.error().message());
        casePath = demoDir.path();
        report.caseDescription = QStringLiteral("demo patient %1 (generated, 128 x 128 x 60 grid)").arg(demo.value());
    } else {
        report.caseDescription = QStringLiteral("case %1").arg(o.casePath);
    }
    const core::Result<SimulateCase> loaded = SimulateCaseLoader::load(casePath, o.asOf);
    if (!loaded.ok()) return failure(err, loaded.error().message());
    report.ehrPath = loaded.value().ehrPath;
    report.dicomPath = loaded.value().dicomPath;
    report.asOf = loaded.value().asOf.isValid() ? loaded.value().asOf.toString(Qt::ISODate) : QString();
    report.twinWarnings = loaded.value().inputs.warnings;

    const simulation::PluginLoadResult plugins = simulation::PluginLoader::load();
    const core::Result<simulation::ScenarioSimulation> bound =
        simulation::ScenarioSimulation::create(scenario.value(), plugins, loaded.value().inputs, scenarioFile);
    if (!bound.ok()) return failure(err, bound.error().message());
    const simulation::ScenarioSimulation &sim = bound.value();
    report.simulation = &sim;

    std::vector<simulation::ParameterChange> changes;
    std::optional<simulation::ScenarioCalibration> calibration;
    report.observationCount = int(scenario.value().observations.size());
    if (report.observationCount > 0 || o.bands > 0) {
        auto created = simulation::ScenarioCalibration::create(sim, scenarioFile);
        if (!created.ok()) return failure(err, created.error().message());
        calibration = std::move(created).value();
        if (!calibration->parameters().empty()) {
            const auto fit = calibration->fit();
            if (!fit.ok()) return failure(err, QStringLiteral("calibration: %1").arg(fit.error().message()));
            report.calibration = fit.value();
            for (std::size_t j = 0; j < calibration->parameters().size(); ++j) {
                report.priorValues.push_back(calibration->parameters()[j].populationValue);
                report.priorCvs.push_back(sim.parameterSpec(calibration->parameterRefs()[j]).priorCv);
            }
            changes = calibration->changesAt(*report.calibration);
        } else {
            report.twinWarnings << QStringLiteral(
                "calibration: no calibratable parameter reaches the observed outputs");
        }
    }
    const core::Result<simulation::SimulationResult> result = sim.run(changes);
    if (!result.ok()) return failure(err, result.error().message());
    report.result = result.value();
    if (o.bands > 0 && report.calibration) {
        simulation::PredictionBandsOptions options;
        options.sampleCount = o.bands;
        report.bandSeries = calibration->affectedSeries(report.result);
        const auto bands = calibration->bands(*report.calibration, report.result, report.bandSeries, options);
        if (!bands.ok()) return failure(err, QStringLiteral("prediction bands: %1").arg(bands.error().message()));
        report.bands = bands.value();
    }

    QSaveFile file(o.outPath);
    const QByteArray bytes = csv ? SimulateOutput::toCsv(report)
                                 : QJsonDocument(SimulateOutput::toJson(report)).toJson(QJsonDocument::Compact);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return failure(err, QStringLiteral("%1: cannot write: %2").arg(o.outPath, file.errorString()));
    out << "Simulated " << sim.scenario().horizonDays << " d of " << sim.scenario().models.join(QStringLiteral(", "))
        << " (" << report.result.t.size() << " times, " << report.result.series.size() << " series, "
        << report.result.metrics.size() << " metrics, " << report.result.warnings.size() + report.twinWarnings.size()
        << " warnings) -> " << o.outPath << '\n';
    return kExitOk;
}

}  // namespace twin::cli
