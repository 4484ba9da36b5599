// Simulator, time and state: actions at step boundaries in order (ties included), exact
// splitting at action times against closed-form solutions of test_decay, bit-identical
// determinism, branching (save at day 30, restore into a fresh simulator, continue), the output
// grid and the loop's own overhead.
//
// Reference solutions are the textbook closed forms of first-order elimination (e.g. Rowland
// & Tozer, Clinical Pharmacokinetics and Pharmacodynamics, 4th ed. 2011, ch. 3 and 6): after a
// bolus D at t0, A(t) = D·e^(−k(t−t0)); under a constant input R from t1 to t2,
// A = R/k·(1 − e^(−k(t−t1))), decaying as e^(−k(t−t2)) afterwards. They are evaluated here at
// each time directly, not by stepping.

#include "SimulationTestSupport.h"
#include "TestMain.h"

#include "twin/simulation/Simulator.h"

#include <QElapsedTimer>

#include <cmath>
#include <limits>

using twin::sim_api::Action;
using twin::simulation::EngineState;
using twin::simulation::ModelInstance;
using twin::simulation::SimulationOptions;
using twin::simulation::SimulationResult;
using twin::simulation::SimulationWarning;
using twin::simulation::Simulator;
using twin::test::bitIdentical;
using twin::test::decayInstance;
using twin::test::inlineMetadata;
using twin::test::kDefaultK;
using twin::test::kDt;
using twin::test::nearlyEqual;
using twin::test::values;
using twin::test::warningFor;

namespace {

/// Two coupled decays (b.inflow fed by a.elimination_rate, mg/d -> mg/h) with actions on
/// both sides of day 30 (one exactly at 30, an infusion across it) and a non-default k.
std::unique_ptr<Simulator> branchingScenario() {
    auto sim = std::make_unique<Simulator>();
    auto a = decayInstance(QStringLiteral("a"));
    auto b = decayInstance(QStringLiteral("b"));
    if (!a || !b) return nullptr;
    if (!sim->addModel(std::move(a)).ok() || !sim->addModel(std::move(b)).ok()) return nullptr;
    if (!sim->connect(QStringLiteral("b"), QStringLiteral("inflow"), QStringLiteral("a.elimination_rate")).ok())
        return nullptr;
    if (!sim->setParameter(QStringLiteral("a"), QStringLiteral("k_per_day"), 0.2).ok()) return nullptr;
    if (!sim->setParameter(QStringLiteral("b"), QStringLiteral("k_per_day"), 0.05).ok()) return nullptr;
    const std::vector<Action> actions{
        {10.0, "iv_bolus", "a", 300.0}, {25.51, "iv_infusion_start", "a", 0.0, 50.0},
        {30.0, "iv_bolus", "a", 200.0}, {40.2501, "iv_infusion_stop", "a"},
        {60.3, "surgery", "b", 0.25},   {100.0 + 1e-3, "iv_bolus", "", 10.0},
    };
    if (!sim->addActions(actions).ok()) return nullptr;
    return sim;
}

}  // namespace

class TestSimulator : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase();
    void actionsApplyAtBoundariesInOrder();
    void splitsStepsExactlyAtActionTimes();
    void runsAreBitIdentical();
    void branchFromDay30EqualsTheUninterruptedRun();
    void recordsOnTheOutputGrid();
    void overheadOf180DaysIsUnderAMillisecond();
};

void TestSimulator::initTestCase() {
    QVERIFY2(twin::test::decayPlugin().find(QStringLiteral("test_decay")),
             "test_decay did not load from <build>/tests/plugins/good");
}

void TestSimulator::actionsApplyAtBoundariesInOrder() {
    Simulator sim(SimulationOptions{kDt, 1, 6.0});
    QVERIFY(sim.addModel(decayInstance()).ok());
    // Added out of time order; at each time the order added must be kept: at t = 2 bolus then
    // surgery (100 → 50), at t = 3 surgery then bolus. The other order would give 100 at t = 2.
    QVERIFY(sim.addActions({{3.0, "surgery", "", 0.5},
                            {3.0, "iv_bolus", "", 100.0},
                            {2.0, "iv_bolus", "", 100.0},
                            {2.0, "surgery", "", 0.5}})
                .ok());
    const auto result = sim.run();
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const SimulationResult &r = result.value();
    QCOMPARE(r.t.size(), std::size_t(6 * 24 + 1));
    const std::vector<double> &amount = values(r, "test_decay.amount");
    QCOMPARE(amount.size(), r.t.size());
    const double at3 = 50.0 * std::exp(-kDefaultK * 1.0) * 0.5 + 100.0;
    for (std::size_t i = 0; i < r.t.size(); ++i) {
        QCOMPARE(r.t[i], static_cast<double>(i) * kDt);  // the grid is counted, never accumulated
        const double t = r.t[i];
        const double expected = i < 48   ? 0.0
                                : i < 72 ? 50.0 * std::exp(-kDefaultK * (t - 2.0))
                                         : at3 * std::exp(-kDefaultK * (t - 3.0));
        QVERIFY2(nearlyEqual(amount[i], expected, 1e-12),
                 qPrintable(QStringLiteral("t = %1: %2 vs %3").arg(t).arg(amount[i]).arg(expected)));
    }
    QCOMPARE(amount[48], 50.0);  // the record at t = 2 shows the state after both actions
    QVERIFY(sim.pendingActions().empty());
    QVERIFY(r.warnings.isEmpty());
}

void TestSimulator::splitsStepsExactlyAtActionTimes() {
    Simulator sim(SimulationOptions{kDt, 1, 10.0});
    QVERIFY(sim.addModel(decayInstance()).ok());
    const double t1 = 0.51, t2 = 2.7701, tOn = 4.1234, tOff = 6.5432;  // none on the hourly grid
    const double rate = 240.0;                                         // mg/d
    QVERIFY(sim.addActions({{t1, "iv_bolus", "", 100.0},
                            {t2, "iv_bolus", "", 50.0},
                            {tOn, "iv_infusion_start", "", 0.0, rate},
                            {tOff, "iv_infusion_stop", ""}})
                .ok());
    const auto result = sim.run();
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const std::vector<double> &amount = values(result.value(), "test_decay.amount");
    const double k = kDefaultK;
    for (std::size_t i = 0; i < result.value().t.size(); ++i) {
        const double t = result.value().t[i];
        double expected = 0.0;
        if (t >= t1) expected += 100.0 * std::exp(-k * (t - t1));
        if (t >= t2) expected += 50.0 * std::exp(-k * (t - t2));
        if (t >= tOn) {
            const double end = std::min(t, tOff);
            expected += rate / k * (1.0 - std::exp(-k * (end - tOn))) * std::exp(-k * (t - end));
        }
        // Applying the first bolus at the next grid time (13 h) instead of 12.24 h would be off
        // by ~0.3 mg, 1e-3 relative: far above this tolerance.
        QVERIFY2(
            nearlyEqual(amount[i], expected, 1e-10),
            qPrintable(QStringLiteral("t = %1: %2 vs %3").arg(t).arg(amount[i], 0, 'g', 17).arg(expected, 0, 'g', 17)));
    }
    QCOMPARE(amount[12], 0.0);  // t = 0.5 d, before the first bolus
}

void TestSimulator::runsAreBitIdentical() {
    auto first = branchingScenario();
    auto second = branchingScenario();
    QVERIFY(first && second);
    const auto r1 = first->run();
    const auto r2 = second->run();
    QVERIFY(r1.ok() && r2.ok());
    QCOMPARE(r1.value().t.size(), std::size_t(180 * 24 + 1));
    QVERIFY(bitIdentical(r1.value().t, r2.value().t.data(), r2.value().t.size()));
    QCOMPARE(r1.value().series.size(), std::size_t(6));
    for (std::size_t s = 0; s < r1.value().series.size(); ++s) {
        const std::vector<double> &v2 = r2.value().series[s].values;
        QVERIFY2(bitIdentical(r1.value().series[s].values, v2.data(), v2.size()), qPrintable(r1.value().series[s].id));
    }
}

void TestSimulator::branchFromDay30EqualsTheUninterruptedRun() {
    auto whole = branchingScenario();
    auto firstPart = branchingScenario();
    QVERIFY(whole && firstPart);
    const auto uninterrupted = whole->run();
    QVERIFY(uninterrupted.ok());

    QVERIFY(firstPart->initialise().ok());
    QVERIFY(firstPart->advanceTo(30.0).ok());
    const EngineState state = firstPart->saveState();
    QCOMPARE(state.stepIndex, 720);
    QCOMPARE(state.timeDays, 720 * kDt);
    QCOMPARE(state.pendingActions.size(), std::size_t(3));  // the bolus at exactly 30 was applied
    QCOMPARE(state.pendingActions.front().kind, std::string("iv_infusion_stop"));
    QCOMPARE(state.models.size(), std::size_t(2));
    QCOMPARE(state.models[0].parameters[0], 0.2);
    QCOMPARE(state.models[0].state[1], 50.0);  // the infusion across day 30 is in the state

    // A fresh simulator with default parameters and its own copy of the actions: the state
    // brings the parameters and replaces the actions with the pending ones.
    Simulator branch;
    QVERIFY(branch.addModel(decayInstance(QStringLiteral("a"))).ok());
    QVERIFY(branch.addModel(decayInstance(QStringLiteral("b"))).ok());
    QVERIFY(branch.connect(QStringLiteral("b"), QStringLiteral("inflow"), QStringLiteral("a.elimination_rate")).ok());
    QVERIFY(branch.addAction({12.0, "iv_bolus", "a", 1e3}).ok());  // dropped by restoreState
    const auto restored = branch.restoreState(state);
    QVERIFY2(restored.ok(), qPrintable(restored.error().message()));
    QCOMPARE(branch.model(QStringLiteral("a"))->parameter(QStringLiteral("k_per_day")).value(), 0.2);
    QVERIFY(branch.advanceTo(180.0).ok());
    const SimulationResult continued = branch.result();

    const SimulationResult &full = uninterrupted.value();
    const std::size_t from = 720;
    QCOMPARE(continued.t.size(), full.t.size() - from);
    QVERIFY(bitIdentical(continued.t, full.t.data() + from, full.t.size() - from));
    for (std::size_t s = 0; s < full.series.size(); ++s) {
        QCOMPARE(continued.series[s].id, full.series[s].id);
        QVERIFY2(bitIdentical(continued.series[s].values, full.series[s].values.data() + from, full.t.size() - from),
                 qPrintable(full.series[s].id));
    }
    QVERIFY(values(full, "a.amount")[from] > 200.0);  // the record at 30 includes the bolus at 30
}

void TestSimulator::recordsOnTheOutputGrid() {
    auto everyStep = branchingScenario();
    auto daily = branchingScenario();
    QVERIFY(everyStep && daily);
    SimulationOptions options = daily->options();
    options.recordEvery = 24;
    daily->setOptions(options);
    const auto fine = everyStep->run();
    const auto coarse = daily->run();
    QVERIFY(fine.ok() && coarse.ok());
    QCOMPARE(coarse.value().t.size(), std::size_t(181));
    for (std::size_t i = 0; i < coarse.value().t.size(); ++i) {
        QCOMPARE(coarse.value().t[i], fine.value().t[24 * i]);
        for (std::size_t s = 0; s < fine.value().series.size(); ++s)
            QCOMPARE(coarse.value().series[s].values[i], fine.value().series[s].values[24 * i]);
    }
}

void TestSimulator::overheadOf180DaysIsUnderAMillisecond() {
    // Three models that do nothing, coupled in a chain: what is measured is the simulator's
    // own work per step (inputs, hold, output checks, recording) over 180 d × 24 steps.
    const auto meta = inlineMetadata(twin::test::kNoOpJson);
    QVERIFY(meta);
    Simulator sim;
    for (const char *id : {"m1", "m2", "m3"}) {
        QVERIFY(sim.addModel(std::make_unique<ModelInstance>(QLatin1String(id), meta,
                                                             std::make_unique<twin::test::NoOpModel>()))
                    .ok());
    }
    QVERIFY(sim.connect(QStringLiteral("m2"), QStringLiteral("x"), QStringLiteral("m1.a")).ok());
    QVERIFY(sim.connect(QStringLiteral("m3"), QStringLiteral("x"), QStringLiteral("m2.a")).ok());
    qint64 best = std::numeric_limits<qint64>::max();
    for (int run = 0; run < 30; ++run) {
        QVERIFY(sim.initialise().ok());
        QElapsedTimer timer;
        timer.start();
        QVERIFY(sim.advanceTo(180.0).ok());
        best = std::min(best, timer.nsecsElapsed());
    }
    QCOMPARE(sim.stepIndex(), 4320);
    qInfo("180 d at 1 h, 3 no-op models: %.3f ms (best of 30)", static_cast<double>(best) * 1e-6);
    QVERIFY2(best < 1'000'000, qPrintable(QStringLiteral("%1 ms").arg(static_cast<double>(best) * 1e-6)));
}

DIDYMOS_TEST_MAIN(TestSimulator)
#include "TestSimulator.moc"
