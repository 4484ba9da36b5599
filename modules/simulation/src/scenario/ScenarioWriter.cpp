// ScenarioWriter: Scenario -> JSON (format in Scenario.h).

#include "twin/simulation/ScenarioWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace twin::simulation {

namespace {

QJsonObject interventionJson(const DosingRegimen &r) {
    QJsonObject o{{QStringLiteral("type"), QStringLiteral("drug")},
                  {QStringLiteral("drug"), r.drug},
                  {QStringLiteral("model"), r.model},
                  {QStringLiteral("dose"), r.dose},
                  {QStringLiteral("doseUnit"), DosingRegimen::unitName(r.doseUnit)},
                  {QStringLiteral("route"), DosingRegimen::routeName(r.route)},
                  {QStringLiteral("cycles"), r.cycles},
                  {QStringLiteral("intervalDays"), r.intervalDays},
                  {QStringLiteral("startDay"), r.startDay}};
    if (r.route == DoseRoute::IvInfusion) o.insert(QStringLiteral("infusionHours"), r.infusionHours);
    return o;
}

QJsonObject interventionJson(const RadiotherapySchedule &rt) {
    QJsonArray breaks;
    for (const RadiotherapyBreak &b : rt.breaks)
        breaks.append(QJsonObject{{QStringLiteral("fromDay"), b.fromDay}, {QStringLiteral("toDay"), b.toDay}});
    return {{QStringLiteral("type"), QStringLiteral("radiotherapy")},
            {QStringLiteral("totalDoseGy"), rt.totalDoseGy},
            {QStringLiteral("fractions"), rt.fractions},
            {QStringLiteral("dosePerFractionGy"), rt.dosePerFractionGy},
            {QStringLiteral("startDay"), rt.startDay},
            {QStringLiteral("schedule"), RadiotherapySchedule::scheduleName(rt.schedule)},
            {QStringLiteral("breaks"), breaks},
            {QStringLiteral("timeOfDayHours"), rt.timeOfDayHours},
            {QStringLiteral("model"), rt.model}};
}

QJsonObject interventionJson(const SurgeryEvent &s) {
    return {{QStringLiteral("type"), QStringLiteral("surgery")},
            {QStringLiteral("day"), s.day},
            {QStringLiteral("resectedFraction"), s.resectedFraction},
            {QStringLiteral("model"), s.model}};
}

}  // namespace

QJsonObject ScenarioWriter::toJson(const Scenario &s) {
    QJsonObject parameters;
    for (const ScenarioParameterOverride &o : s.parameters) parameters.insert(o.key(), o.value);
    QJsonArray interventions;
    for (const ScenarioIntervention &i : s.interventions)
        interventions.append(std::visit([](const auto &v) { return interventionJson(v); }, i));
    QJsonArray observations;
    for (const ScenarioObservation &o : s.observations) {
        QJsonObject json{
            {QStringLiteral("output"), o.output}, {QStringLiteral("day"), o.day}, {QStringLiteral("value"), o.value}};
        if (o.cv > 0.0)
            json.insert(QStringLiteral("cv"), o.cv);
        else
            json.insert(QStringLiteral("sigma"), o.sigma);
        observations.append(json);
    }
    QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("didymos-scenario")},
        {QStringLiteral("version"), Scenario::kFormatVersion},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("description"), s.description},
        {QStringLiteral("twin"), QJsonObject{{QStringLiteral("models"), QJsonArray::fromStringList(s.models)},
                                             {QStringLiteral("parameters"), parameters}}},
        {QStringLiteral("horizonDays"), s.horizonDays},
        {QStringLiteral("stepHours"), s.stepHours},
        {QStringLiteral("outputEvery"), s.outputEvery},
        {QStringLiteral("startWeekday"), Scenario::weekdayName(s.startWeekday)},
        {QStringLiteral("interventions"), interventions},
        {QStringLiteral("observations"), observations}};
    if (!s.calibrate.isEmpty()) root.insert(QStringLiteral("calibrate"), QJsonArray::fromStringList(s.calibrate));
    return root;
}

QByteArray ScenarioWriter::toBytes(const Scenario &scenario) {
    return QJsonDocument(toJson(scenario)).toJson(QJsonDocument::Indented);
}

core::Status ScenarioWriter::writeFile(const Scenario &scenario, const QString &path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return core::Error::io(file.errorString()).inFile(path);
    const QByteArray bytes = toBytes(scenario);
    if (file.write(bytes) != bytes.size() || !file.commit()) return core::Error::io(file.errorString()).inFile(path);
    return {};
}

}  // namespace twin::simulation
