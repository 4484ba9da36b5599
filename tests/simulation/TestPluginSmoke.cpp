// Smoke test of every built-in model plugin in <build>/plugins/models (one row per plugin
// file, found at run time, plus a row running them all together, coupled by their "from"):
// it loads through PluginLoader with none refused, every output declares a UCUM unit, 180 days
// with defaults and one action of each accepted kind at day 1 give no NaN or infinity and no
// unaccepted action, and saving at day 30 and restoring into a fresh simulator continues
// bit-identically. Needs at least one plugin: none built is a failure, not a skip.
//
// Action amounts (each kind's unit in sim_api/Action.h) are ordinary clinical sizes, not
// values any test compares against: 100 mg for a bolus or an oral dose, an infusion of
// 100 mg/d from day 1 stopped at day 2, a 2 Gy radiotherapy fraction (the conventional
// fraction size), a resection of half the tumour.

#include "TestMain.h"

#include "twin/core/UnitRegistry.h"
#include "twin/simulation/PluginLoader.h"
#include "twin/simulation/Simulator.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>

#include <cmath>
#include <cstring>
#include <limits>

using twin::sim_api::Action;
using twin::simulation::EngineState;
using twin::simulation::LoadedModel;
using twin::simulation::ModelInstance;
using twin::simulation::PluginLoader;
using twin::simulation::PluginLoadResult;
using twin::simulation::SimulationResult;
using twin::simulation::SimulationWarning;
using twin::simulation::Simulator;

namespace {

QString builtInPluginDir() {
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../plugins/models"));
}

const PluginLoadResult &builtIns() {
    static const PluginLoadResult loaded = PluginLoader::load({builtInPluginDir()}, PluginLoader::DefaultFolders::Skip);
    return loaded;
}

/// One action of each kind a model accepts, addressed to that model (a model may decline an
/// untargeted action it cannot tell is meant for it, e.g. a glucose model a drug bolus).
std::vector<Action> oneOfEachKind(const std::vector<const LoadedModel *> &models) {
    std::vector<Action> actions;
    for (const LoadedModel *m : models) {
        const std::string target = m->metadata->id().toStdString();
        for (const std::string &kind : m->metadata->actions()) {
            if (kind == "iv_bolus" || kind == "oral_dose") actions.push_back({1.0, kind, target, 100.0});
            if (kind == "iv_infusion_start") actions.push_back({1.0, kind, target, 0.0, 100.0});
            if (kind == "iv_infusion_stop") actions.push_back({2.0, kind, target, 0.0});
            if (kind == "rt_fraction") actions.push_back({1.0, kind, target, 2.0});
            if (kind == "surgery") actions.push_back({1.0, kind, target, 0.5});
        }
    }
    return actions;
}

/// A simulator with one instance of each model and the actions; empty error string on success.
QString build(Simulator &sim, const std::vector<const LoadedModel *> &models) {
    for (const LoadedModel *m : models) {
        auto instance = ModelInstance::create(*m);
        if (!instance.ok()) return instance.error().message();
        const auto added = sim.addModel(std::move(instance).value());
        if (!added.ok()) return added.error().message();
    }
    const auto scheduled = sim.addActions(oneOfEachKind(models));
    return scheduled.ok() ? QString() : scheduled.error().message();
}

}  // namespace

class TestPluginSmoke : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void atLeastOnePluginIsBuilt();
    void noPluginIsRefused();
    void runs180DaysAndBranchesBitIdentically_data();
    void runs180DaysAndBranchesBitIdentically();
};

void TestPluginSmoke::atLeastOnePluginIsBuilt() {
    QVERIFY2(!QDir(builtInPluginDir()).entryList({QStringLiteral("*.so")}, QDir::Files).isEmpty(),
             qPrintable(QStringLiteral("no model plugin in %1").arg(builtInPluginDir())));
}

void TestPluginSmoke::noPluginIsRefused() {
    QStringList reasons;
    for (const auto &refused : builtIns().refused) reasons << refused.reason;
    QVERIFY2(reasons.isEmpty(), qPrintable(reasons.join(QLatin1Char('\n'))));
}

void TestPluginSmoke::runs180DaysAndBranchesBitIdentically_data() {
    QTest::addColumn<QStringList>("modelIds");
    QStringList all;
    for (const QString &file : QDir(builtInPluginDir()).entryList({QStringLiteral("*.so")}, QDir::Files, QDir::Name)) {
        QString id;
        for (const LoadedModel &m : builtIns().models) {
            if (QFileInfo(m.file).fileName() == file) id = m.metadata->id();
        }
        QTest::newRow(qPrintable(file)) << QStringList{id};  // empty id: refused, fails below
        if (!id.isEmpty()) all << id;
    }
    if (all.size() > 1) QTest::newRow("all together") << all;
}

void TestPluginSmoke::runs180DaysAndBranchesBitIdentically() {
    QFETCH(QStringList, modelIds);
    std::vector<const LoadedModel *> models;
    for (const QString &id : modelIds) {
        const LoadedModel *m = builtIns().find(id);
        QVERIFY2(m, "the plugin was refused (see noPluginIsRefused)");
        models.push_back(m);
        for (const auto &output : m->metadata->outputs()) {
            const auto unit = twin::core::UnitRegistry::ucum().parse(output.unit);
            QVERIFY2(unit.ok(), qPrintable(QStringLiteral("%1.%2: %3").arg(id, output.id, unit.error().message())));
        }
    }

    Simulator whole;
    QString problem = build(whole, models);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Timing for the record (not asserted here: the models' own cost is their tests' business).
    qint64 best = std::numeric_limits<qint64>::max();
    for (int run = 0; run < 4; ++run) {
        QVERIFY(whole.initialise().ok());
        QElapsedTimer timer;
        timer.start();
        QVERIFY(whole.advanceTo(180.0).ok());
        best = std::min(best, timer.nsecsElapsed());
    }
    qInfo("%s: 180 d at 1 h in %.2f ms (best of 4)", qPrintable(modelIds.join(QLatin1Char('+'))),
          static_cast<double>(best) * 1e-6);
    const auto result = whole.run();
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const SimulationResult &r = result.value();
    QCOMPARE(r.t.size(), std::size_t(180 * 24 + 1));
    for (const SimulationWarning &w : r.warnings) {
        QVERIFY2(w.kind != SimulationWarning::Kind::ModelDisabled, qPrintable(w.message));
        QVERIFY2(w.kind != SimulationWarning::Kind::ActionNotTaken, qPrintable(w.message));
    }
    for (const auto &series : r.series) {
        QCOMPARE(series.values.size(), r.t.size());
        for (std::size_t i = 0; i < series.values.size(); ++i) {
            QVERIFY2(
                std::isfinite(series.values[i]),
                qPrintable(QStringLiteral("%1 = %2 at t = %3 d").arg(series.id).arg(series.values[i]).arg(r.t[i])));
        }
    }

    Simulator firstPart;
    problem = build(firstPart, models);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(firstPart.initialise().ok());
    QVERIFY(firstPart.advanceTo(30.0).ok());
    const EngineState state = firstPart.saveState();
    Simulator branch;
    problem = build(branch, models);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const auto restored = branch.restoreState(state);
    QVERIFY2(restored.ok(), qPrintable(restored.error().message()));
    QVERIFY(branch.advanceTo(180.0).ok());
    const SimulationResult continued = branch.result();
    const std::size_t from = 720;
    QCOMPARE(continued.t.size(), r.t.size() - from);
    for (std::size_t s = 0; s < r.series.size(); ++s) {
        const std::vector<double> &expected = r.series[s].values;
        const std::vector<double> &actual = continued.series[s].values;
        QVERIFY(actual.size() == expected.size() - from);
        if (std::memcmp(actual.data(), expected.data() + from, actual.size() * sizeof(double)) != 0) {
            std::size_t i = 0;
            while (actual[i] == expected[from + i]) ++i;
            QFAIL(qPrintable(QStringLiteral("%1 differs after restoring at day 30: t = %2 d, %3 vs %4 uninterrupted")
                                 .arg(r.series[s].id)
                                 .arg(continued.t[i])
                                 .arg(actual[i], 0, 'g', 17)
                                 .arg(expected[from + i], 0, 'g', 17)));
        }
    }
}

DIDYMOS_TEST_MAIN(TestPluginSmoke)
#include "TestPluginSmoke.moc"
