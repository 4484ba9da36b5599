// Reading and checking the interventions of a scenario file (see Scenario.h for the format).

#include "scenario/ScenarioInterventionReader.h"

#include <cmath>

namespace twin::simulation {

namespace {

QString number(double v) {
    return QString::number(v, 'g', 10);
}

}  // namespace

QString ScenarioInterventionReader::readTarget(ScenarioFieldReader &entry, const QStringList &models,
                                               const QString &fallback) {
    const QString model = entry.text(QStringLiteral("model"), fallback);
    if (!model.isEmpty() && !models.contains(model)) {
        entry.fail(
            entry.field(QStringLiteral("model")),
            QStringLiteral("\"%1\" is not among twin.models (%2)").arg(model, models.join(QStringLiteral(", "))));
    }
    return model;
}

ScenarioIntervention ScenarioInterventionReader::read(ScenarioFieldReader &entry, const QStringList &models) {
    const QString type = entry.text(QStringLiteral("type"));
    ScenarioIntervention intervention = SurgeryEvent{};
    if (type == QLatin1String("drug"))
        intervention = readDrug(entry, models);
    else if (type == QLatin1String("radiotherapy"))
        intervention = readRadiotherapy(entry, models);
    else if (type == QLatin1String("surgery"))
        intervention = readSurgery(entry, models);
    else if (!entry.failed())
        entry.fail(entry.field(QStringLiteral("type")),
                   QStringLiteral("must be drug, radiotherapy or surgery (is \"%1\")").arg(type));
    entry.rejectUnknownKeys();
    return intervention;
}

DosingRegimen ScenarioInterventionReader::readDrug(ScenarioFieldReader &e, const QStringList &models) {
    DosingRegimen r;
    r.drug = e.text(QStringLiteral("drug"));
    r.model = readTarget(e, models, QStringLiteral("pk"));
    if (r.model.isEmpty()) e.fail(e.field(QStringLiteral("model")), QStringLiteral("must name the drug's model"));
    r.dose = e.number(QStringLiteral("dose"));
    if (!e.failed() && !(r.dose > 0.0))
        e.fail(e.field(QStringLiteral("dose")), QStringLiteral("must be > 0 (is %1)").arg(number(r.dose)));
    const QString unit = e.text(QStringLiteral("doseUnit"));
    if (unit == QLatin1String("mg"))
        r.doseUnit = DoseUnit::Mg;
    else if (unit == QLatin1String("mg/m2"))
        r.doseUnit = DoseUnit::MgPerM2;
    else if (!e.failed())
        e.fail(e.field(QStringLiteral("doseUnit")), QStringLiteral("must be mg or mg/m2 (is \"%1\")").arg(unit));
    const QString route = e.text(QStringLiteral("route"));
    if (route == QLatin1String("iv_bolus"))
        r.route = DoseRoute::IvBolus;
    else if (route == QLatin1String("iv_infusion"))
        r.route = DoseRoute::IvInfusion;
    else if (route == QLatin1String("oral"))
        r.route = DoseRoute::Oral;
    else if (!e.failed())
        e.fail(e.field(QStringLiteral("route")),
               QStringLiteral("must be iv_bolus, iv_infusion or oral (is \"%1\")").arg(route));
    if (r.route == DoseRoute::IvInfusion) {
        r.infusionHours = e.number(QStringLiteral("infusionHours"));
        if (!e.failed() && !(r.infusionHours > 0.0))
            e.fail(e.field(QStringLiteral("infusionHours")),
                   QStringLiteral("must be > 0 (is %1)").arg(number(r.infusionHours)));
    } else if (e.has(QStringLiteral("infusionHours"))) {
        e.fail(e.field(QStringLiteral("infusionHours")), QStringLiteral("is only for route iv_infusion"));
    }
    r.cycles = e.integer(QStringLiteral("cycles"), 1);
    if (!e.failed() && r.cycles < 1)
        e.fail(e.field(QStringLiteral("cycles")), QStringLiteral("must be an integer >= 1 (is %1)").arg(r.cycles));
    r.intervalDays = e.number(QStringLiteral("intervalDays"), r.cycles > 1 ? std::nullopt : std::optional<double>(0.0));
    if (!e.failed() && r.cycles > 1 && !(r.intervalDays > 0.0))
        e.fail(e.field(QStringLiteral("intervalDays")),
               QStringLiteral("must be > 0 for %1 cycles (is %2)").arg(r.cycles).arg(number(r.intervalDays)));
    if (!e.failed() && r.cycles > 1 && r.route == DoseRoute::IvInfusion && r.infusionHours / 24.0 >= r.intervalDays)
        e.fail(e.field(QStringLiteral("infusionHours")),
               QStringLiteral("an infusion of %1 h does not end before the next cycle (every %2 d)")
                   .arg(number(r.infusionHours), number(r.intervalDays)));
    r.startDay = e.number(QStringLiteral("startDay"), 0.0);
    if (!e.failed() && r.startDay < 0.0)
        e.fail(e.field(QStringLiteral("startDay")), QStringLiteral("must be >= 0 (is %1)").arg(number(r.startDay)));
    return r;
}

RadiotherapySchedule ScenarioInterventionReader::readRadiotherapy(ScenarioFieldReader &e, const QStringList &models) {
    RadiotherapySchedule rt;
    const bool hasTotal = e.has(QStringLiteral("totalDoseGy"));
    const bool hasFractions = e.has(QStringLiteral("fractions"));
    const bool hasPerFraction = e.has(QStringLiteral("dosePerFractionGy"));
    const double total = e.number(QStringLiteral("totalDoseGy"), 0.0);
    const int fractions = e.integer(QStringLiteral("fractions"), 0);
    const double perFraction = e.number(QStringLiteral("dosePerFractionGy"), 0.0);
    if (!e.failed() && int(hasTotal) + int(hasFractions) + int(hasPerFraction) < 2)
        e.fail(e.path(), QStringLiteral("needs two of totalDoseGy, fractions and dosePerFractionGy"));
    if (!e.failed() && hasTotal && !(total > 0.0))
        e.fail(e.field(QStringLiteral("totalDoseGy")), QStringLiteral("must be > 0 (is %1)").arg(number(total)));
    if (!e.failed() && hasFractions && fractions < 1)
        e.fail(e.field(QStringLiteral("fractions")), QStringLiteral("must be an integer >= 1 (is %1)").arg(fractions));
    if (!e.failed() && hasPerFraction && !(perFraction > 0.0))
        e.fail(e.field(QStringLiteral("dosePerFractionGy")),
               QStringLiteral("must be > 0 (is %1)").arg(number(perFraction)));
    if (!e.failed()) {
        if (!hasFractions) {
            const double n = total / perFraction;
            rt.fractions = static_cast<int>(std::llround(n));
            if (std::abs(n - rt.fractions) > 1e-9 * n || rt.fractions < 1)
                e.fail(e.field(QStringLiteral("totalDoseGy")),
                       QStringLiteral("%1 Gy is not a whole number of %2-Gy fractions")
                           .arg(number(total), number(perFraction)));
            rt.dosePerFractionGy = perFraction;
        } else {
            rt.fractions = fractions;
            rt.dosePerFractionGy = hasPerFraction ? perFraction : total / fractions;
        }
        rt.totalDoseGy = rt.dosePerFractionGy * rt.fractions;
        if (!e.failed() && hasTotal && hasFractions && hasPerFraction &&
            std::abs(total - fractions * perFraction) > 1e-9 * total)
            e.fail(e.field(QStringLiteral("totalDoseGy")),
                   QStringLiteral("%1 Gy differs from fractions × dosePerFractionGy = %2 Gy")
                       .arg(number(total), number(fractions * perFraction)));
    }
    rt.startDay = e.integer(QStringLiteral("startDay"), 0);
    if (!e.failed() && rt.startDay < 0)
        e.fail(e.field(QStringLiteral("startDay")), QStringLiteral("must be an integer >= 0 (is %1)").arg(rt.startDay));
    const QString schedule = e.text(QStringLiteral("schedule"), QStringLiteral("weekdays"));
    if (schedule == QLatin1String("daily"))
        rt.schedule = FractionSchedule::Daily;
    else if (schedule != QLatin1String("weekdays") && !e.failed())
        e.fail(e.field(QStringLiteral("schedule")),
               QStringLiteral("must be weekdays or daily (is \"%1\")").arg(schedule));
    const QJsonArray breaks = e.array(QStringLiteral("breaks"), false);
    for (qsizetype j = 0; j < breaks.size() && !e.failed(); ++j) {
        ScenarioFieldReader b = e.element(QStringLiteral("breaks"), j, breaks.at(j));
        RadiotherapyBreak pause{b.integer(QStringLiteral("fromDay")), b.integer(QStringLiteral("toDay"))};
        if (!b.failed() && (pause.fromDay < 0 || pause.toDay < pause.fromDay))
            b.fail(b.field(QStringLiteral("toDay")),
                   QStringLiteral("must be >= fromDay >= 0 (is %1 to %2)").arg(pause.fromDay).arg(pause.toDay));
        b.rejectUnknownKeys();
        rt.breaks.push_back(pause);
    }
    rt.timeOfDayHours = e.number(QStringLiteral("timeOfDayHours"), 0.0);
    if (!e.failed() && (rt.timeOfDayHours < 0.0 || rt.timeOfDayHours >= 24.0))
        e.fail(e.field(QStringLiteral("timeOfDayHours")),
               QStringLiteral("must be in [0, 24) (is %1)").arg(number(rt.timeOfDayHours)));
    rt.model = readTarget(e, models, QString());
    return rt;
}

SurgeryEvent ScenarioInterventionReader::readSurgery(ScenarioFieldReader &e, const QStringList &models) {
    SurgeryEvent s;
    s.day = e.number(QStringLiteral("day"));
    if (!e.failed() && s.day < 0.0)
        e.fail(e.field(QStringLiteral("day")), QStringLiteral("must be >= 0 (is %1)").arg(number(s.day)));
    s.resectedFraction = e.number(QStringLiteral("resectedFraction"));
    if (!e.failed() && (s.resectedFraction < 0.0 || s.resectedFraction > 1.0))
        e.fail(e.field(QStringLiteral("resectedFraction")),
               QStringLiteral("must be in [0, 1] (is %1)").arg(number(s.resectedFraction)));
    s.model = readTarget(e, models, QString());
    return s;
}

}  // namespace twin::simulation
