// Simulator: actions at step boundaries in order (ties included), exact splitting at action
// times against closed-form solutions of test_decay, couplings with unit conversion and the
// zero-order hold, cycles, unknown sources, bit-identical determinism and branching (save at
// day 30, restore into a fresh simulator, continue), validity warnings, a NaN output that
// disables its model while the run goes on, the output grid, metrics and the loop's overhead.
//
// Reference solutions are the textbook closed forms of first-order elimination (e.g. Rowland
// & Tozer, Clinical Pharmacokinetics and Pharmacodynamics, 4th ed. 2011, ch. 3 and 6): after a
// bolus D at t0, A(t) = D·e^(−k(t−t0)); under a constant input R from t1 to t2,
// A = R/k·(1 − e^(−k(t−t1))), decaying as e^(−k(t−t2)) afterwards. They are evaluated here at
// each time directly, not by stepping, so splitting errors would show at the 1e-10 level.

#include "SimulationTestSupport.h"
#include "TestMain.h"

#include "twin/simulation/Simulator.h"

#include <QElapsedTimer>

#include <cmath>
#include <cstring>

using twin::sim_api::Action;
using twin::simulation::EngineState;
using twin::simulation::ModelInstance;
using twin::simulation::OutputSeries;
using twin::simulation::SimulationOptions;
using twin::simulation::SimulationResult;
using twin::simulation::SimulationWarning;
using twin::simulation::Simulator;
using twin::test::decayInstance;
using twin::test::inlineMetadata;

namespace {

constexpr double kDt = 1.0 / 24.0;
constexpr double kDefaultK = 0.1;  // test_decay's default k_per_day

const std::vector<double> &values(const SimulationResult &r, const char *id) {
    static const std::vector<double> none;
    const OutputSeries *s = r.find(QString::fromLatin1(id));
    return s ? s->values : none;
}

bool close(double actual, double expected, double relative) {
    return std::abs(actual - expected) <= relative * std::max(1.0, std::abs(expected));
}

bool bitIdentical(const std::vector<double> &a, const double *b, std::size_t n) {
    return a.size() == n && std::memcmp(a.data(), b, n * sizeof(double)) == 0;
}

const SimulationWarning *warningFor(const SimulationResult &r, SimulationWarning::Kind kind, const QString &model,
                                    const QString &subject) {
    for (const SimulationWarning &w : r.warnings) {
        if (w.kind == kind && w.model == model && w.subject == subject) return &w;
    }
    return nullptr;
}

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
        {10.0, "iv_bolus", "a", 300.0},         {25.51, "iv_infusion_start", "a", 0.0, 50.0},
        {30.0, "iv_bolus", "a", 200.0},         {40.2501, "iv_infusion_stop", "a"},
        {60.3, "surgery", "b", 0.25},           {100.0 + 1e-3, "iv_bolus", "", 10.0},
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
    void couplingConvertsUnitsWithZeroOrderHold();
    void couplingByMetadataSourceAndItsHold();
    void cyclesAndBadCouplingsAreErrors();
    void unknownSourceTakesTheDefaultWithAWarning();
    void runsAreBitIdentical();
    void branchFromDay30EqualsTheUninterruptedRun();
    void validityWarningsOncePerSubject();
    void nanDisablesTheModelAndTheRunGoesOn();
    void actionsNobodyTakesAreWarnings();
    void recordsOnTheOutputGrid();
    void metricsPerModelMetadata();
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
    QVERIFY(sim.addActions({{3.0, "surgery", "", 0.5}, {3.0, "iv_bolus", "", 100.0}, {2.0, "iv_bolus", "", 100.0},
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
        const double expected = i < 48 ? 0.0 : i < 72 ? 50.0 * std::exp(-kDefaultK * (t - 2.0))
                                                      : at3 * std::exp(-kDefaultK * (t - 3.0));
        QVERIFY2(close(amount[i], expected, 1e-12), qPrintable(QStringLiteral("t = %1: %2 vs %3").arg(t).arg(amount[i]).arg(expected)));
    }
    QCOMPARE(amount[48], 50.0);  // the record at t = 2 shows the state after both actions
    QVERIFY(sim.pendingActions().empty());
    QVERIFY(r.warnings.isEmpty());
}

void TestSimulator::splitsStepsExactlyAtActionTimes() {
    Simulator sim(SimulationOptions{kDt, 1, 10.0});
    QVERIFY(sim.addModel(decayInstance()).ok());
    const double t1 = 0.51, t2 = 2.7701, tOn = 4.1234, tOff = 6.5432;  // none on the hourly grid
    const double rate = 240.0;                                          // mg/d
    QVERIFY(sim.addActions({{t1, "iv_bolus", "", 100.0}, {t2, "iv_bolus", "", 50.0},
                            {tOn, "iv_infusion_start", "", 0.0, rate}, {tOff, "iv_infusion_stop", ""}})
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
        QVERIFY2(close(amount[i], expected, 1e-10),
                 qPrintable(QStringLiteral("t = %1: %2 vs %3").arg(t).arg(amount[i], 0, 'g', 17).arg(expected, 0, 'g', 17)));
    }
    QCOMPARE(amount[12], 0.0);  // t = 0.5 d, before the first bolus
}

void TestSimulator::couplingConvertsUnitsWithZeroOrderHold() {
    Simulator sim(SimulationOptions{kDt, 1, 5.0});
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("b"))).ok());  // the consumer first: order is topological
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("a"))).ok());
    QVERIFY(sim.connect(QStringLiteral("b"), QStringLiteral("inflow"), QStringLiteral("a.elimination_rate")).ok());
    const double kA = kDefaultK, kB = 0.3;
    QVERIFY(sim.setParameter(QStringLiteral("b"), QStringLiteral("k_per_day"), kB).ok());
    QVERIFY(sim.addAction({0.0, "iv_bolus", "a", 100.0}).ok());
    const auto result = sim.run();
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const std::vector<double> &a = values(result.value(), "a.amount");
    const std::vector<double> &b = values(result.value(), "b.amount");
    QCOMPARE(b.size(), std::size_t(5 * 24 + 1));
    // Zero-order hold: over step n, b's inflow is a's elimination rate at t_n, k_a·A(t_n) in
    // mg/d, delivered in mg/h (÷24) and read by the model as mg/h (×24). The exact step of b
    // with that constant input: B_{n+1} = B_n·e^(−k_b·dt) + k_a·A(t_n)/k_b·(1 − e^(−k_b·dt)).
    // Without the mg/d → mg/h conversion b would receive 24 times as much.
    double expectedB = 0.0;
    for (std::size_t n = 0; n + 1 < b.size(); ++n) {
        const double aAtStart = 100.0 * std::exp(-kA * static_cast<double>(n) * kDt);
        QVERIFY(close(a[n], aAtStart, 1e-12));
        expectedB = expectedB * std::exp(-kB * kDt) + kA * aAtStart / kB * (1.0 - std::exp(-kB * kDt));
        QVERIFY2(close(b[n + 1], expectedB, 1e-12),
                 qPrintable(QStringLiteral("step %1: %2 vs %3").arg(n + 1).arg(b[n + 1]).arg(expectedB)));
    }
    QVERIFY(b.back() > 10.0);  // a real transfer happened (about 28 mg by day 5)
}

void TestSimulator::couplingByMetadataSourceAndItsHold() {
    // echo's model.json says "from": "pk.concentration"; an instance of test_decay named "pk"
    // provides it (mg/L, A/V). The echo outputs the input it held over the last step, i.e. the
    // producer's value at that step's start: echo(t_{n+1}) == pk.concentration(t_n), exactly.
    Simulator sim(SimulationOptions{kDt, 1, 2.0});
    const auto echoMeta = inlineMetadata(twin::test::kEchoJson);
    QVERIFY(echoMeta);
    QVERIFY(sim.addModel(std::make_unique<ModelInstance>(QStringLiteral("echo"), echoMeta,
                                                         std::make_unique<twin::test::EchoModel>()))
                .ok());
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("pk"))).ok());
    QVERIFY(sim.addAction({0.0, "iv_bolus", "pk", 100.0}).ok());
    const auto result = sim.run();
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    QVERIFY(result.value().warnings.isEmpty());
    const std::vector<double> &c = values(result.value(), "pk.concentration");
    const std::vector<double> &echo = values(result.value(), "echo.signal");
    QCOMPARE(c[0], 10.0);  // 100 mg in the default 10 L
    for (std::size_t n = 0; n + 1 < c.size(); ++n) QCOMPARE(echo[n + 1], c[n]);
}

void TestSimulator::cyclesAndBadCouplingsAreErrors() {
    {
        Simulator sim;
        QVERIFY(sim.addModel(decayInstance(QStringLiteral("a"))).ok());
        QVERIFY(sim.addModel(decayInstance(QStringLiteral("b"))).ok());
        QVERIFY(sim.connect(QStringLiteral("a"), QStringLiteral("inflow"), QStringLiteral("b.elimination_rate")).ok());
        QVERIFY(sim.connect(QStringLiteral("b"), QStringLiteral("inflow"), QStringLiteral("a.elimination_rate")).ok());
        const auto status = sim.initialise();
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message().contains(QStringLiteral("cycle")), qPrintable(status.error().message()));
        QVERIFY(status.error().message().contains(QStringLiteral("a, b")));
        QVERIFY(!sim.advanceTo(1.0).ok());  // not initialised
    }
    {
        Simulator sim;
        QVERIFY(sim.addModel(decayInstance(QStringLiteral("a"))).ok());
        QVERIFY(sim.connect(QStringLiteral("a"), QStringLiteral("inflow"), QStringLiteral("a.elimination_rate")).ok());
        QVERIFY(!sim.initialise().ok());  // a self-loop is a cycle too
    }
    {
        Simulator sim;
        QVERIFY(sim.addModel(decayInstance(QStringLiteral("a"))).ok());
        QVERIFY(sim.addModel(decayInstance(QStringLiteral("b"))).ok());
        QVERIFY(sim.connect(QStringLiteral("b"), QStringLiteral("inflow"), QStringLiteral("a.concentration")).ok());
        const auto status = sim.initialise();  // mg/L into mg/h
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message().contains(QStringLiteral("b.inflow")), qPrintable(status.error().message()));
        QVERIFY(sim.connect(QStringLiteral("b"), QStringLiteral("inflow"), QStringLiteral("nobody.rate")).ok());
        QVERIFY(!sim.initialise().ok());  // an explicit connection must exist
    }
    Simulator sim;
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("a"))).ok());
    QVERIFY(!sim.addModel(decayInstance(QStringLiteral("a"))).ok());  // instance ids are unique
    QVERIFY(!sim.connect(QStringLiteral("a"), QStringLiteral("nope"), QStringLiteral("a.amount")).ok());
    QVERIFY(!sim.setParameter(QStringLiteral("a"), QStringLiteral("nope"), 1.0).ok());
    QVERIFY(!sim.addAction({std::nan(""), "iv_bolus", "", 1.0}).ok());
}

void TestSimulator::unknownSourceTakesTheDefaultWithAWarning() {
    Simulator sim(SimulationOptions{kDt, 1, 1.0});
    const auto echoMeta = inlineMetadata(twin::test::kEchoJson);
    QVERIFY(echoMeta);
    QVERIFY(sim.addModel(std::make_unique<ModelInstance>(QStringLiteral("echo"), echoMeta,
                                                         std::make_unique<twin::test::EchoModel>()))
                .ok());
    const auto result = sim.run();
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const SimulationWarning *w = warningFor(result.value(), SimulationWarning::Kind::UnknownSource, QStringLiteral("echo"),
                                            QStringLiteral("input:signal"));
    QVERIFY(w);
    QCOMPARE(w->timeDays, 0.0);
    QVERIFY2(w->message.contains(QStringLiteral("pk.concentration")) && w->message.contains(QStringLiteral("0.25")),
             qPrintable(w->message));
    QCOMPARE(values(result.value(), "echo.signal").back(), 0.25);  // the declared default
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
        QVERIFY2(bitIdentical(r1.value().series[s].values, v2.data(), v2.size()),
                 qPrintable(r1.value().series[s].id));
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

void TestSimulator::validityWarningsOncePerSubject() {
    Simulator sim(SimulationOptions{kDt, 1, 3.0});
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("a"))).ok());
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("b"))).ok());
    QVERIFY(sim.connect(QStringLiteral("b"), QStringLiteral("inflow"), QStringLiteral("a.elimination_rate")).ok());
    QVERIFY(sim.setParameter(QStringLiteral("a"), QStringLiteral("k_per_day"), 3.0).ok());  // validity [0.01, 2]
    QVERIFY(sim.setParameter(QStringLiteral("b"), QStringLiteral("k_per_day"), 20.0).ok());  // declared max 10
    // 600 mg > 500 mg (validity written as 0.5 g); together 1100 mg > 1000 mg; again above at 1.125.
    QVERIFY(sim.addActions({{1.0, "iv_bolus", "a", 600.0}, {1.0, "iv_bolus", "a", 500.0},
                            {1.125, "iv_bolus", "a", 500.0}})
                .ok());
    const auto result = sim.run();
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const SimulationResult &r = result.value();
    using Kind = SimulationWarning::Kind;
    const auto expect = [&](Kind kind, const char *model, const char *subject, double time, const char *says) {
        const SimulationWarning *w = warningFor(r, kind, QLatin1String(model), QLatin1String(subject));
        if (!w) return QStringLiteral("no warning for %1 %2").arg(QLatin1String(model), QLatin1String(subject));
        if (w->timeDays != time) return QStringLiteral("%1 at %2, not %3").arg(w->message).arg(w->timeDays).arg(time);
        if (!w->message.contains(QLatin1String(says))) return QStringLiteral("message: %1").arg(w->message);
        return QString();
    };
    QString problem = expect(Kind::OutsideValidity, "a", "parameter:k_per_day", 0.0, "between 0.01 and 2");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = expect(Kind::OutsideValidity, "b", "parameter:k_per_day", 0.0, "fixture");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = expect(Kind::OutsideDeclaredRange, "b", "parameter:k_per_day", 0.0, "declared range");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = expect(Kind::OutsideValidity, "a", "action:iv_bolus.amount", 1.0, "bolus up to 500 mg");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = expect(Kind::OutsideValidity, "a", "output:amount", 1.0, "validated up to 1 g");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // b's inflow at the start of the step from t = 1: 3 /d × 1100 mg = 137.5 mg/h > 100 mg/h.
    problem = expect(Kind::OutsideValidity, "b", "input:inflow", 1.0, "inflow up to 100 mg/h");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(r.warnings.size(), 6);  // one per (kind, model, subject), though a.amount left twice
    QVERIFY(values(r, "a.amount")[27] > 1000.0);  // t = 1.125: above again, no second warning

    Simulator inRange(SimulationOptions{kDt, 1, 2.0});
    QVERIFY(inRange.addModel(decayInstance()).ok());
    QVERIFY(inRange.addAction({1.0, "iv_bolus", "", 500.0}).ok());  // the bound itself is valid
    const auto clean = inRange.run();
    QVERIFY(clean.ok());
    QVERIFY(clean.value().warnings.isEmpty());
}

void TestSimulator::nanDisablesTheModelAndTheRunGoesOn() {
    auto steps = std::make_shared<std::atomic<int>>(0);
    const auto nanMeta = inlineMetadata(twin::test::kNanProbeJson);
    const auto echoMeta = inlineMetadata(R"({"id": "echo_days", "name": "echo", "version": "1", "apiVersion": "1.0",
        "inputs": [ { "id": "value", "unit": "d", "from": "nan_probe.value", "default": 7 } ],
        "outputs": [ { "id": "value", "unit": "d" } ] })");
    QVERIFY(nanMeta && echoMeta);
    Simulator sim(SimulationOptions{kDt, 1, 10.0});
    QVERIFY(sim.addModel(std::make_unique<ModelInstance>(QStringLiteral("nan_probe"), nanMeta,
                                                         std::make_unique<twin::test::NanProbeModel>(steps)))
                .ok());
    QVERIFY(sim.addModel(std::make_unique<ModelInstance>(QStringLiteral("echo_days"), echoMeta,
                                                         std::make_unique<twin::test::EchoModel>()))
                .ok());
    QVERIFY(sim.addModel(decayInstance()).ok());
    QVERIFY(sim.addAction({0.0, "iv_bolus", "", 100.0}).ok());
    const auto result = sim.run();
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const SimulationResult &r = result.value();

    const SimulationWarning *w = warningFor(r, SimulationWarning::Kind::ModelDisabled, QStringLiteral("nan_probe"),
                                            QStringLiteral("model"));
    QVERIFY(w);
    QCOMPARE(w->timeDays, 60 * kDt);
    for (const char *word : {"nan_probe", "output value", "NaN", "t = 2.5 d", "disabled"})
        QVERIFY2(w->message.contains(QLatin1String(word)), qPrintable(w->message));
    QVERIFY(!sim.model(QStringLiteral("nan_probe"))->enabled());
    QCOMPARE(steps->load(), 60);  // not stepped once disabled

    const std::vector<double> &probe = values(r, "nan_probe.value");
    const std::vector<double> &echo = values(r, "echo_days.value");
    const std::vector<double> &amount = values(r, "test_decay.amount");
    QCOMPARE(probe.size(), std::size_t(241));
    for (std::size_t i = 0; i < probe.size(); ++i) {
        if (i < 60) {
            QVERIFY(close(probe[i], static_cast<double>(i) * kDt, 1e-12));
        } else {
            QVERIFY(std::isnan(probe[i]));
        }
        // The consumer held the probe's value of the step's start, its default once disabled.
        if (i >= 1 && i <= 60) QCOMPARE(echo[i], probe[i - 1]);
        if (i > 60) QCOMPARE(echo[i], 7.0);
        QVERIFY(close(amount[i], 100.0 * std::exp(-kDefaultK * r.t[i]), 1e-12));  // the others carry on
    }
}

void TestSimulator::actionsNobodyTakesAreWarnings() {
    const auto echoMeta = inlineMetadata(twin::test::kEchoJson);
    QVERIFY(echoMeta);
    Simulator sim(SimulationOptions{kDt, 1, 1.0});
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("a"))).ok());
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("b"))).ok());
    QVERIFY(sim.addModel(std::make_unique<ModelInstance>(QStringLiteral("echo"), echoMeta,
                                                         std::make_unique<twin::test::EchoModel>()))
                .ok());
    QVERIFY(sim.addActions({{0.5, "rt_fraction", "", 2.0}, {0.5, "iv_bolus", "echo", 5.0}, {0.5, "iv_bolus", "b", 5.0},
                            {0.5, "iv_bolus", "nobody", 5.0}})
                .ok());
    const auto result = sim.run();
    QVERIFY(result.ok());
    const SimulationResult &r = result.value();
    using Kind = SimulationWarning::Kind;
    QVERIFY(warningFor(r, Kind::ActionNotTaken, QString(), QStringLiteral("action:rt_fraction")));
    QVERIFY(warningFor(r, Kind::ActionNotTaken, QStringLiteral("echo"), QStringLiteral("action:iv_bolus")));
    QVERIFY(warningFor(r, Kind::ActionNotTaken, QStringLiteral("nobody"), QStringLiteral("action:iv_bolus")));
    QCOMPARE(values(r, "a.amount").back(), 0.0);  // the targeted bolus went to b only
    QVERIFY(close(values(r, "b.amount").back(), 5.0 * std::exp(-kDefaultK * 0.5), 1e-12));
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

void TestSimulator::metricsPerModelMetadata() {
    Simulator sim(SimulationOptions{kDt, 1, 4.0});
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("a"))).ok());
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("b"))).ok());
    QVERIFY(sim.setTable(QStringLiteral("b"), QStringLiteral("observations"), {{1.0, 2.0}, {3.0, 4.0}}).ok());
    QVERIFY(!sim.setTable(QStringLiteral("b"), QStringLiteral("observations"), {{1.0}, {}}).ok());
    QVERIFY(sim.addActions({{1.0, "iv_bolus", "", 100.0}, {2.0, "iv_bolus", "", 60.0}}).ok());
    const auto result = sim.run();
    QVERIFY(result.ok());
    const SimulationResult &r = result.value();
    const double atTwo = 100.0 * std::exp(-kDefaultK) + 60.0;  // the maximum, reached at t = 2
    const auto *max = r.metric(QStringLiteral("a"), QStringLiteral("amount_max"));
    QVERIFY(max);
    QVERIFY(close(max->value, atTwo, 1e-12));
    QCOMPARE(max->timeDays, 48 * kDt);
    QCOMPARE(max->unit, QStringLiteral("mg"));
    const auto *min = r.metric(QStringLiteral("a"), QStringLiteral("amount_min"));
    QVERIFY(min && min->value == 0.0 && min->timeDays == 0.0);  // the first time the minimum occurs
    const auto *last = r.metric(QStringLiteral("a"), QStringLiteral("amount_last"));
    QVERIFY(last && close(last->value, atTwo * std::exp(-kDefaultK * 2.0), 1e-12) && last->timeDays == r.t.back());
    const auto *perHour = r.metric(QStringLiteral("a"), QStringLiteral("elimination_max_mg_per_h"));
    QVERIFY(perHour && close(perHour->value, kDefaultK * atTwo / 24.0, 1e-12));
    QCOMPARE(perHour->unit, QStringLiteral("mg/h"));
    // requiresTable: only b has its observations table.
    QVERIFY(!r.metric(QStringLiteral("a"), QStringLiteral("observed_amount_last")));
    QVERIFY(r.metric(QStringLiteral("b"), QStringLiteral("observed_amount_last")));
    QCOMPARE(r.metrics.size(), std::size_t(9));
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
