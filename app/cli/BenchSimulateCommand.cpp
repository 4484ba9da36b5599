// `didymos-cli bench simulate`: recompute budget of the whole twin and the PK path vs Odeint
// (see BenchSimulateCommand.h).

#include "BenchSimulateCommand.h"

#include "BenchSimulateOdeintPeer.h"
#include "SimulateCaseLoader.h"
#include "twin/simulation/PluginLoader.h"
#include "twin/simulation/ScenarioReader.h"
#include "twin/simulation/ScenarioSimulation.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <functional>

namespace twin::cli {

namespace {

constexpr double kAccuracyGoal = 1e-9;  // max |C - C_ref| / Cmax
constexpr double kP99GoalMs = 2.0;
constexpr double kSpeedGoal = 4.0;

struct Stats {
    double p50 = 0, p99 = 0, min = 0, max = 0;
};

/// Nearest-rank percentiles of `ms`.
Stats stats(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    const auto rank = [&ms](double p) {
        return ms[std::size_t(std::max(0.0, std::ceil(p * double(ms.size())) - 1.0))];
    };
    return {rank(0.50), rank(0.99), ms.front(), ms.back()};
}

Stats measure(int warmUp, int runs, const std::function<bool(int)> &run, bool &ok) {
    for (int i = 0; i < warmUp; ++i) ok = run(i) && ok;
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        ok = run(i) && ok;
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return stats(ms);
}

double maxRelativeError(const std::vector<double> &c, const std::vector<double> &reference) {
    const double cmax = *std::max_element(reference.begin(), reference.end());
    double worst = 0.0;
    for (std::size_t i = 0; i < c.size(); ++i) worst = std::max(worst, std::abs(c[i] - reference[i]) / cmax);
    return worst;
}

QString range(const Stats &s) {
    return QStringLiteral("%1 (%2–%3)").arg(s.p50, 0, 'f', 3).arg(s.min, 0, 'f', 3).arg(s.max, 0, 'f', 3);
}

simulation::DosingRegimen *docetaxel(simulation::Scenario &scenario) {
    for (simulation::ScenarioIntervention &i : scenario.interventions)
        if (auto *drug = std::get_if<simulation::DosingRegimen>(&i)) return drug;
    return nullptr;
}

}  // namespace

int BenchSimulateCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err) {
    if (arguments.isEmpty() || arguments.first() != QStringLiteral("simulate"))
        return usageError(err, QStringLiteral("expected 'simulate'"));
    int runs = 300;
    bool json = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        bool ok = true;
        if (arguments.at(i) == QStringLiteral("--json"))
            json = true;
        else if (arguments.at(i) == QStringLiteral("--runs") && i + 1 < arguments.size())
            runs = arguments.at(++i).toInt(&ok);
        else
            return usageError(err, QStringLiteral("unexpected argument '%1'").arg(arguments.at(i)));
        if (!ok || runs < 200) return usageError(err, QStringLiteral("--runs needs an integer >= 200"));
    }

    // Set-up (untimed): the demo patient's twin, the plugins, the scenario.
    QTemporaryDir dir;
    if (!dir.isValid()) return failure(err, QStringLiteral("cannot create a temporary folder"));
    const auto demo = SimulateCaseLoader::writeDemoPatient(dir.path());
    if (!demo.ok()) return failure(err, demo.error().message());
    const auto twin = SimulateCaseLoader::load(dir.path());
    if (!twin.ok()) return failure(err, twin.error().message());
    const simulation::PluginLoadResult plugins = simulation::PluginLoader::load();
    const QString file = QStringLiteral(":/scenarios/demo-chemoradiation.json");
    const auto read = simulation::ScenarioReader::readFile(file);
    if (!read.ok()) return failure(err, read.error().message());
    simulation::Scenario scenario = read.value();
    simulation::DosingRegimen *drug = docetaxel(scenario);
    if (!drug) return failure(err, QStringLiteral("%1: no drug regimen to change").arg(file));

    // 1. Every model after a dose change.
    const double doses[2] = {80.0, 75.0};
    std::size_t signalCount = 0, timeCount = 0, dvhTables = 0;
    bool ok = true;
    QString runError;
    const Stats whole = measure(
        10, runs,
        [&](int i) {
            drug->dose = doses[i % 2];
            auto bound = simulation::ScenarioSimulation::create(scenario, plugins, twin.value().inputs, file);
            if (!bound.ok()) return runError = bound.error().message(), false;
            const auto result = bound.value().run();
            if (!result.ok()) return runError = result.error().message(), false;
            signalCount = result.value().series.size();
            timeCount = result.value().t.size();
            dvhTables = 0;
            for (const auto &f : bound.value().filledInputs()) dvhTables += f.isTable && !f.populationDefault();
            return true;
        },
        ok);
    if (!ok) return failure(err, runError);

    // 2. The PK path alone, and the Odeint peer on the same grid.
    simulation::Scenario pkOnly = scenario;
    drug = docetaxel(pkOnly);
    drug->dose = 75.0;
    pkOnly.models = QStringList{drug->model};
    pkOnly.parameters.clear();
    pkOnly.interventions = {simulation::DosingRegimen(*drug)};
    drug = docetaxel(pkOnly);
    auto pkBound = simulation::ScenarioSimulation::create(pkOnly, plugins, twin.value().inputs, file);
    if (!pkBound.ok()) return failure(err, pkBound.error().message());
    const simulation::ScenarioSimulation &pk = pkBound.value();
    auto pkRun = pk.run();
    if (!pkRun.ok()) return failure(err, pkRun.error().message());
    const simulation::SimulationResult &pkResult = pkRun.value();
    const simulation::OutputSeries *concentration = pkResult.find(drug->model + QStringLiteral(".concentration"));
    const simulation::OutputSeries *clearance = pkResult.find(drug->model + QStringLiteral(".clearance"));
    if (!concentration || !clearance)
        return failure(err, QStringLiteral("the pk model has no concentration or clearance output"));
    const auto value = [&pk, &drug](const char *id) {
        return pk.parameterValue(pk.parameterRef(drug->model + QLatin1Char('.') + QLatin1String(id)).value());
    };
    const PkOdeParameters p{clearance->values.front(), value("v1"), value("q2"), value("v2"), value("q3"), value("v3")};
    if (value("compartments") != 3.0)
        return failure(err, QStringLiteral("the bench compares the three-compartment model"));
    std::vector<double> hours(pkResult.t.size()), rates(pkResult.t.size(), 0.0);
    for (std::size_t i = 0; i < hours.size(); ++i) hours[i] = pkResult.t[i] * 24.0;
    for (const sim_api::Action &a : pk.actions()) {
        const double h = a.timeDays * 24.0, index = std::round(h / (hours[1] - hours[0]));
        if (std::abs(index * (hours[1] - hours[0]) - h) > 1e-9)
            return failure(err, QStringLiteral("an action is off the output grid"));
        const double mgPerH = a.kind == sim_api::action_kind::kIvInfusionStart ? a.rate / 24.0 : 0.0;
        for (std::size_t i = std::size_t(index); i < rates.size(); ++i) rates[i] = mgPerH;
    }
    std::vector<double> reference(hours.size()), peerOut(hours.size());
    BenchSimulateOdeintPeer(p, hours, rates, 1e-16, 1e-13).solve(reference);
    const double oursError = maxRelativeError(concentration->values, reference);
    double peerTolerance = 0.0, peerError = 0.0;
    for (const double tol : {1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12}) {
        BenchSimulateOdeintPeer(p, hours, rates, tol * 1e-3, tol).solve(peerOut);
        peerError = maxRelativeError(peerOut, reference);
        peerTolerance = tol;
        if (peerError <= kAccuracyGoal) break;
    }
    const Stats ours = measure(
        10, runs, [&](int) { return pk.run().ok(); }, ok);
    const BenchSimulateOdeintPeer peer(p, hours, rates, peerTolerance * 1e-3, peerTolerance);
    const Stats odeint = measure(
        10, runs, [&](int) { return peer.solve(peerOut), true; }, ok);
    const double ratio = odeint.p50 / ours.p50;
    const bool accurate = oursError <= kAccuracyGoal && peerError <= kAccuracyGoal;
    const bool budgetMet = whole.p99 <= kP99GoalMs, speedMet = ratio >= kSpeedGoal;

    if (json) {
        out << QJsonDocument(QJsonObject{{QStringLiteral("runs"), runs},
                                         {QStringLiteral("models"), scenario.models.join(QLatin1Char(','))},
                                         {QStringLiteral("signals"), int(signalCount)},
                                         {QStringLiteral("times"), int(timeCount)},
                                         {QStringLiteral("dvhTables"), int(dvhTables)},
                                         {QStringLiteral("recomputeP50Ms"), whole.p50},
                                         {QStringLiteral("recomputeP99Ms"), whole.p99},
                                         {QStringLiteral("recomputeMaxMs"), whole.max},
                                         {QStringLiteral("recomputeGoalMet"), budgetMet},
                                         {QStringLiteral("pkOursMedianMs"), ours.p50},
                                         {QStringLiteral("pkOdeintMedianMs"), odeint.p50},
                                         {QStringLiteral("pkRatio"), ratio},
                                         {QStringLiteral("pkOursError"), oursError},
                                         {QStringLiteral("pkOdeintError"), peerError},
                                         {QStringLiteral("pkOdeintRelTol"), peerTolerance},
                                         {QStringLiteral("accuracyGoal"), kAccuracyGoal},
                                         {QStringLiteral("pkSpeedGoalMet"), speedMet}})
                   .toJson(QJsonDocument::Indented);
    } else {
        out << "Twin recompute after a dose change (docetaxel 75 <-> 80 mg/m2), "
            << scenario.models.join(QStringLiteral(", ")) << ", " << scenario.horizonDays << " d at "
            << scenario.stepHours << " h: " << timeCount << " times x " << signalCount << " signals, " << dvhTables
            << " DVH tables; " << runs << " runs after 10 untimed, one thread\n";
        out << QStringLiteral("  p50 %1 ms, p99 %2 ms (goal <= %3: %4), min–max %5–%6 ms\n")
                   .arg(whole.p50, 0, 'f', 3)
                   .arg(whole.p99, 0, 'f', 3)
                   .arg(kP99GoalMs)
                   .arg(budgetMet ? "ok" : "FAIL")
                   .arg(whole.min, 0, 'f', 3)
                   .arg(whole.max, 0, 'f', 3);
        out << "PK path, " << hours.size() << " hourly concentrations over " << scenario.horizonDays
            << " d, median (min–max) ms:\n";
        out << "  ours (pk plugin through the Simulator): " << range(ours)
            << QStringLiteral(", max error %1 of Cmax\n").arg(oursError, 0, 'g', 3);
        out << "  Boost.Odeint runge_kutta_dopri5 (controlled, rel " << peerTolerance << ", abs "
            << peerTolerance * 1e-3 << "): " << range(odeint)
            << QStringLiteral(", max error %1 of Cmax\n").arg(peerError, 0, 'g', 3);
        out << QStringLiteral(
                   "  ratio odeint/ours %1 (goal >= %2: %3); accuracy goal %4 of Cmax vs dopri5 at rel 1e-13: %5\n")
                   .arg(ratio, 0, 'f', 2)
                   .arg(kSpeedGoal)
                   .arg(speedMet ? "ok" : "FAIL")
                   .arg(kAccuracyGoal)
                   .arg(accurate ? "ok" : "FAIL");
    }
    return ok && accurate && budgetMet && speedMet ? kExitOk : kExitFailure;
}

}  // namespace twin::cli
