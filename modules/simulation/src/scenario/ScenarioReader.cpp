// ScenarioReader: the root object, the twin, the time grid, observations and the calibrate
// list; interventions are read by ScenarioInterventionReader. Format: Scenario.h.

#include "twin/simulation/ScenarioReader.h"

#include "scenario/ScenarioFieldReader.h"
#include "scenario/ScenarioInterventionReader.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <cmath>
#include <memory>

namespace twin::simulation {

namespace {

const QString kFormat = QStringLiteral("didymos-scenario");

bool isId(const QString &id) {
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9_]*$"));
    return pattern.match(id).hasMatch();
}

/// Splits "<model>.<id>" and checks that the model is one of `models`; fails at `field`.
bool splitQualified(ScenarioFieldReader &r, const QString &field, const QString &qualified, const QStringList &models,
                    QString &model, QString &id) {
    const qsizetype dot = qualified.indexOf(QLatin1Char('.'));
    model = qualified.left(dot);
    id = qualified.mid(dot + 1);
    if (dot <= 0 || !isId(model) || !isId(id)) {
        r.fail(field, QStringLiteral("\"%1\" is not \"<model>.<id>\"").arg(qualified));
        return false;
    }
    if (!models.contains(model)) {
        r.fail(
            field,
            QStringLiteral("model \"%1\" is not among twin.models (%2)").arg(model, models.join(QStringLiteral(", "))));
        return false;
    }
    return true;
}

void readTwin(ScenarioFieldReader &root, Scenario &s) {
    ScenarioFieldReader twin = root.child(QStringLiteral("twin"), root.object(QStringLiteral("twin"), true));
    const QJsonArray models = twin.array(QStringLiteral("models"), true);
    if (!twin.failed() && models.isEmpty())
        twin.fail(twin.field(QStringLiteral("models")), QStringLiteral("must name at least one model"));
    for (qsizetype i = 0; i < models.size() && !twin.failed(); ++i) {
        const QString field = QStringLiteral("%1[%2]").arg(twin.field(QStringLiteral("models"))).arg(i);
        const QString id = models.at(i).toString();
        if (!models.at(i).isString() || !isId(id))
            twin.fail(field, QStringLiteral("must be a model id [a-z][a-z0-9_]*"));
        else if (s.models.contains(id))
            twin.fail(field, QStringLiteral("\"%1\" is listed twice").arg(id));
        s.models << id;
    }
    const QJsonObject parameters = twin.object(QStringLiteral("parameters"), false);
    for (auto it = parameters.constBegin(); it != parameters.constEnd() && !twin.failed(); ++it) {
        const QString field = twin.field(QStringLiteral("parameters")) + QLatin1Char('.') + it.key();
        ScenarioParameterOverride o;
        if (!splitQualified(twin, field, it.key(), s.models, o.model, o.parameter)) break;
        if (!it->isDouble() || !std::isfinite(it->toDouble())) {
            twin.fail(field, QStringLiteral("must be a number"));
            break;
        }
        o.value = it->toDouble();
        s.parameters.push_back(o);
    }
    twin.rejectUnknownKeys();
}

void readTime(ScenarioFieldReader &r, Scenario &s) {
    s.horizonDays = r.number(QStringLiteral("horizonDays"));
    if (!r.failed() && !(s.horizonDays > 0.0 && s.horizonDays <= 3650.0))
        r.fail(r.field(QStringLiteral("horizonDays")),
               QStringLiteral("must be in (0, 3650] (is %1)").arg(s.horizonDays));
    s.stepHours = r.number(QStringLiteral("stepHours"), 1.0);
    if (!r.failed() && !(s.stepHours > 0.0 && s.stepHours <= 24.0))
        r.fail(r.field(QStringLiteral("stepHours")), QStringLiteral("must be in (0, 24] (is %1)").arg(s.stepHours));
    s.outputEvery = r.integer(QStringLiteral("outputEvery"), 1);
    if (!r.failed() && s.outputEvery < 1)
        r.fail(r.field(QStringLiteral("outputEvery")),
               QStringLiteral("must be an integer >= 1 (is %1)").arg(s.outputEvery));
    if (!r.failed() && s.horizonDays / s.dtDays() / s.outputEvery > 2e6)
        r.fail(r.field(QStringLiteral("outputEvery")),
               QStringLiteral("more than 2 million recorded times; record less often"));
    const QString weekday = r.text(QStringLiteral("startWeekday"), QStringLiteral("monday"));
    s.startWeekday = Scenario::weekdayFromName(weekday);
    if (!r.failed() && s.startWeekday == 0)
        r.fail(r.field(QStringLiteral("startWeekday")),
               QStringLiteral("must be a weekday in lower case, monday … sunday (is \"%1\")").arg(weekday));
}

void readObservations(ScenarioFieldReader &r, Scenario &s) {
    const QJsonArray observations = r.array(QStringLiteral("observations"), false);
    for (qsizetype i = 0; i < observations.size() && !r.failed(); ++i) {
        ScenarioFieldReader o = r.element(QStringLiteral("observations"), i, observations.at(i));
        ScenarioObservation obs;
        obs.output = o.text(QStringLiteral("output"));
        QString model, output;
        if (!o.failed()) splitQualified(o, o.field(QStringLiteral("output")), obs.output, s.models, model, output);
        obs.day = o.number(QStringLiteral("day"));
        if (!o.failed() && !(obs.day >= 0.0 && obs.day <= s.horizonDays))
            o.fail(o.field(QStringLiteral("day")),
                   QStringLiteral("must be within the horizon [0, %1] (is %2)").arg(s.horizonDays).arg(obs.day));
        obs.value = o.number(QStringLiteral("value"));
        const bool hasSigma = o.has(QStringLiteral("sigma")), hasCv = o.has(QStringLiteral("cv"));
        obs.sigma = o.number(QStringLiteral("sigma"), 0.0);
        obs.cv = o.number(QStringLiteral("cv"), 0.0);
        if (!o.failed() && hasSigma == hasCv) o.fail(o.path(), QStringLiteral("needs exactly one of sigma and cv"));
        if (!o.failed() && hasSigma && !(obs.sigma > 0.0))
            o.fail(o.field(QStringLiteral("sigma")), QStringLiteral("must be > 0 (is %1)").arg(obs.sigma));
        if (!o.failed() && hasCv && !(obs.cv > 0.0))
            o.fail(o.field(QStringLiteral("cv")), QStringLiteral("must be > 0 (is %1)").arg(obs.cv));
        if (!o.failed() && hasCv && !(obs.value > 0.0))
            o.fail(o.field(QStringLiteral("value")),
                   QStringLiteral("must be > 0 with a proportional error (cv) (is %1)").arg(obs.value));
        o.rejectUnknownKeys();
        s.observations.push_back(obs);
    }
    const QJsonArray calibrate = r.array(QStringLiteral("calibrate"), false);
    for (qsizetype i = 0; i < calibrate.size() && !r.failed(); ++i) {
        const QString field = QStringLiteral("calibrate[%1]").arg(i);
        const QString key = calibrate.at(i).toString();
        QString model, parameter;
        if (!calibrate.at(i).isString())
            r.fail(field, QStringLiteral("must be \"<model>.<parameter>\""));
        else if (splitQualified(r, field, key, s.models, model, parameter) && s.calibrate.contains(key))
            r.fail(field, QStringLiteral("\"%1\" is listed twice").arg(key));
        s.calibrate << key;
    }
}

}  // namespace

core::Result<Scenario> ScenarioReader::readFile(const QString &path) {
    QFile file(path);
    if (!file.exists()) return core::Error::notFound(QStringLiteral("no such file")).inFile(path);
    if (!file.open(QIODevice::ReadOnly)) return core::Error::io(file.errorString()).inFile(path);
    return fromJson(file.readAll(), path);
}

core::Result<Scenario> ScenarioReader::fromJson(const QByteArray &json, const QString &file) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return core::Error::invalidInput(
                   QStringLiteral("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset))
            .inFile(file);
    if (!document.isObject())
        return core::Error::invalidInput(QStringLiteral("the scenario must be a JSON object")).inFile(file);
    return fromObject(document.object(), file);
}

core::Result<Scenario> ScenarioReader::fromObject(const QJsonObject &root, const QString &file) {
    auto error = std::make_shared<std::optional<core::Error>>();
    ScenarioFieldReader r(root, QString(), file, error);
    Scenario s;
    const QString format = r.text(QStringLiteral("format"));
    if (!r.failed() && format != kFormat)
        r.fail(QStringLiteral("format"), QStringLiteral("must be \"%1\" (is \"%2\")").arg(kFormat, format));
    const int version = r.integer(QStringLiteral("version"));
    if (!r.failed() && version != Scenario::kFormatVersion)
        r.fail(QStringLiteral("version"), QStringLiteral("version %1 is not supported (this build reads %2)")
                                              .arg(version)
                                              .arg(Scenario::kFormatVersion));
    s.name = r.text(QStringLiteral("name"), QString());
    s.description = r.text(QStringLiteral("description"), QString());
    readTwin(r, s);
    readTime(r, s);
    const QJsonArray interventions = r.array(QStringLiteral("interventions"), false);
    for (qsizetype i = 0; i < interventions.size() && !r.failed(); ++i) {
        ScenarioFieldReader entry = r.element(QStringLiteral("interventions"), i, interventions.at(i));
        if (entry.failed()) break;
        s.interventions.push_back(ScenarioInterventionReader::read(entry, s.models));
    }
    readObservations(r, s);
    r.rejectUnknownKeys();
    if (error->has_value()) return **error;
    return s;
}

}  // namespace twin::simulation
