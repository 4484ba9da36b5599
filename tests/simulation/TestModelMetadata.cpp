// ModelMetadata: a valid model.json (the test_decay fixture) parses to exactly what it says,
// with units converted once (validity bounds to the subject's unit, metric scale); every kind
// of mistake is refused with a core::Error that names the plugin file and the field.

#include "TestMain.h"

#include "twin/sim_api/ApiVersion.h"
#include "twin/simulation/ModelMetadata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using twin::core::Error;
using twin::simulation::MetricReduce;
using twin::simulation::ModelMetadata;
using twin::simulation::ParameterKind;
using twin::simulation::ValiditySubjectKind;

namespace {

const QString kFile = QStringLiteral("/plugins/models/didymos_model_test_decay.so");

QJsonObject goodJson() {
    QFile file(QStringLiteral(DIDYMOS_TEST_PLUGIN_SOURCES "/good/model.json"));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

/// Sets the value at a path like "parameters[2].default" (creating nothing but the last key;
/// an undefined value removes it).
QJsonObject withValue(QJsonObject root, const QString &path, const QJsonValue &value) {
    const QStringList parts = path.split(QLatin1Char('.'));
    std::function<QJsonValue(QJsonValue, int)> set = [&](QJsonValue node, int depth) -> QJsonValue {
        QString key = parts.at(depth);
        int index = -1;
        if (key.endsWith(QLatin1Char(']'))) {
            index = key.mid(key.indexOf(QLatin1Char('[')) + 1).chopped(1).toInt();
            key = key.left(key.indexOf(QLatin1Char('[')));
        }
        QJsonObject object = node.toObject();
        const bool last = depth == parts.size() - 1;
        if (index < 0) {
            if (last) {
                if (value.isUndefined())
                    object.remove(key);
                else
                    object[key] = value;
            } else {
                object[key] = set(object.value(key), depth + 1);
            }
        } else {
            QJsonArray array = object.value(key).toArray();
            array[index] = last ? value : set(array.at(index), depth + 1);
            object[key] = array;
        }
        return object;
    };
    return set(root, 0).toObject();
}

}  // namespace

class TestModelMetadata : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void parsesTheFixture();
    void convertsUnitsOnce();
    void ignoresUnknownKeys();
    void acceptsAnOlderOrEqualMinor();
    void errorsNameTheirField_data();
    void errorsNameTheirField();
    void emptyMetadataIsRefused();
};

void TestModelMetadata::parsesTheFixture() {
    const QJsonObject json = goodJson();
    QVERIFY(!json.isEmpty());
    const auto parsed = ModelMetadata::fromJson(json, kFile);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const ModelMetadata &m = parsed.value();
    QCOMPARE(m.pluginFile(), kFile);
    QCOMPARE(m.id(), QStringLiteral("test_decay"));
    QCOMPARE(m.version(), QStringLiteral("1.0.0"));
    QCOMPARE(m.apiMajor(), 1);
    QCOMPARE(m.apiMinor(), 0);
    QCOMPARE(m.vendor(), QStringLiteral("Didymos tests"));
    QCOMPARE(m.references().size(), 1);

    QCOMPARE(m.parameters().size(), std::size_t(3));
    QCOMPARE(m.parameters()[0].id, QStringLiteral("k_per_day"));
    QCOMPARE(m.parameters()[0].unit, QStringLiteral("/d"));
    QCOMPARE(m.parameters()[0].defaultValue, 0.1);
    QCOMPARE(m.parameters()[0].min, 0.001);
    QCOMPARE(m.parameters()[0].max, 10.0);
    QCOMPARE(m.parameters()[0].step, 0.001);
    QVERIFY(m.parameters()[0].kind == ParameterKind::Real);
    QVERIFY(m.parameters()[0].calibratable);
    QCOMPARE(m.parameters()[0].priorCv, 0.3);
    QVERIFY(!m.parameters()[1].calibratable);
    QCOMPARE(m.parameters()[1].priorCv, 0.0);
    QCOMPARE(m.parameters()[2].source, QStringLiteral("covariate:weight_kg"));
    QCOMPARE(m.defaultParameters(), (std::vector<double>{0.1, 0.0, 10.0}));
    QCOMPARE(m.parameterIndex(QStringLiteral("volume_l")), 2);
    QCOMPARE(m.parameterIndex(QStringLiteral("nope")), -1);

    QCOMPARE(m.inputs().size(), std::size_t(1));
    QCOMPARE(m.inputs()[0].unit, QStringLiteral("mg/h"));
    QVERIFY(m.inputs()[0].from.isEmpty());
    QCOMPARE(m.outputs().size(), std::size_t(3));
    QCOMPARE(m.outputIndex(QStringLiteral("concentration")), 2);
    QCOMPARE(m.tables().size(), std::size_t(1));
    QCOMPARE(m.tables()[0].xUnit, QStringLiteral("d"));
    QCOMPARE(m.actions(), (std::vector<std::string>{"iv_bolus", "iv_infusion_start", "iv_infusion_stop", "surgery"}));
    QVERIFY(m.acceptsAction("surgery"));
    QVERIFY(!m.acceptsAction("oral_dose"));

    QCOMPARE(m.metrics().size(), std::size_t(5));
    QVERIFY(m.metrics()[0].reduce == MetricReduce::Max);
    QVERIFY(m.metrics()[1].reduce == MetricReduce::Min);
    QVERIFY(m.metrics()[2].reduce == MetricReduce::Last);
    QCOMPARE(m.metrics()[0].outputIndex, 0);
    QCOMPARE(m.metrics()[0].unit, QStringLiteral("mg"));  // the output's unit when none is given
    QCOMPARE(m.metrics()[0].tableIndex, -1);
    QCOMPARE(m.metrics()[4].tableIndex, 0);

    QCOMPARE(m.validity().size(), std::size_t(4));
    QVERIFY(m.validity()[0].kind == ValiditySubjectKind::Output);
    QCOMPARE(m.validity()[0].index, 0);
    QVERIFY(std::isinf(m.validity()[0].min) && m.validity()[0].min < 0);
    QCOMPARE(m.validity()[0].max, 1000.0);
    QCOMPARE(m.validity()[0].message, QStringLiteral("fixture: validated up to 1 g"));
    QVERIFY(m.validity()[1].kind == ValiditySubjectKind::ActionAmount);
    QCOMPARE(m.validity()[1].actionKind, std::string("iv_bolus"));
    QVERIFY(m.validity()[2].kind == ValiditySubjectKind::Parameter);
    QCOMPARE(m.validity()[2].index, 0);
    QCOMPARE(m.validity()[2].unit, QStringLiteral("/d"));  // no unit given: the subject's
    QVERIFY(m.validity()[3].kind == ValiditySubjectKind::Input);
}

void TestModelMetadata::convertsUnitsOnce() {
    const auto parsed = ModelMetadata::fromJson(goodJson(), kFile);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
    const ModelMetadata &m = parsed.value();
    // Bolus validity written as 0..0.5 g, held in the action's unit mg: 1 g = 1000 mg (UCUM).
    QCOMPARE(m.validity()[1].unit, QStringLiteral("mg"));
    QCOMPARE(m.validity()[1].min, 0.0);
    QCOMPARE(m.validity()[1].max, 500.0);
    // Metric elimination_max_mg_per_h reports an output in mg/d as mg/h: 1 d = 24 h.
    const auto &metric = m.metrics()[3];
    QCOMPARE(metric.unit, QStringLiteral("mg/h"));
    QVERIFY(std::abs(metric.scale - 1.0 / 24.0) < 1e-15);
    QCOMPARE(metric.offset, 0.0);
    QCOMPARE(m.metrics()[0].scale, 1.0);  // same unit: exactly 1
}

void TestModelMetadata::ignoresUnknownKeys() {
    // A newer minor API may add optional keys; an older host must not refuse them.
    QJsonObject json = withValue(goodJson(), QStringLiteral("futureKey"), QJsonArray{1, 2});
    json = withValue(json, QStringLiteral("parameters[0].futureHint"), QStringLiteral("x"));
    const auto parsed = ModelMetadata::fromJson(json, kFile);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message()));
}

void TestModelMetadata::acceptsAnOlderOrEqualMinor() {
    const QString current = QStringLiteral("%1.%2").arg(twin::sim_api::kApiMajor).arg(twin::sim_api::kApiMinor);
    QVERIFY(ModelMetadata::fromJson(withValue(goodJson(), QStringLiteral("apiVersion"), current), kFile).ok());
    const QString newer = QStringLiteral("%1.%2").arg(twin::sim_api::kApiMajor).arg(twin::sim_api::kApiMinor + 1);
    const auto refused = ModelMetadata::fromJson(withValue(goodJson(), QStringLiteral("apiVersion"), newer), kFile);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().field(), QStringLiteral("apiVersion"));
    QVERIFY(refused.error().code() == Error::Code::Unsupported);
}

void TestModelMetadata::errorsNameTheirField_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("says");
    const QJsonValue removed(QJsonValue::Undefined);
    QTest::newRow("id pattern") << "id" << QJsonValue("Test-Decay") << "id"
                                << "not an id";
    QTest::newRow("name missing") << "name" << removed << "name"
                                  << "missing";
    QTest::newRow("version type") << "version" << QJsonValue(1) << "version"
                                  << "must be a string";
    QTest::newRow("apiVersion form") << "apiVersion" << QJsonValue("1") << "apiVersion"
                                     << "major.minor";
    QTest::newRow("apiVersion major") << "apiVersion" << QJsonValue("2.0") << "apiVersion"
                                      << "2.0";
    QTest::newRow("default above max") << "parameters[2].default" << QJsonValue(1000) << "parameters[2].default"
                                       << "outside [0.1, 100]";
    QTest::newRow("min above max") << "parameters[1].min" << QJsonValue(1e6) << "parameters[1].min"
                                   << "above max";
    QTest::newRow("default missing") << "parameters[0].default" << removed << "parameters[0].default"
                                     << "missing";
    QTest::newRow("kind unknown") << "parameters[0].kind" << QJsonValue("complex") << "parameters[0].kind"
                                  << "real or integer";
    QTest::newRow("integer not integral") << "parameters[0].kind" << QJsonValue("integer") << "parameters[0].default"
                                          << "not an integer";
    QTest::newRow("unit not UCUM") << "parameters[1].unit" << QJsonValue("mcg") << "parameters[1].unit"
                                   << "mcg";
    QTest::newRow("source malformed") << "parameters[2].source" << QJsonValue("ehr:weight") << "parameters[2].source"
                                      << "covariate:<id>";
    QTest::newRow("priorCv negative") << "parameters[0].priorCv" << QJsonValue(-0.1) << "parameters[0].priorCv"
                                      << "positive";
    QTest::newRow("calibratable type") << "parameters[0].calibratable" << QJsonValue("yes")
                                       << "parameters[0].calibratable"
                                       << "true or false";
    QTest::newRow("parameter id twice") << "parameters[1].id" << QJsonValue("k_per_day") << "parameters[1].id"
                                        << "declared twice";
    QTest::newRow("parameter not object") << "parameters[1]" << QJsonValue(3) << "parameters[1]"
                                          << "an object";
    QTest::newRow("from malformed") << "inputs[0].from" << QJsonValue("pk") << "inputs[0].from"
                                    << "<model>.<output>";
    QTest::newRow("input default") << "inputs[0].default" << removed << "inputs[0].default"
                                   << "missing";
    QTest::newRow("output unit empty") << "outputs[1].unit" << QJsonValue("") << "outputs[1].unit"
                                       << "empty";
    QTest::newRow("no outputs") << "outputs" << QJsonValue(QJsonArray()) << "outputs"
                                << "at least one output";
    QTest::newRow("table unit") << "tables[0].xUnit" << QJsonValue("days") << "tables[0].xUnit"
                                << "days";
    QTest::newRow("action unknown") << "actions[1]" << QJsonValue("teleport") << "actions[1]"
                                    << "teleport";
    QTest::newRow("action twice") << "actions[2]" << QJsonValue("iv_bolus") << "actions[2]"
                                  << "twice";
    QTest::newRow("metric output") << "metrics[0].output" << QJsonValue("nope") << "metrics[0].output"
                                   << "not an output";
    QTest::newRow("metric reduce") << "metrics[1].reduce" << QJsonValue("mean") << "metrics[1].reduce"
                                   << "max, min or last";
    QTest::newRow("metric table") << "metrics[4].requiresTable" << QJsonValue("dvh_lung") << "metrics[4].requiresTable"
                                  << "not a table";
    QTest::newRow("metric unit") << "metrics[3].unit" << QJsonValue("Gy") << "metrics[3].unit"
                                 << "does not convert";
    QTest::newRow("validity subject") << "validity[0].subject" << QJsonValue("output:nope") << "validity[0].subject"
                                      << "names no output";
    QTest::newRow("validity form") << "validity[3].subject" << QJsonValue("weird") << "validity[3].subject"
                                   << "parameter:<id>";
    QTest::newRow("validity action") << "validity[1].subject" << QJsonValue("action:rt_fraction.amount")
                                     << "validity[1].subject"
                                     << "does not accept";
    QTest::newRow("validity min > max") << "validity[2].min" << QJsonValue(5) << "validity[2].min"
                                        << "above max";
    QTest::newRow("validity unit") << "validity[0].unit" << QJsonValue("mL") << "validity[0].unit"
                                   << "does not convert";
    QTest::newRow("validity no bounds") << "validity[0].max" << removed << "validity[0]"
                                        << "min, max or both";
}

void TestModelMetadata::errorsNameTheirField() {
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);
    QFETCH(QString, says);
    const QJsonObject good = goodJson();
    QVERIFY(!good.isEmpty());
    QVERIFY(ModelMetadata::fromJson(good, kFile).ok());  // the mutation below is the only fault
    const auto parsed = ModelMetadata::fromJson(withValue(good, path, value), kFile);
    QVERIFY(!parsed.ok());
    const Error &error = parsed.error();
    QCOMPARE(error.file(), kFile);
    QCOMPARE(error.field(), field);
    QVERIFY2(error.message().startsWith(kFile + QStringLiteral(": ") + field + QStringLiteral(": ")),
             qPrintable(error.message()));
    QVERIFY2(error.what().contains(says), qPrintable(error.message()));
}

void TestModelMetadata::emptyMetadataIsRefused() {
    const auto parsed = ModelMetadata::fromJson(QJsonObject(), kFile);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().file(), kFile);
    QCOMPARE(parsed.error().field(), QStringLiteral("MetaData"));
}

DIDYMOS_TEST_MAIN(TestModelMetadata)
#include "TestModelMetadata.moc"
