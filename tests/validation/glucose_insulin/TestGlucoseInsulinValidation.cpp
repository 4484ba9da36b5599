// Validation of the glucose_insulin plugin (Bergman minimal model), loaded as a third party's
// plugin through PluginModelHarness: resting state, analytic solutions (basal-insulin clamp,
// oral gut emptying), an independent high-accuracy Boost.Odeint reference for a 0.3 g/kg IVGTT,
// published IVGTT features (the Pacini & Bergman 1986 normal subject, the classic KG criterion),
// save/restore, determinism, the SDK boundary of the binary and the cost of 180 days of steps.

#include "MinimalModelReference.h"
#include "PluginModelHarness.h"
#include "TestMain.h"

#include "twin/core/UnitRegistry.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>

#include <cmath>
#include <cstring>

using twin::sim_api::Action;
using twin::test::MinimalModelReference;
using twin::test::PluginModelHarness;

namespace {

constexpr double kMinute = 1.0 / 1440.0;  // host time is in days
constexpr double kHour = 1.0 / 24.0;
const char *kId = "glucose_insulin";

// Published values (secondary sources named in model.json): MINMOD-type fit to the normal
// subject of Pacini & Bergman 1986 (Comput Methods Programs Biomed 23:113): p1 = 3.082e-2,
// p2 = 2.093e-2, p3 = 1.062e-5 (MLAB example), n = 0.3, h = 89.5, gamma = 0.3349e-2, Gb = 92,
// Ib = 7.3, I0 = 403.4 (9pdf.org), G0 = 279.
constexpr double kSg = 3.082e-2, kP2 = 2.093e-2, kP3 = 1.062e-5, kN = 0.3, kGamma = 0.3349e-2;
constexpr double kH = 89.5, kGb = 92.0, kIb = 7.3, kI0 = 403.4, kG0 = 279.0;
constexpr double kWeight = 70.0;
constexpr double kVolumePerKg = 300.0 / (kG0 - kGb);  // 0.3 g/kg standard FSIGT dose
constexpr double kBolusMg = 300.0 * kWeight;          // 0.3 g/kg
constexpr double kGain = (kI0 - kIb) / (kG0 - kGb);

// Pacini & Bergman 1986 FSIGT data of a normal subject (minutes, glucose mg/dL), as tabulated
// in the MLAB example and in course material citing that paper.
constexpr double kDataT[] = {10, 12, 14, 16, 19, 22, 27, 32, 42, 52, 62, 72, 82, 92, 102, 122, 142, 162, 182};
constexpr double kDataG[] = {216, 211, 205, 196, 192, 172, 163, 142, 124, 105, 92, 84, 77, 82, 81, 82, 82, 85, 90};

Action targeted(const char *kind, double amountMg) {
    return Action{0.0, kind, kId, amountMg, 0.0};
}

void setPublished(PluginModelHarness &m) {
    m.set("sg", kSg);
    m.set("p2", kP2);
    m.set("si", kP3 / kP2);
    m.set("n", kN);
    m.set("gamma", kGamma);
    m.set("h", kH);
    m.set("gb", kGb);
    m.set("ib", kIb);
    m.set("first_phase_gain", kGain);
    m.set("glucose_volume", kVolumePerKg);
    m.set("weight_kg", kWeight);
}

MinimalModelReference publishedReference() {
    const double rise = kBolusMg / (kVolumePerKg * kWeight);
    return {kSg, kP2, kP3, kN, kGamma, kH, kGb, kIb, 180.0, kGb + rise, kIb + kGain * rise};
}

/// Length of host step k on an hourly grid as the Simulator makes it: the difference of two grid
/// times, (k+1)·dt − k·dt, which differs from dt by rounding (the sum of three such steps after
/// day 1 is not exactly 180 min).
double hostHourStep(int k) {
    return (k + 1) * kHour - k * kHour;
}

bool sameBits(const std::vector<double> &a, const std::vector<double> &b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

class TestGlucoseInsulinValidation : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void metadataDefaultsAreThePublishedValues();
    void everyUnitParsesWithTheHostRegistry();
    void restingStateHolds180Days();
    void basalInsulinClampDecaysAnalytically();
    void oralDoseFollowsTheAnalyticGutAndGlucoseCurves();
    void ivgttMatchesHighAccuracyReference();
    void ivgttReproducesPublishedFeatures();
    void onlyTargetedGlucoseActionsAreTaken();
    void saveRestoreContinuesBitIdentically();
    void runsAreDeterministic();
    void smallLoadOnTheHostGridReturnsExactlyToRest();
    void binaryUsesNothingOfOursButTheSdk();
    void cost180DaysHourly();
};

void TestGlucoseInsulinValidation::metadataDefaultsAreThePublishedValues() {
    PluginModelHarness m(kId);
    QVERIFY2(m.ok(), qPrintable(m.error()));
    QCOMPARE(m.metadata().value("id").toString(), QString(kId));
    QCOMPARE(m.metadata().value("apiVersion").toString(), QStringLiteral("1.0"));
    QCOMPARE(m.parameter("sg"), kSg);
    QCOMPARE(m.parameter("p2"), kP2);
    QVERIFY(std::abs(m.parameter("si") - kP3 / kP2) < 1e-3 * kP3 / kP2);  // rounded to 4 digits
    QCOMPARE(m.parameter("n"), kN);
    QCOMPARE(m.parameter("gamma"), kGamma);
    QCOMPARE(m.parameter("h"), kH);
    QCOMPARE(m.parameter("gb"), kGb);
    QCOMPARE(m.parameter("ib"), kIb);
    QVERIFY(std::abs(m.parameter("first_phase_gain") - kGain) < 1e-3);
    QVERIFY(std::abs(m.parameter("glucose_volume") - kVolumePerKg) < 0.01);
    for (const QJsonValue &p : m.metadata().value("parameters").toArray()) {
        const QJsonObject o = p.toObject();
        QVERIFY2(!o.value("reference").toString().isEmpty(), qPrintable(o.value("id").toString()));
        if (o.value("id").toString() == "weight_kg")
            QCOMPARE(o.value("source").toString(), QStringLiteral("covariate:weight_kg"));
    }
    QVERIFY(m.error().isEmpty());
}

void TestGlucoseInsulinValidation::everyUnitParsesWithTheHostRegistry() {
    PluginModelHarness m(kId);
    QVERIFY2(m.ok(), qPrintable(m.error()));
    QStringList units;
    for (const char *section : {"parameters", "outputs", "metrics", "validity"})
        for (const QJsonValue &v : m.metadata().value(section).toArray())
            if (v.toObject().contains("unit")) units << v.toObject().value("unit").toString();
    QVERIFY(units.size() > 20);
    for (const QString &unit : units) QVERIFY2(twin::core::UnitRegistry::ucum().parse(unit).ok(), qPrintable(unit));
    // Insulin is "uU/mL": UCUM's [IU] is an arbitrary unit the host cannot convert, while U
    // keeps the prefix arithmetic right: 1 uU/mL = 1 mU/L, as clinically (µIU/mL = mIU/L).
    const auto perLitre = twin::core::UnitRegistry::ucum().convert(1.0, "uU/mL", "mU/L");
    QVERIFY(perLitre.ok());
    QVERIFY(std::abs(perLitre.value() - 1.0) < 1e-12);
}

void TestGlucoseInsulinValidation::restingStateHolds180Days() {
    PluginModelHarness m(kId);
    QVERIFY2(m.ok(), qPrintable(m.error()));
    m.set("gb", 101.0);  // not the default, so a hard-coded rest could not pass
    m.set("ib", 12.5);
    m.initialise();
    m.run(kHour, 180 * 24);
    QCOMPARE(m.output("glucose"), 101.0);
    QCOMPARE(m.output("insulin"), 12.5);
    QCOMPARE(m.output("remote_insulin_action"), 0.0);
    QCOMPARE(m.output("gut_glucose"), 0.0);
    QVERIFY(m.error().isEmpty());
}

void TestGlucoseInsulinValidation::basalInsulinClampDecaysAnalytically() {
    // Insulin held at Ib (no first-phase rise, no secretion) keeps X = 0, so the glucose equation
    // is linear: G(t) = Gb + (G0 − Gb)·e^(−SG·t) (Bergman 1979, eq. for X = 0).
    PluginModelHarness m(kId);
    QVERIFY2(m.ok(), qPrintable(m.error()));
    setPublished(m);
    m.set("first_phase_gain", 0.0);
    m.set("gamma", 0.0);
    m.initialise();
    QVERIFY(m.apply(targeted("iv_bolus", kBolusMg)));
    const double g0 = kGb + kBolusMg / (kVolumePerKg * kWeight);
    for (int minute = 1; minute <= 600; ++minute) {
        m.step(kMinute);
        const double expected = kGb + (g0 - kGb) * std::exp(-kSg * minute);
        QVERIFY2(std::abs(m.output("glucose") - expected) < 1e-7 * expected, qPrintable(QString::number(minute)));
        QCOMPARE(m.output("insulin"), kIb);
    }
    // KG of a pure exponential G − Gb is not SG (G includes Gb): check it against the closed form.
    const double g10 = kGb + (g0 - kGb) * std::exp(-kSg * 10), g40 = kGb + (g0 - kGb) * std::exp(-kSg * 40);
    QVERIFY(std::abs(m.output("kg_index") - 100.0 * std::log(g10 / g40) / 30.0) < 1e-6);
}

void TestGlucoseInsulinValidation::oralDoseFollowsTheAnalyticGutAndGlucoseCurves() {
    // Gut: Q = D·e^(−ka·t). Glucose with insulin at basal: G − Gb = f·ka·D/V·(e^(−SG·t) − e^(−ka·t))/(ka − SG).
    PluginModelHarness m(kId);
    QVERIFY2(m.ok(), qPrintable(m.error()));
    setPublished(m);
    m.set("gamma", 0.0);
    const double ka = 0.057, f = 0.9, dose = 75000.0, volume = kVolumePerKg * kWeight;
    m.set("ka_gut", ka);
    m.set("f_gut", f);
    m.initialise();
    QVERIFY(m.apply(targeted("oral_dose", dose)));
    for (int step = 1; step <= 48; ++step) {  // 5-min steps over 4 h
        m.step(5 * kMinute);
        const double t = 5.0 * step;
        const double gut = dose * std::exp(-ka * t);
        const double rise = f * ka * dose / volume * (std::exp(-kSg * t) - std::exp(-ka * t)) / (ka - kSg);
        QVERIFY(std::abs(m.output("gut_glucose") - gut) < 1e-7 * dose);
        QVERIFY(std::abs(m.output("glucose") - (kGb + rise)) < 1e-6);
    }
}

void TestGlucoseInsulinValidation::ivgttMatchesHighAccuracyReference() {
    // Tolerance: the plugin's Dormand–Prince 5(4) (rel 1e-8, abs 1e-12) against RKF 7(8) at
    // 1e-13: 1e-5 mg/dL, 1e-5 uU/mL and 1e-9 /min (X peaks near 1e-2 /min) over 6 h, at 1-min
    // and at 1-h host steps, and at the host grid's hourly steps from day 1 (rounded lengths, see
    // hostHourStep: breakpoints are then reached within the plugin's 1e-6 min slack).
    const MinimalModelReference reference = publishedReference();
    for (double dt : {kMinute, kHour, -kHour}) {
        const bool hostGrid = dt < 0;
        dt = std::abs(dt);
        PluginModelHarness m(kId);
        QVERIFY2(m.ok(), qPrintable(m.error()));
        setPublished(m);
        m.initialise();
        QVERIFY(m.apply(targeted("iv_bolus", kBolusMg)));
        const int steps = static_cast<int>(std::lround(360.0 * kMinute / dt));
        double worstG = 0, worstX = 0, worstI = 0;
        for (int i = 1; i <= steps; ++i) {
            m.step(hostGrid ? hostHourStep(23 + i) : dt);
            const auto ref = reference.at(i * dt / kMinute);
            worstG = std::max(worstG, std::abs(m.output("glucose") - ref[0]));
            worstX = std::max(worstX, std::abs(m.output("remote_insulin_action") - ref[1]));
            worstI = std::max(worstI, std::abs(m.output("insulin") - ref[2]));
        }
        qInfo("host step %.0f min%s: worst |dG| %.2e mg/dL, |dX| %.2e /min, |dI| %.2e uU/mL", dt / kMinute,
              hostGrid ? " (host grid)" : "", worstG, worstX, worstI);
        QVERIFY(worstG < 1e-5);
        QVERIFY(worstX < 1e-9);
        QVERIFY(worstI < 1e-5);
    }
}

void TestGlucoseInsulinValidation::ivgttReproducesPublishedFeatures() {
    PluginModelHarness m(kId);
    QVERIFY2(m.ok(), qPrintable(m.error()));
    setPublished(m);
    m.initialise();
    QVERIFY(m.apply(targeted("iv_bolus", kBolusMg)));
    double squared = 0.0, nadir = 1e9;
    int t = 0;
    for (std::size_t k = 0; k < std::size(kDataT); ++k) {
        while (t < kDataT[k]) m.step(kMinute), ++t, nadir = std::min(nadir, m.output("glucose"));
        squared += std::pow(m.output("glucose") - kDataG[k], 2);
    }
    const double rms = std::sqrt(squared / std::size(kDataT));
    // KG of the data: least-squares slope of ln G over the 10–42 min samples.
    double st = 0, sy = 0, stt = 0, sty = 0;
    const int n = 9;
    for (int k = 0; k < n; ++k) {
        const double y = std::log(kDataG[k]);
        st += kDataT[k], sy += y, stt += kDataT[k] * kDataT[k], sty += kDataT[k] * y;
    }
    const double kgData = -100.0 * (n * sty - st * sy) / (n * stt - st * st);
    const double kg = m.output("kg_index");
    qInfo(
        "IVGTT 0.3 g/kg: RMS vs Pacini & Bergman 1986 (10-182 min) %.1f mg/dL, nadir %.1f mg/dL, "
        "G(182) %.1f mg/dL, KG %.2f %%/min (data %.2f)",
        rms, nadir, m.output("glucose"), kg, kgData);
    // 1. The glucose curve of the subject the parameters were fitted on (19 samples 10–182 min):
    //    within 15 mg/dL RMS. Measured: 13.5. The glucose parameters were fitted with the measured
    //    insulin as input, the insulin parameters separately; coupled, the insulin model's
    //    extrapolated I(0) = 403.4 uU/mL (the data read 26 at 2 min, 130 at 4 min) gives more early
    //    insulin action, so glucose falls faster than measured (KG 2.2 vs 1.8 %/min). Broken
    //    insulin action fails here: SI = 0 gives 17.6, SI × 2 gives 30, SG × 2 gives 34 mg/dL.
    QVERIFY2(rms < 15.0, qPrintable(QString::number(rms)));
    // 2. Back near basal at the end of the 3-h test (within 10 % of Gb), as in the data (90 at
    //    182 min) and the textbook IVGTT (fasting level again by 180 min, medicalalgorithms.com).
    QVERIFY(std::abs(m.output("glucose") - kGb) < 0.1 * kGb);
    // 3. A healthy undershoot below basal, as in the data (77 mg/dL at 82 min).
    QVERIFY(nadir < kGb && nadir > 60.0);
    // 4. KG: the classic normal criterion K ≥ 1.2 %/min (Lundbæk's IVGTT K value, as quoted by
    //    hanumanmedical.com), and within 25 % of the data's own 10–42 min log-linear slope
    //    (1.81 %/min; measured +22 %, see 1.).
    QVERIFY2(kg >= 1.2, qPrintable(QString::number(kg)));
    QVERIFY2(std::abs(kg - kgData) < 0.25 * kgData, qPrintable(QString::number(kgData)));
}

void TestGlucoseInsulinValidation::onlyTargetedGlucoseActionsAreTaken() {
    PluginModelHarness m(kId);
    QVERIFY2(m.ok(), qPrintable(m.error()));
    m.initialise();
    const auto before = m.model().saveState();
    QVERIFY(!m.apply(Action{0.0, "iv_bolus", "", 100.0, 0.0}));  // a drug dose for the PK models
    QVERIFY(!m.apply(Action{0.0, "iv_bolus", "pk", 100.0, 0.0}));
    QVERIFY(!m.apply(Action{0.0, "rt_fraction", kId, 2.0, 0.0}));
    QVERIFY(!m.apply(targeted("iv_bolus", -5.0)));
    QVERIFY(sameBits(m.model().saveState(), before));
    QVERIFY(m.apply(targeted("iv_bolus", kBolusMg)));
    QVERIFY(m.output("glucose") > kGb + 100.0);
}

void TestGlucoseInsulinValidation::saveRestoreContinuesBitIdentically() {
    PluginModelHarness a(kId), b(kId);
    QVERIFY2(a.ok() && b.ok(), qPrintable(a.error() + b.error()));
    a.initialise();
    b.initialise();
    QVERIFY(a.apply(targeted("iv_bolus", kBolusMg)));
    a.run(kMinute, 25);  // mid-course: secretion on, KG half measured
    const std::vector<double> saved = a.model().saveState();
    QVERIFY(!b.model().restoreState(std::vector<double>(saved.size() - 1, 0.0)));
    QVERIFY(b.model().restoreState(saved));
    for (int i = 0; i < 30; ++i) {
        a.step(7 * kMinute);
        b.step(7 * kMinute);
        QVERIFY(sameBits(a.allOutputs(), b.allOutputs()));
    }
    QVERIFY(sameBits(a.model().saveState(), b.model().saveState()));
}

void TestGlucoseInsulinValidation::runsAreDeterministic() {
    const auto run = [] {
        PluginModelHarness m(kId);
        m.initialise();
        std::vector<double> trace;
        for (int hour = 0; hour < 180 * 24; ++hour) {
            if (hour == 24) m.apply(targeted("iv_bolus", kBolusMg));
            if (hour == 24 * 30) m.apply(targeted("oral_dose", 75000.0));
            m.step(kHour);
            const auto &out = m.allOutputs();
            trace.insert(trace.end(), out.begin(), out.end());
        }
        return trace;
    };
    const auto first = run();
    QVERIFY(first.size() == 180u * 24u * 5u);
    QVERIFY(sameBits(first, run()));
}

void TestGlucoseInsulinValidation::smallLoadOnTheHostGridReturnsExactlyToRest() {
    // TestPluginSmoke's case: 100 mg IV and 100 mg oral at day 1, hourly steps of the host's grid.
    // Expected from the equations: after the 180-min secretion window the deviations decay at
    // least as fast as e^(-p2·t) (the slowest rate of the linearised system, p2 = 0.021 /min), so
    // from G − Gb < 2 mg/dL and X < 1e-3 /min they pass the rest thresholds (1e-7 mg/dL, 1e-12
    // /min) within ln(1e9)/p2 ≈ 17 h; at 48 h the state must be rest exactly (X == 0, not a
    // subnormal remainder). Before the fix, the step ends missed the 180-min breakpoint by
    // rounding, the load never ended and X was still 1e-27 /min after two days.
    PluginModelHarness m(kId);
    QVERIFY2(m.ok(), qPrintable(m.error()));
    m.initialise();
    for (int hour = 0; hour < 24 + 48; ++hour) {
        if (hour == 24) {
            QVERIFY(m.apply(targeted("iv_bolus", 100.0)));
            QVERIFY(m.apply(targeted("oral_dose", 100.0)));
        }
        m.step(hostHourStep(hour));
        if (hour == 24) QVERIFY(m.output("glucose") != kGb);  // the load did act
    }
    // Exact comparisons: QCOMPARE against 0.0 is fuzzy (qFuzzyIsNull) and passes 1e-27.
    const auto exact = [&m](const char *id, double expected) {
        const double v = m.output(id);
        return v == expected ? QString() : QStringLiteral("%1 = %2, not %3").arg(id).arg(v, 0, 'g', 17).arg(expected);
    };
    for (const QString &problem :
         {exact("glucose", kGb), exact("insulin", kIb), exact("remote_insulin_action", 0.0), exact("gut_glucose", 0.0)})
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestGlucoseInsulinValidation::binaryUsesNothingOfOursButTheSdk() {
    // The plugin's mangled names may mention twin::sim_api (the SDK's IModel, Action, Table) but
    // no other twin:: namespace: nothing of core, simulation or ui was linked in. (The CMake check
    // in plugins/models/glucose_insulin/CMakeLists.txt refuses such a link at configure time.)
    QFile so(QCoreApplication::applicationDirPath() + "/../plugins/models/didymos_model_glucose_insulin.so");
    QVERIFY(so.open(QIODevice::ReadOnly));
    const QString text = QString::fromLatin1(so.readAll());
    QVERIFY(text.contains("4twin7sim_api"));
    const QRegularExpressionMatch other = QRegularExpression("4twin(?!7sim_api)[0-9]+[a-z_]+").match(text);
    QVERIFY2(!other.hasMatch(), qPrintable(other.captured(0)));
}

void TestGlucoseInsulinValidation::cost180DaysHourly() {
    // 4320 steps of the host's hourly grid (hostHourStep), best of 10, two scenarios:
    // TestPluginSmoke's (100 mg IV + 100 mg oral at day 1; was 2.8 ms: the load never ended) and
    // a 0.3 g/kg IVGTT at day 1 plus a 75 g oral load at day 30 (was 0.32 ms). Measured after the
    // fix: about 32 and 61 us. All built-in models share 2 ms for this; the bound is 1 ms so a
    // loaded machine does not fail it, while the old 2.8 ms would.
    struct Scenario {
        const char *name;
        int ivHour, oralHour;
        double ivMg, oralMg;
    };
    const Scenario scenarios[] = {{"smoke: 100 mg IV + 100 mg oral", 24, 24, 100.0, 100.0},
                                  {"IVGTT 0.3 g/kg + 75 g oral", 24, 24 * 30, kBolusMg, 75000.0}};
    for (const Scenario &s : scenarios) {
        qint64 best = -1;
        for (int repeat = 0; repeat < 10; ++repeat) {
            PluginModelHarness m(kId);
            m.initialise();
            QElapsedTimer timer;
            timer.start();
            for (int hour = 0; hour < 180 * 24; ++hour) {
                if (hour == s.ivHour) m.model().apply(targeted("iv_bolus", s.ivMg));
                if (hour == s.oralHour) m.model().apply(targeted("oral_dose", s.oralMg));
                m.model().step(hostHourStep(hour));
            }
            const qint64 ns = timer.nsecsElapsed();
            best = best < 0 ? ns : std::min(best, ns);
        }
        qInfo("glucose_insulin, %s: 4320 hourly steps in %.1f us (best of 10)", s.name, best / 1000.0);
        QVERIFY2(best < 1'000'000, "the whole model set has 2 ms for this");
    }
}

DIDYMOS_TEST_MAIN(TestGlucoseInsulinValidation)
#include "TestGlucoseInsulinValidation.moc"
