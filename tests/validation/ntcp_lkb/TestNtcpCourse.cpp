// ntcp_lkb over a course: NTCP follows the fractions actually delivered (rescaled dose or
// number of fractions), the plan projection follows the plan, save/restore mid-course
// continues bit for bit, organs without a DVH report 0, and the metadata declares what the
// host needs (metrics gated by their table, LQ validity). Expected values come from the
// closed forms in NtcpTestSupport.h (Lyman 1985; EQD2 after Fowler 1989).

#include "NtcpTestSupport.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QJsonObject>

#include <bit>
#include <cstdint>

using namespace twin::test::ntcp;
using twin::test::PluginModelHarness;

namespace {
/// A lung DVH with a low-dose bath and a high-dose region (volume fractions sum to 1).
const twin::sim_api::Table kLungDvh{{0.0, 5.0, 20.0, 45.0, 62.0}, {0.30, 0.30, 0.20, 0.15, 0.05}};
const twin::sim_api::Table kRectumDvh{{10.0, 40.0, 70.0, 78.0}, {0.25, 0.35, 0.30, 0.10}};

bool sameBits(double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}
}  // namespace

class TestNtcpCourse : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void fewerLargerFractionsRaiseNtcp();
    void ntcpRisesWithEveryFraction();
    void rescaledDoseAndPlanProjection();
    void saveRestoreMidCourseContinuesIdentically();
    void emptyTableOutputsZero();
    void rejectsOtherActionsAndInvalidPlan();
    void metadataGatesMetricsAndDeclaresValidity();
};

void TestNtcpCourse::fewerLargerFractionsRaiseNtcp() {
    // 20 Gy physical to the whole lung in N fractions of 20/N Gy (1–5 Gy): gEUD = EQD2 =
    // 20 (20/N + 3)/5 and NTCP rises strictly as N falls (0.03 at 20 × 1 Gy to 0.96 at 4 × 5 Gy).
    double previous = -1.0;
    for (const int n : {20, 10, 8, 5, 4}) {
        auto model = loadNtcp();
        QVERIFY2(model->ok(), qPrintable(model->error()));
        setPlan(*model, 20.0, n);
        model->setTable(QStringLiteral("dvh_lung"), uniformDvh(20.0));
        model->initialise();
        deliver(*model, n, 20.0 / n);
        const double geud = eqd2(20.0, 20.0 / n, 3.0);
        QVERIFY(relativeError(model->output(QStringLiteral("geud_lung_gy")), geud) < 1e-12);
        const double ntcp = model->output(QStringLiteral("ntcp_lung"));
        QVERIFY(std::abs(ntcp - lymanNtcp(geud, 24.5, 0.18)) < 1e-12);
        QVERIFY2(ntcp > previous, qPrintable(QString::number(n)));
        qInfo("lung 20 Gy in %d x %.1f Gy: gEUD %.2f Gy, NTCP %.4f", n, 20.0 / n, geud, ntcp);
        previous = ntcp;
        QVERIFY2(model->ok(), qPrintable(model->error()));
    }
    // A multi-bin rectal DVH, 60 Gy planned and delivered in N = 60 … 20 fractions (1–3 Gy).
    previous = -1.0;
    for (const int n : {60, 40, 30, 24, 20}) {
        auto model = loadNtcp();
        QVERIFY2(model->ok(), qPrintable(model->error()));
        setPlan(*model, 60.0, n);
        model->setTable(QStringLiteral("dvh_rectum"), kRectumDvh);
        model->initialise();
        deliver(*model, n, 60.0 / n);
        const double rectum = model->output(QStringLiteral("ntcp_rectum"));
        QVERIFY2(rectum > previous && rectum < 1.0, qPrintable(QString::number(n)));
        // Delivered as planned: the plan projection equals the delivered value exactly.
        QVERIFY(sameBits(model->output(QStringLiteral("ntcp_planned_rectum")), rectum));
        qInfo("rectum DVH 60 Gy in %d fractions: gEUD %.2f Gy, NTCP %.4f", n,
              model->output(QStringLiteral("geud_rectum_gy")), rectum);
        previous = rectum;
    }
}

void TestNtcpCourse::ntcpRisesWithEveryFraction() {
    auto model = loadNtcp();
    QVERIFY2(model->ok(), qPrintable(model->error()));
    setPlan(*model, 60.0, 30);
    model->setTable(QStringLiteral("dvh_lung"), kLungDvh);
    model->initialise();
    // Before any fraction gEUD is 0 and NTCP is the LKB value at 0 Gy, Φ(−1/m).
    QCOMPARE(model->output(QStringLiteral("geud_lung_gy")), 0.0);
    QVERIFY(std::abs(model->output(QStringLiteral("ntcp_lung")) - phi(-1.0 / 0.18)) < 1e-15);
    double previous = model->output(QStringLiteral("ntcp_lung"));
    double day = 0.0;
    for (int k = 1; k <= 30; ++k) {
        deliver(*model, 1, 2.0, day);
        const double ntcp = model->output(QStringLiteral("ntcp_lung"));
        QVERIFY2(ntcp > previous, qPrintable(QString::number(k)));
        QCOMPARE(model->output(QStringLiteral("fractions_delivered")), double(k));
        previous = ntcp;
    }
    // Steps between fractions change nothing (NTCP only changes at fractions).
    model->run(1.0, 30);
    QCOMPARE(model->output(QStringLiteral("ntcp_lung")), previous);
    QVERIFY2(model->ok(), qPrintable(model->error()));
}

void TestNtcpCourse::rescaledDoseAndPlanProjection() {
    // Plan 60 Gy / 30 to the whole rectum; 30 fractions of 2.2 Gy (10 % more) deliver 66 Gy
    // at 2.2 Gy per fraction: gEUD = 66 × 5.2/5 = 68.64 Gy. The projection stays the plan's.
    auto model = loadNtcp();
    QVERIFY2(model->ok(), qPrintable(model->error()));
    setPlan(*model, 60.0, 30);
    model->setTable(QStringLiteral("dvh_rectum"), uniformDvh(60.0));
    model->initialise();
    const double planned = lymanNtcp(60.0, 80.0, 0.15);
    QVERIFY(std::abs(model->output(QStringLiteral("ntcp_planned_rectum")) - planned) < 1e-12);
    deliver(*model, 30, 2.2);
    QVERIFY(relativeError(model->output(QStringLiteral("geud_rectum_gy")), 68.64) < 1e-12);
    QVERIFY(std::abs(model->output(QStringLiteral("ntcp_rectum")) - lymanNtcp(68.64, 80.0, 0.15)) < 1e-12);
    QVERIFY(relativeError(model->output(QStringLiteral("mean_dose_rectum_gy")), 66.0) < 1e-12);
    QVERIFY(std::abs(model->output(QStringLiteral("ntcp_planned_rectum")) - planned) < 1e-12);

    // The same 60 Gy planned in 15 fractions (4 Gy): projection = Φ over EQD2 60 × 7/5 = 84 Gy.
    auto hypo = loadNtcp();
    setPlan(*hypo, 60.0, 15);
    hypo->setTable(QStringLiteral("dvh_rectum"), uniformDvh(60.0));
    hypo->initialise();
    QVERIFY(std::abs(hypo->output(QStringLiteral("ntcp_planned_rectum")) - lymanNtcp(84.0, 80.0, 0.15)) < 1e-12);
    QVERIFY(hypo->output(QStringLiteral("ntcp_planned_rectum")) > planned);
    QVERIFY2(model->ok() && hypo->ok(), qPrintable(model->error() + hypo->error()));
}

void TestNtcpCourse::saveRestoreMidCourseContinuesIdentically() {
    // 1.8 Gy (not a binary fraction) before and just after the save, then mixed sizes, so that
    // the continuation changes the dose-weighted fraction size (and with it the plugin's cached
    // DVH factor) at every fraction; the saved state must carry that all fractions were equal.
    auto prepare = [](PluginModelHarness &model) {
        setPlan(model, 60.0, 30);
        model.setTable(QStringLiteral("dvh_lung"), kLungDvh);
        model.setTable(QStringLiteral("dvh_rectum"), kRectumDvh);
        model.setTable(QStringLiteral("dvh_heart"), partialDvh(0.4, 35.0));
        model.setTable(QStringLiteral("dvh_parotid"), partialDvh(0.6, 50.0));
        model.initialise();
    };
    auto continueCourse = [](PluginModelHarness &model) {
        std::vector<double> trace;
        double day = 12.0;
        for (const double amount : {1.8, 1.8, 1.8, 3.0, 1.8, 3.0, 2.5, 2.0, 2.0, 5.0}) {
            deliver(model, 1, amount, day);
            trace.insert(trace.end(), model.allOutputs().begin(), model.allOutputs().end());
        }
        return trace;
    };
    auto original = loadNtcp();
    QVERIFY2(original->ok(), qPrintable(original->error()));
    prepare(*original);
    deliver(*original, 12, 1.8);
    const std::vector<double> saved = original->model().saveState();
    const std::vector<double> atSave = original->allOutputs();
    const std::vector<double> reference = continueCourse(*original);

    auto restored = loadNtcp();
    QVERIFY2(restored->ok(), qPrintable(restored->error()));
    prepare(*restored);
    QVERIFY(restored->model().restoreState(saved));
    const std::vector<double> afterRestore = restored->allOutputs();
    QCOMPARE(afterRestore.size(), atSave.size());
    for (std::size_t i = 0; i < atSave.size(); ++i)
        QVERIFY2(sameBits(afterRestore[i], atSave[i]), qPrintable(QString::number(i)));
    const std::vector<double> continued = continueCourse(*restored);
    QCOMPARE(continued.size(), reference.size());
    for (std::size_t i = 0; i < reference.size(); ++i)
        QVERIFY2(sameBits(continued[i], reference[i]), qPrintable(QString::number(i)));
    // Restoring into the instance that went on also rewinds it.
    QVERIFY(original->model().restoreState(saved));
    QVERIFY(continueCourse(*original) == reference);
    // A state of the wrong size is refused and changes nothing.
    const std::vector<double> before = original->allOutputs();
    QVERIFY(!original->model().restoreState(std::vector<double>(3, 1.0)));
    QVERIFY(original->allOutputs() == before);
}

void TestNtcpCourse::emptyTableOutputsZero() {
    auto model = loadNtcp();
    QVERIFY2(model->ok(), qPrintable(model->error()));
    setPlan(*model, 60.0, 30);
    model->setTable(QStringLiteral("dvh_lung"), kLungDvh);
    model->initialise();
    deliver(*model, 30, 2.0);
    QVERIFY(model->output(QStringLiteral("ntcp_lung")) > 0.0);
    for (const QString &organ : {QStringLiteral("heart"), QStringLiteral("rectum"), QStringLiteral("parotid")}) {
        for (const QString &id : {ntcpId(organ), geudId(organ), meanId(organ), plannedId(organ)})
            QVERIFY2(model->output(id) == 0.0, qPrintable(id));
    }
    QVERIFY2(model->ok(), qPrintable(model->error()));
}

void TestNtcpCourse::rejectsOtherActionsAndInvalidPlan() {
    auto model = loadNtcp();
    QVERIFY2(model->ok(), qPrintable(model->error()));
    setPlan(*model, 60.0, 30);
    model->setTable(QStringLiteral("dvh_lung"), kLungDvh);
    model->initialise();
    QVERIFY(!model->apply({0.0, twin::sim_api::action_kind::kIvBolus, "", 100.0}));
    QVERIFY(!model->apply({0.0, twin::sim_api::action_kind::kRtFraction, "", -2.0}));
    QVERIFY(!model->apply({0.0, twin::sim_api::action_kind::kRtFraction, "", std::nan("")}));
    QCOMPARE(model->output(QStringLiteral("fractions_delivered")), 0.0);
    // No usable prescription: the organ with a DVH cannot be scaled and reports NaN.
    setPlan(*model, 0.0, 30);
    model->initialise();
    QVERIFY(model->apply({0.0, twin::sim_api::action_kind::kRtFraction, "", 2.0}));
    QVERIFY(std::isnan(model->output(QStringLiteral("ntcp_lung"))));
    QVERIFY(std::isnan(model->output(QStringLiteral("ntcp_planned_lung"))));
    QCOMPARE(model->output(QStringLiteral("ntcp_heart")), 0.0);
    QVERIFY2(model->ok(), qPrintable(model->error()));
}

void TestNtcpCourse::metadataGatesMetricsAndDeclaresValidity() {
    auto model = loadNtcp();
    QVERIFY2(model->ok(), qPrintable(model->error()));
    const QJsonObject meta = model->metadata();
    QCOMPARE(meta.value(QStringLiteral("id")).toString(), QStringLiteral("ntcp_lkb"));
    QCOMPARE(meta.value(QStringLiteral("actions")).toArray(), QJsonArray({QStringLiteral("rt_fraction")}));
    QStringList metrics;
    for (const QJsonValue &m : meta.value(QStringLiteral("metrics")).toArray()) {
        const QJsonObject metric = m.toObject();
        const QString organ = metric.value(QStringLiteral("id")).toString().mid(5);
        QCOMPARE(metric.value(QStringLiteral("output")).toString(), ntcpId(organ));
        QCOMPARE(metric.value(QStringLiteral("reduce")).toString(), QStringLiteral("last"));
        QCOMPARE(metric.value(QStringLiteral("requiresTable")).toString(), tableId(organ));
        metrics << organ;
    }
    QCOMPARE(metrics, kOrgans);
    for (const QJsonValue &t : meta.value(QStringLiteral("tables")).toArray()) {
        const QString id = t.toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(t.toObject().value(QStringLiteral("source")).toString(),
                 QStringLiteral("organ:%1:dvh").arg(id.mid(4)));
    }
    bool fractionValidity = false;
    for (const QJsonValue &v : meta.value(QStringLiteral("validity")).toArray()) {
        const QJsonObject rule = v.toObject();
        if (rule.value(QStringLiteral("subject")).toString() == QLatin1String("action:rt_fraction.amount"))
            fractionValidity = rule.value(QStringLiteral("min")).toDouble() == 1.0 &&
                               rule.value(QStringLiteral("max")).toDouble() == 8.0;
    }
    QVERIFY(fractionValidity);
    for (const QJsonValue &p : meta.value(QStringLiteral("parameters")).toArray())
        QVERIFY2(!p.toObject().value(QStringLiteral("reference")).toString().isEmpty(),
                 qPrintable(p.toObject().value(QStringLiteral("id")).toString()));
}

DIDYMOS_TEST_MAIN(TestNtcpCourse)
#include "TestNtcpCourse.moc"
