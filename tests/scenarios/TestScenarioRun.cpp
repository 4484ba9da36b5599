// The demo scenario on the demo patient's twin (EHR + DICOM organ twin + RT plan, as
// `simulate --demo` builds it): metrics present and finite; the whole chain checked against
// closed forms computed here — total AUC = sum of doses / CL for a linear model
// (AUC(0-inf) = F D / CL; 117 days after the last dose the remainder is negligible) with the
// dose 75 mg/m2 x Mosteller BSA and CL renally adjusted by Cockcroft-Gault (Dettli: CL = CL_pop
// ((1 - fr) + fr CrCl/100), fr 0.06, CL_pop 38.5 L/h as in pk's model.json); the tumour
// starts at the GTV's volume and shrinks under 30 x 2 Gy; ANC falls below the patient's
// baseline (4.1 x10^9/L in the bundle); NTCP of the lung exists with a DVH and not without.

#include "ScenarioTestSupport.h"
#include "TestMain.h"

#include "SimulateCaseLoader.h"
#include "twin/simulation/ScenarioReader.h"
#include "twin/simulation/ScenarioSimulation.h"

#include <QTimeZone>

#include <cmath>

using namespace twin;
using namespace twin::simulation;

class TestScenarioRun : public test::StrictTestCase {
    Q_OBJECT
    PluginLoadResult plugins_;
    Scenario scenario_;
    cli::SimulateCase case_;
    std::optional<ScenarioSimulation> bound_;
    SimulationResult result_;

    const MetricValue *metric(const char *model, const char *id) const {
        return result_.metric(QString::fromLatin1(model), QString::fromLatin1(id));
    }

private slots:
    void initTestCase();
    void metricsArePresentAndFinite();
    void aucIsTheDoseOverClearance();
    void tumourShrinksUnderRadiotherapy();
    void ancNadirBelowBaseline();
    void ntcpLungOnlyWithADvh();
    void runsAreBitIdentical();
};

void TestScenarioRun::initTestCase() {
    plugins_ = test::loadBuiltPlugins();
    const auto read = ScenarioReader::readFile(test::demoScenarioPath());
    QVERIFY2(read.ok(), qPrintable(read.error().message()));
    scenario_ = read.value();
    const QString dir = test::scratchDir(QStringLiteral("scenario-run-demo"));
    const auto demo = cli::SimulateCaseLoader::writeDemoPatient(dir);
    QVERIFY2(demo.ok(), qPrintable(demo.error().message()));
    const auto loaded = cli::SimulateCaseLoader::load(dir);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message()));
    case_ = loaded.value();
    QCOMPARE(case_.asOf.date(), QDate(2024, 1, 15));  // the newest observation: pre-treatment labs
    auto bound = ScenarioSimulation::create(scenario_, plugins_, case_.inputs, test::demoScenarioPath());
    QVERIFY2(bound.ok(), qPrintable(bound.error().message()));
    bound_ = std::move(bound).value();
    const auto run = bound_->run();
    QVERIFY2(run.ok(), qPrintable(run.error().message()));
    result_ = run.value();
}

void TestScenarioRun::metricsArePresentAndFinite() {
    for (const auto &[model, id] :
         std::vector<std::pair<const char *, const char *>>{{"pk", "auc"},
                                                            {"pk", "cmax"},
                                                            {"friberg", "anc_nadir"},
                                                            {"tumour", "tumour_volume_end_ml"},
                                                            {"tumour", "tcp"},
                                                            {"ntcp_lkb", "ntcp_lung"},
                                                            {"ntcp_lkb", "ntcp_heart"}}) {
        const MetricValue *m = metric(model, id);
        QVERIFY2(m, id);
        QVERIFY2(std::isfinite(m->value), id);
    }
    QVERIFY(metric("tumour", "tcp")->value >= 0.0 && metric("tumour", "tcp")->value <= 1.0);
    QCOMPARE(result_.t.size(), std::size_t(180 * 24 + 1));
    for (const OutputSeries &s : result_.series)
        for (double v : s.values) QVERIFY2(std::isfinite(v), qPrintable(s.id));
}

void TestScenarioRun::aucIsTheDoseOverClearance() {
    const double bsa = std::sqrt(165.0 * 68.0 / 3600.0);
    QVERIFY(std::abs(bound_->bsaM2() - bsa) < 1e-9);
    const double age = 65.0, creatinine = 0.9;  // at 2024-01-15
    const double crcl = (140.0 - age) * 68.0 * 0.85 / (72.0 * creatinine);
    const double cl = 38.5 * ((1.0 - 0.06) + 0.06 * crcl / 100.0);
    const double expected = 4 * 75.0 * bsa / cl;  // mg.h/L
    const MetricValue *auc = metric("pk", "auc");
    QVERIFY(auc);
    QVERIFY2(std::abs(auc->value / expected - 1.0) < 1e-6,
             qPrintable(QStringLiteral("AUC %1, expected %2").arg(auc->value).arg(expected)));
    // Cmax: at the end of a 1-h infusion (the grid records it), well below the dose / V1 bound.
    QVERIFY(metric("pk", "cmax")->value < 75.0 * bsa / 7.4);
    QVERIFY(std::abs(std::fmod(metric("pk", "cmax")->timeDays * 24.0, 21.0 * 24.0) - 1.0) < 1e-9);
}

void TestScenarioRun::tumourShrinksUnderRadiotherapy() {
    const OutputSeries *volume = result_.find(QStringLiteral("tumour.tumour_volume_ml"));
    QVERIFY(volume);
    const TwinOrgan &gtv = case_.inputs.organs.at(QStringLiteral("tumour"));
    QCOMPARE(gtv.structures, QStringList({"GTV"}));
    QCOMPARE(volume->values.front(), gtv.volumeMl->value);  // from the organ twin, not the default
    // The phantom's GTV: a sphere of 35 mm diameter (4/3 pi 17.5^3 = 22.4 mL) on a 3.6 x 3.6 x 5 mm grid: within 15 %.
    QVERIFY(std::abs(gtv.volumeMl->value / (4.0 / 3.0 * M_PI * 17.5 * 17.5 * 17.5 / 1000.0) - 1.0) < 0.15);
    QVERIFY(volume->values.back() < 0.5 * volume->values.front());
    QCOMPARE(metric("tumour", "tumour_volume_end_ml")->value, volume->values.back());
}

void TestScenarioRun::ancNadirBelowBaseline() {
    const OutputSeries *anc = result_.find(QStringLiteral("friberg.anc"));
    QVERIFY(anc);
    QCOMPARE(anc->values.front(), 4.1);
    QVERIFY(metric("friberg", "anc_nadir")->value < 4.1);
    // Docetaxel's nadir comes about a week after the dose (Friberg 2002: day 7-10), not at once.
    const double day = std::fmod(metric("friberg", "anc_nadir")->timeDays, 21.0);
    QVERIFY2(day > 4.0 && day < 14.0, qPrintable(QString::number(day)));
}

void TestScenarioRun::ntcpLungOnlyWithADvh() {
    const MetricValue *lung = metric("ntcp_lkb", "ntcp_lung");
    QVERIFY(lung && lung->value > 0.0 && lung->value < 1.0);
    TwinInputs withoutOrgans = case_.inputs;
    withoutOrgans.organs.clear();
    const auto bound = ScenarioSimulation::create(scenario_, plugins_, withoutOrgans);
    QVERIFY(bound.ok());
    const auto run = bound.value().run();
    QVERIFY(run.ok());
    QVERIFY(!run.value().metric(QStringLiteral("ntcp_lkb"), QStringLiteral("ntcp_lung")));
    bool flagged = false;
    for (const TwinFilledInput &f : bound.value().filledInputs())
        if (f.target == QLatin1String("dvh_lung")) flagged = f.populationDefault();
    QVERIFY(flagged);
}

void TestScenarioRun::runsAreBitIdentical() {
    const auto again = bound_->run();
    QVERIFY(again.ok());
    QCOMPARE(again.value().series.size(), result_.series.size());
    for (std::size_t i = 0; i < result_.series.size(); ++i)
        QVERIFY(again.value().series[i].values == result_.series[i].values);
}

DIDYMOS_TEST_MAIN(TestScenarioRun)
#include "TestScenarioRun.moc"
