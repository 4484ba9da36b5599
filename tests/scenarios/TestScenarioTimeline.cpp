// Expansion of a scenario's timeline into sim_api actions: mg/m2 doses times the Mosteller BSA
// (Mosteller RD, N Engl J Med 1987;317:1098, computed here), infusions as start/stop pairs with
// rate = dose / duration in mg/day, boluses and oral doses, radiotherapy fractions on weekdays
// only (Saturdays and Sundays skipped), daily schedules, breaks that postpone fractions, the
// weekday of day 0, surgery, and the scenario-wide time order.

#include "TestMain.h"

#include "twin/simulation/Scenario.h"

#include <cmath>

using namespace twin::simulation;
namespace kind = twin::sim_api::action_kind;

class TestScenarioTimeline : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void infusionsAreStartStopPairsAtTheBsaDose();
    void bolusAndOralDoses();
    void weekdayFractionsSkipWeekends();
    void startWeekdayShiftsTheWeekends();
    void dailyScheduleAndBreaks();
    void scenarioOrdersAllActionsByTime();
};

void TestScenarioTimeline::infusionsAreStartStopPairsAtTheBsaDose() {
    // The demo patient's 165 cm and 68 kg: BSA = sqrt(165 x 68 / 3600) = 1.7654 m2 (Mosteller).
    const double bsa = std::sqrt(165.0 * 68.0 / 3600.0);
    QVERIFY(std::abs(bsa - 1.76541) < 1e-5);
    const DosingRegimen regimen{QStringLiteral("docetaxel"),
                                QStringLiteral("pk"),
                                75.0,
                                DoseUnit::MgPerM2,
                                DoseRoute::IvInfusion,
                                1.0,
                                21.0,
                                4,
                                0.0};
    QCOMPARE(regimen.doseMg(bsa), 75.0 * bsa);
    const auto actions = regimen.expand(bsa);
    QCOMPARE(actions.size(), std::size_t(8));
    double infused = 0.0;
    for (int k = 0; k < 4; ++k) {
        const auto &start = actions[std::size_t(2 * k)];
        const auto &stop = actions[std::size_t(2 * k + 1)];
        QCOMPARE(start.kind, std::string(kind::kIvInfusionStart));
        QCOMPARE(stop.kind, std::string(kind::kIvInfusionStop));
        QCOMPARE(start.target, std::string("pk"));
        QCOMPARE(start.timeDays, 21.0 * k);
        QVERIFY(std::abs(stop.timeDays - (21.0 * k + 1.0 / 24.0)) < 1e-12);
        QVERIFY(std::abs(start.rate - 75.0 * bsa * 24.0) < 1e-9);  // mg over 1 h = mg x 24 per day
        infused += start.rate * (stop.timeDays - start.timeDays);
    }
    QVERIFY(std::abs(infused - 4 * 75.0 * bsa) < 1e-9);
}

void TestScenarioTimeline::bolusAndOralDoses() {
    const DosingRegimen bolus{
        QStringLiteral("x"), QStringLiteral("pk"), 100.0, DoseUnit::Mg, DoseRoute::IvBolus, 0.0, 7.0, 3, 2.0};
    const auto b = bolus.expand(2.0);  // mg: the BSA must not matter
    QCOMPARE(b.size(), std::size_t(3));
    for (int k = 0; k < 3; ++k) {
        QCOMPARE(b[std::size_t(k)].kind, std::string(kind::kIvBolus));
        QCOMPARE(b[std::size_t(k)].amount, 100.0);
        QCOMPARE(b[std::size_t(k)].timeDays, 2.0 + 7.0 * k);
    }
    const DosingRegimen oral{
        QStringLiteral("y"), QStringLiteral("pk"), 500.0, DoseUnit::MgPerM2, DoseRoute::Oral, 0.0, 0.5, 2, 0.25};
    const auto o = oral.expand(1.5);
    QCOMPARE(o.size(), std::size_t(2));
    QCOMPARE(o[1].kind, std::string(kind::kOralDose));
    QCOMPARE(o[1].amount, 750.0);
    QCOMPARE(o[1].timeDays, 0.75);
}

void TestScenarioTimeline::weekdayFractionsSkipWeekends() {
    RadiotherapySchedule rt;
    rt.fractions = 30;
    rt.dosePerFractionGy = 2.0;
    rt.totalDoseGy = 60.0;
    // Day 0 a Monday: weeks of Mon-Fri = days 7w .. 7w + 4; 30 fractions end on Friday of week 6.
    std::vector<int> expected;
    for (int week = 0; week < 6; ++week)
        for (int d = 0; d < 5; ++d) expected.push_back(7 * week + d);
    QCOMPARE(rt.fractionDays(1), expected);
    const auto actions = rt.expand(1);
    QCOMPARE(actions.size(), std::size_t(30));
    double total = 0.0;
    for (const auto &a : actions) {
        QCOMPARE(a.kind, std::string(kind::kRtFraction));
        QVERIFY(a.target.empty());  // every model taking rt_fraction
        total += a.amount;
    }
    QCOMPARE(total, 60.0);
    QCOMPARE(actions.back().timeDays, 39.0);
}

void TestScenarioTimeline::startWeekdayShiftsTheWeekends() {
    RadiotherapySchedule rt;
    rt.fractions = 5;
    rt.dosePerFractionGy = 2.0;
    rt.startDay = 0;
    // Day 0 a Thursday (4): Thu 0, Fri 1, (Sat 2, Sun 3), Mon 4, Tue 5, Wed 6.
    QCOMPARE(rt.fractionDays(4), std::vector<int>({0, 1, 4, 5, 6}));
    // Starting on a Saturday: the first fraction is on the Monday.
    rt.startDay = 2;
    QCOMPARE(rt.fractionDays(4), std::vector<int>({4, 5, 6, 7, 8}));
}

void TestScenarioTimeline::dailyScheduleAndBreaks() {
    RadiotherapySchedule rt;
    rt.fractions = 6;
    rt.dosePerFractionGy = 3.0;
    rt.schedule = FractionSchedule::Daily;
    rt.startDay = 3;
    rt.timeOfDayHours = 9.0;
    rt.breaks = {{5, 6}};
    // Daily from day 3, days 5-6 off: 3, 4, 7, 8, 9, 10 (postponed, not dropped).
    QCOMPARE(rt.fractionDays(1), std::vector<int>({3, 4, 7, 8, 9, 10}));
    QCOMPARE(rt.expand(1).front().timeDays, 3.0 + 9.0 / 24.0);
    // A weekday course with a break over a whole week: that week's fractions move on.
    RadiotherapySchedule weekdays;
    weekdays.fractions = 10;
    weekdays.dosePerFractionGy = 2.0;
    weekdays.breaks = {{7, 11}};
    QCOMPARE(weekdays.fractionDays(1), std::vector<int>({0, 1, 2, 3, 4, 14, 15, 16, 17, 18}));
}

void TestScenarioTimeline::scenarioOrdersAllActionsByTime() {
    Scenario s;
    s.models = {QStringLiteral("pk"), QStringLiteral("tumour")};
    RadiotherapySchedule rt;
    rt.fractions = 3;
    rt.dosePerFractionGy = 2.0;
    rt.schedule = FractionSchedule::Daily;
    s.interventions.push_back(SurgeryEvent{1.5, 0.8, QStringLiteral("tumour")});
    s.interventions.push_back(rt);
    s.interventions.push_back(DosingRegimen{QStringLiteral("d"), QStringLiteral("pk"), 10.0, DoseUnit::MgPerM2,
                                            DoseRoute::IvBolus, 0.0, 1.0, 2, 0.0});
    QVERIFY(s.needsBsa());
    const auto actions = s.actions(2.0);
    QCOMPARE(actions.size(), std::size_t(6));
    for (std::size_t i = 1; i < actions.size(); ++i) QVERIFY(actions[i - 1].timeDays <= actions[i].timeDays);
    // Ties keep timeline order: at t = 0 the RT fraction (entry 1) precedes the bolus (entry 2).
    QCOMPARE(actions[0].kind, std::string(kind::kRtFraction));
    QCOMPARE(actions[1].kind, std::string(kind::kIvBolus));
    QCOMPARE(actions[1].amount, 20.0);
    QCOMPARE(actions[4].kind, std::string(kind::kSurgery));
    QCOMPARE(actions[4].amount, 0.8);
}

DIDYMOS_TEST_MAIN(TestScenarioTimeline)
#include "TestScenarioTimeline.moc"
