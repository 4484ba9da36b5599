// Simulator, signals and warnings: couplings with unit conversion and the zero-order hold,
// cycles and bad couplings, unknown sources, a NaN output that disables its model while the
// run goes on, validity warnings once per subject, actions nobody takes, targeting, metrics.
//
// Reference solutions are the textbook closed forms of first-order elimination (e.g. Rowland
// & Tozer, Clinical Pharmacokinetics and Pharmacodynamics, 4th ed. 2011, ch. 3 and 6): after a
// bolus D at t0, A(t) = D·e^(−k(t−t0)); under a constant input R from t1 to t2,
// A = R/k·(1 − e^(−k(t−t1))), decaying as e^(−k(t−t2)) afterwards. They are evaluated here at
// each time directly, not by stepping.

#include "SimulationTestSupport.h"
#include "TestMain.h"

#include "twin/simulation/Simulator.h"

#include <cmath>

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

class TestSimulatorSignals : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase();
    void couplingConvertsUnitsWithZeroOrderHold();
    void couplingByMetadataSourceAndItsHold();
    void cyclesAndBadCouplingsAreErrors();
    void unknownSourceTakesTheDefaultWithAWarning();
    void nanDisablesTheModelAndTheRunGoesOn();
    void validityWarningsOncePerSubject();
    void actionsNobodyTakesAreWarnings();
    void aTargetedModelSeesItsModelId();
    void metricsPerModelMetadata();
};

void TestSimulatorSignals::initTestCase() {
    QVERIFY2(twin::test::decayPlugin().find(QStringLiteral("test_decay")),
             "test_decay did not load from <build>/tests/plugins/good");
}

void TestSimulatorSignals::couplingConvertsUnitsWithZeroOrderHold() {
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
        QVERIFY(nearlyEqual(a[n], aAtStart, 1e-12));
        expectedB = expectedB * std::exp(-kB * kDt) + kA * aAtStart / kB * (1.0 - std::exp(-kB * kDt));
        QVERIFY2(nearlyEqual(b[n + 1], expectedB, 1e-12),
                 qPrintable(QStringLiteral("step %1: %2 vs %3").arg(n + 1).arg(b[n + 1]).arg(expectedB)));
    }
    QVERIFY(b.back() > 10.0);  // a real transfer happened (about 28 mg by day 5)
}

void TestSimulatorSignals::couplingByMetadataSourceAndItsHold() {
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

void TestSimulatorSignals::cyclesAndBadCouplingsAreErrors() {
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

void TestSimulatorSignals::unknownSourceTakesTheDefaultWithAWarning() {
    Simulator sim(SimulationOptions{kDt, 1, 1.0});
    const auto echoMeta = inlineMetadata(twin::test::kEchoJson);
    QVERIFY(echoMeta);
    QVERIFY(sim.addModel(std::make_unique<ModelInstance>(QStringLiteral("echo"), echoMeta,
                                                         std::make_unique<twin::test::EchoModel>()))
                .ok());
    const auto result = sim.run();
    QVERIFY2(result.ok(), qPrintable(result.error().message()));
    const SimulationWarning *w = warningFor(result.value(), SimulationWarning::Kind::UnknownSource,
                                            QStringLiteral("echo"), QStringLiteral("input:signal"));
    QVERIFY(w);
    QCOMPARE(w->timeDays, 0.0);
    QVERIFY2(w->message.contains(QStringLiteral("pk.concentration")) && w->message.contains(QStringLiteral("0.25")),
             qPrintable(w->message));
    QCOMPARE(values(result.value(), "echo.signal").back(), 0.25);  // the declared default
}

void TestSimulatorSignals::nanDisablesTheModelAndTheRunGoesOn() {
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

    const SimulationWarning *w =
        warningFor(r, SimulationWarning::Kind::ModelDisabled, QStringLiteral("nan_probe"), QStringLiteral("model"));
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
            QVERIFY(nearlyEqual(probe[i], static_cast<double>(i) * kDt, 1e-12));
        } else {
            QVERIFY(std::isnan(probe[i]));
        }
        // The consumer held the probe's value of the step's start, its default once disabled.
        if (i >= 1 && i <= 60) QCOMPARE(echo[i], probe[i - 1]);
        if (i > 60) QCOMPARE(echo[i], 7.0);
        QVERIFY(nearlyEqual(amount[i], 100.0 * std::exp(-kDefaultK * r.t[i]), 1e-12));  // the others carry on
    }
}

void TestSimulatorSignals::validityWarningsOncePerSubject() {
    Simulator sim(SimulationOptions{kDt, 1, 3.0});
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("a"))).ok());
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("b"))).ok());
    QVERIFY(sim.connect(QStringLiteral("b"), QStringLiteral("inflow"), QStringLiteral("a.elimination_rate")).ok());
    QVERIFY(sim.setParameter(QStringLiteral("a"), QStringLiteral("k_per_day"), 3.0).ok());   // validity [0.01, 2]
    QVERIFY(sim.setParameter(QStringLiteral("b"), QStringLiteral("k_per_day"), 20.0).ok());  // declared max 10
    // 600 mg > 500 mg (validity written as 0.5 g); together 1100 mg > 1000 mg; again above at 1.125.
    QVERIFY(
        sim.addActions({{1.0, "iv_bolus", "a", 600.0}, {1.0, "iv_bolus", "a", 500.0}, {1.125, "iv_bolus", "a", 500.0}})
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
    QCOMPARE(r.warnings.size(), 6);               // one per (kind, model, subject), though a.amount left twice
    QVERIFY(values(r, "a.amount")[27] > 1000.0);  // t = 1.125: above again, no second warning

    Simulator inRange(SimulationOptions{kDt, 1, 2.0});
    QVERIFY(inRange.addModel(decayInstance()).ok());
    QVERIFY(inRange.addAction({1.0, "iv_bolus", "", 500.0}).ok());  // the bound itself is valid
    const auto clean = inRange.run();
    QVERIFY(clean.ok());
    QVERIFY(clean.value().warnings.isEmpty());
}

void TestSimulatorSignals::actionsNobodyTakesAreWarnings() {
    const auto echoMeta = inlineMetadata(twin::test::kEchoJson);
    QVERIFY(echoMeta);
    Simulator sim(SimulationOptions{kDt, 1, 1.0});
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("a"))).ok());
    QVERIFY(sim.addModel(decayInstance(QStringLiteral("b"))).ok());
    QVERIFY(sim.addModel(std::make_unique<ModelInstance>(QStringLiteral("echo"), echoMeta,
                                                         std::make_unique<twin::test::EchoModel>()))
                .ok());
    QVERIFY(sim.addActions({{0.5, "rt_fraction", "", 2.0},
                            {0.5, "iv_bolus", "echo", 5.0},
                            {0.5, "iv_bolus", "b", 5.0},
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
    QVERIFY(nearlyEqual(values(r, "b.amount").back(), 5.0 * std::exp(-kDefaultK * 0.5), 1e-12));
}

void TestSimulatorSignals::aTargetedModelSeesItsModelId() {
    const auto meta = inlineMetadata(twin::test::kTargetProbeJson);
    QVERIFY(meta);
    Simulator sim(SimulationOptions{kDt, 1, 1.0});
    QVERIFY(sim.addModel(std::make_unique<ModelInstance>(QStringLiteral("probe_two"), meta,
                                                         std::make_unique<twin::test::TargetProbeModel>()))
                .ok());
    // Untargeted at 0.25 d, by instance id at 0.5 d (the model must see "target_probe"), by
    // model id at 0.75 d.
    QVERIFY(sim.addActions({{0.25, "iv_bolus", "", 1.0},
                            {0.5, "iv_bolus", "probe_two", 1.0},
                            {0.75, "iv_bolus", "target_probe", 1.0}})
                .ok());
    const auto result = sim.run();
    QVERIFY(result.ok());
    const std::vector<double> &seen = values(result.value(), "probe_two.target");
    QCOMPARE(seen[0], -2.0);
    QCOMPARE(seen[6], 0.0);
    QCOMPARE(seen[12], 1.0);
    QCOMPARE(seen[18], 1.0);
    QVERIFY(result.value().warnings.isEmpty());
}

void TestSimulatorSignals::metricsPerModelMetadata() {
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
    QVERIFY(nearlyEqual(max->value, atTwo, 1e-12));
    QCOMPARE(max->timeDays, 48 * kDt);
    QCOMPARE(max->unit, QStringLiteral("mg"));
    const auto *min = r.metric(QStringLiteral("a"), QStringLiteral("amount_min"));
    QVERIFY(min && min->value == 0.0 && min->timeDays == 0.0);  // the first time the minimum occurs
    const auto *last = r.metric(QStringLiteral("a"), QStringLiteral("amount_last"));
    QVERIFY(last && nearlyEqual(last->value, atTwo * std::exp(-kDefaultK * 2.0), 1e-12) &&
            last->timeDays == r.t.back());
    const auto *perHour = r.metric(QStringLiteral("a"), QStringLiteral("elimination_max_mg_per_h"));
    QVERIFY(perHour && nearlyEqual(perHour->value, kDefaultK * atTwo / 24.0, 1e-12));
    QCOMPARE(perHour->unit, QStringLiteral("mg/h"));
    // requiresTable: only b has its observations table.
    QVERIFY(!r.metric(QStringLiteral("a"), QStringLiteral("observed_amount_last")));
    QVERIFY(r.metric(QStringLiteral("b"), QStringLiteral("observed_amount_last")));
    QCOMPARE(r.metrics.size(), std::size_t(9));
}

DIDYMOS_TEST_MAIN(TestSimulatorSignals)
#include "TestSimulatorSignals.moc"
