// Engine: steps on its own thread (the models are called there only), applies posted actions
// in order at step boundaries — while idle and while playing —, publishes immutable snapshots
// (one queued signal at a time), plays on the grid so that the result equals a headless
// Simulator run, and a branch restored from saveState() equals continuing.
// Reference: first-order decay of a bolus, A(t) = D·e^(−k·t) (Rowland & Tozer 2011, ch. 3).

#include "SimulationTestSupport.h"
#include "TestMain.h"

#include "twin/simulation/Engine.h"

#include <QSignalSpy>

#include <cmath>
#include <cstring>

using twin::sim_api::Action;
using twin::simulation::Engine;
using twin::simulation::EngineSnapshot;
using twin::simulation::EngineState;
using twin::simulation::ModelInstance;
using twin::simulation::SimulationOptions;
using twin::simulation::Simulator;
using twin::test::decayInstance;

namespace {

constexpr double kDt = 1.0 / 24.0;
constexpr double kK = 0.1;  // test_decay's default k_per_day

std::unique_ptr<Simulator> decaySimulator(double horizonDays = 180.0) {
    auto sim = std::make_unique<Simulator>(SimulationOptions{kDt, 1, horizonDays});
    auto model = decayInstance();
    if (!model || !sim->addModel(std::move(model)).ok()) return nullptr;
    return sim;
}

const std::vector<double> &amountOf(const EngineSnapshot &s) {
    return s.recorded.series.at(0).values;
}

/// Waits (processing events) until the engine has published a snapshot for which `done` holds.
template <typename Done>
std::shared_ptr<const EngineSnapshot> waitFor(const Engine &engine, Done done, int timeoutMs = 10000) {
    std::shared_ptr<const EngineSnapshot> s;
    const bool reached = QTest::qWaitFor(
        [&] {
            s = engine.latestSnapshot();
            return s && done(*s);
        },
        timeoutMs);
    return reached ? s : nullptr;
}

}  // namespace

class TestEngine : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(twin::test::decayPlugin().find(QStringLiteral("test_decay"))); }
    void stepsOnItsOwnThread();
    void postedActionsApplyInOrderAtTheNextBoundary();
    void actionsPostedWhilePlayingLandOnABoundary();
    void snapshotsArePublishedAndImmutable();
    void playEqualsAHeadlessRun();
    void branchFromSavedStateEqualsContinuing();
};

void TestEngine::stepsOnItsOwnThread() {
    auto thread = std::make_shared<std::atomic<QThread *>>(nullptr);
    const auto meta = twin::test::inlineMetadata(twin::test::kThreadProbeJson);
    QVERIFY(meta);
    auto sim = std::make_unique<Simulator>();
    QVERIFY(sim->addModel(std::make_unique<ModelInstance>(QStringLiteral("probe"), meta,
                                                          std::make_unique<twin::test::ThreadProbeModel>(thread)))
                .ok());
    Engine engine(std::move(sim));
    QVERIFY(engine.start().ok());
    engine.advanceTo(1.0);
    const auto s = waitFor(engine, [](const EngineSnapshot &x) { return x.stepIndex == 24; });
    QVERIFY(s);
    QCOMPARE(s->latest.at(0), 24.0);
    QVERIFY(thread->load() != nullptr);
    QCOMPARE(thread->load(), engine.engineThread());
    QVERIFY(thread->load() != QThread::currentThread());
}

void TestEngine::postedActionsApplyInOrderAtTheNextBoundary() {
    Engine engine(decaySimulator());
    QVERIFY(engine.start().ok());
    engine.advanceTo(5.0);
    engine.sync();
    QCOMPARE(engine.latestSnapshot()->stepIndex, 120);
    // Idle at t = 5: both apply now, in the order posted: (0 + 100)·0.5 = 50 (the other order: 100).
    // The first is dated in the past: it applies at the engine's time, not back in time.
    engine.post({1.0, "iv_bolus", "", 100.0});
    engine.post({5.0, "surgery", "", 0.5});
    // Dated in the future: scheduled, applied exactly at its time.
    engine.post({7.5, "iv_bolus", "", 20.0});
    engine.sync();
    const auto idle = engine.latestSnapshot();
    QCOMPARE(idle->latest.at(0), 50.0);
    QCOMPARE(amountOf(*idle).at(120), 50.0);  // the record at t = 5 shows the state after them

    engine.advanceTo(10.0);
    const auto s = waitFor(engine, [](const EngineSnapshot &x) { return x.stepIndex == 240; });
    QVERIFY(s);
    const std::vector<double> &amount = amountOf(*s);
    QCOMPARE(amount.size(), std::size_t(241));
    for (std::size_t i = 0; i < amount.size(); ++i) {
        const double t = s->recorded.t[i];
        double expected = i < 120 ? 0.0 : 50.0 * std::exp(-kK * (t - 5.0));
        if (i >= 180) expected += 20.0 * std::exp(-kK * (t - 7.5));
        QVERIFY2(std::abs(amount[i] - expected) <= 1e-12 * std::max(1.0, expected),
                 qPrintable(QStringLiteral("t = %1: %2 vs %3").arg(t).arg(amount[i]).arg(expected)));
    }
}

void TestEngine::actionsPostedWhilePlayingLandOnABoundary() {
    Engine engine(decaySimulator());
    QVERIFY(engine.start().ok());
    engine.play(20.0);  // 20 simulated days per wall second
    QVERIFY(waitFor(engine, [](const EngineSnapshot &x) { return x.timeDays > 2.0; }));
    engine.post({0.0, "iv_bolus", "", 100.0});
    QVERIFY(waitFor(engine, [](const EngineSnapshot &x) { return x.latest.at(0) > 0.0 && x.timeDays > 8.0; }));
    engine.pause();
    engine.sync();
    const auto s = engine.latestSnapshot();
    QVERIFY(!s->playing);
    // Find where the bolus went in: the first record above zero. Everything from there is
    // 100·e^(−k(t − t_j)) with t_j that grid time, exactly as if it had been scheduled there.
    const std::vector<double> &amount = amountOf(*s);
    std::size_t j = 0;
    while (j < amount.size() && amount[j] == 0.0) ++j;
    QVERIFY(j > 48 && j < amount.size());
    const double tj = s->recorded.t[j];
    QCOMPARE(tj, static_cast<double>(j) * kDt);
    QCOMPARE(amount[j], 100.0);
    for (std::size_t i = j; i < amount.size(); ++i)
        QVERIFY(std::abs(amount[i] - 100.0 * std::exp(-kK * (s->recorded.t[i] - tj))) <= 1e-12 * 100.0);
}

void TestEngine::snapshotsArePublishedAndImmutable() {
    Engine engine(decaySimulator());
    QSignalSpy published(&engine, &Engine::snapshotPublished);
    QVERIFY(engine.start().ok());
    QVERIFY(published.wait(5000));  // the t = 0 snapshot
    const auto first = engine.latestSnapshot();
    QVERIFY(first);
    QCOMPARE(first->stepIndex, 0);
    QCOMPARE(first->signalIds,
             QStringList({"test_decay.amount", "test_decay.elimination_rate", "test_decay.concentration"}));
    QCOMPARE(first->recorded.t.size(), std::size_t(1));

    engine.post({0.0, "iv_bolus", "", 10.0});
    engine.advanceTo(3.0);
    const auto later = waitFor(engine, [](const EngineSnapshot &x) { return x.stepIndex == 72; });
    QVERIFY(later);
    QVERIFY(later->sequence > first->sequence);
    QCOMPARE(later->recorded.t.size(), std::size_t(73));
    QVERIFY(std::abs(later->latest.at(0) - 10.0 * std::exp(-kK * 3.0)) < 1e-12);
    // The old snapshot is untouched by what the engine did since.
    QCOMPARE(first->stepIndex, 0);
    QCOMPARE(first->recorded.t.size(), std::size_t(1));
    QCOMPARE(first->latest.at(0), 0.0);
    QTRY_VERIFY(published.count() >= 2);
    // Not one signal per step: 72 steps were published at most a few times.
    QVERIFY2(published.count() <= 4, qPrintable(QString::number(published.count())));
}

void TestEngine::playEqualsAHeadlessRun() {
    auto headless = decaySimulator(6.0);
    QVERIFY(headless);
    QVERIFY(headless->addActions({{0.3, "iv_bolus", "", 40.0}, {2.25, "iv_bolus", "", 15.0}}).ok());
    const auto reference = headless->run();
    QVERIFY(reference.ok());

    auto sim = decaySimulator(180.0);
    QVERIFY(sim->addActions({{0.3, "iv_bolus", "", 40.0}, {2.25, "iv_bolus", "", 15.0}}).ok());
    Engine engine(std::move(sim));
    QVERIFY(engine.start().ok());
    engine.play(30.0, 6.0);  // stops at day 6
    const auto s = waitFor(engine, [](const EngineSnapshot &x) { return !x.playing && x.stepIndex == 144; });
    QVERIFY(s);
    const std::vector<double> &expected = reference.value().series.at(0).values;
    QCOMPARE(amountOf(*s).size(), expected.size());
    QVERIFY(std::memcmp(amountOf(*s).data(), expected.data(), expected.size() * sizeof(double)) == 0);
}

void TestEngine::branchFromSavedStateEqualsContinuing() {
    const std::vector<Action> actions{{10.0, "iv_bolus", "", 100.0},
                                      {29.99, "iv_infusion_start", "", 0.0, 24.0},
                                      {45.5, "iv_infusion_stop", ""},
                                      {50.0, "surgery", "", 0.3}};
    auto sim = decaySimulator();
    QVERIFY(sim->addActions(actions).ok());
    Engine main(std::move(sim));
    QVERIFY(main.start().ok());
    main.advanceTo(30.0);
    main.post({30.0, "iv_bolus", "", 7.0});  // posted, not scheduled: must be in the state too
    const EngineState state = main.saveState();
    QCOMPARE(state.stepIndex, 720);
    QCOMPARE(state.pendingActions.size(), std::size_t(2));
    main.advanceTo(60.0);

    auto fresh = decaySimulator();
    QVERIFY(fresh);
    Engine branch(std::move(fresh));
    QVERIFY(branch.start(state).ok());
    branch.advanceTo(60.0);

    const auto a = waitFor(main, [](const EngineSnapshot &x) { return x.stepIndex == 1440; });
    const auto b = waitFor(branch, [](const EngineSnapshot &x) { return x.stepIndex == 1440; });
    QVERIFY(a && b);
    const std::vector<double> &whole = amountOf(*a);
    const std::vector<double> &continued = amountOf(*b);
    QCOMPARE(continued.size(), whole.size() - 720);
    QVERIFY(std::memcmp(continued.data(), whole.data() + 720, continued.size() * sizeof(double)) == 0);
    QVERIFY(std::memcmp(b->recorded.t.data(), a->recorded.t.data() + 720, continued.size() * sizeof(double)) == 0);
    QVERIFY(whole[720] > 7.0);  // the posted bolus is in
}

DIDYMOS_TEST_MAIN(TestEngine)
#include "TestEngine.moc"
