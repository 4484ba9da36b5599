// ScenarioReader / ScenarioWriter: the demo scenario reads as documented (its numbers checked
// against the file's own statement: 75 mg/m2 q21d x 4 as 1-h infusions, 60 Gy in 30 x 2 Gy on
// weekdays, 180 d at 1 h); a written scenario reads back equal; every error names its field;
// the schema and the writer agree on the keys.

#include "ScenarioTestSupport.h"
#include "TestMain.h"

#include "twin/simulation/ScenarioReader.h"
#include "twin/simulation/ScenarioWriter.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <functional>

using namespace twin::simulation;

namespace {

QByteArray bytes(const QJsonObject &o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// The demo file with `edit` applied to its JSON.
QByteArray mutated(const std::function<void(QJsonObject &)> &edit) {
    QJsonObject root = twin::test::readJsonObject(twin::test::demoScenarioPath());
    edit(root);
    return bytes(root);
}

QJsonObject withEntry(QJsonObject root, int index, const char *key, const QJsonValue &value) {
    QJsonArray interventions = root[QStringLiteral("interventions")].toArray();
    QJsonObject entry = interventions[index].toObject();
    if (value.isUndefined())
        entry.remove(QString::fromLatin1(key));
    else
        entry[QString::fromLatin1(key)] = value;
    interventions[index] = entry;
    root[QStringLiteral("interventions")] = interventions;
    return root;
}

}  // namespace

class TestScenarioReader : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void readsTheDemoScenario();
    void roundTripsThroughTheWriter();
    void errorsNameTheirField_data();
    void errorsNameTheirField();
    void missingFileAndBadJsonNameTheFile();
    void schemaAndWriterAgreeOnKeys();
};

void TestScenarioReader::readsTheDemoScenario() {
    const auto read = ScenarioReader::readFile(twin::test::demoScenarioPath());
    QVERIFY2(read.ok(), qPrintable(read.error().message()));
    const Scenario &s = read.value();
    QCOMPARE(s.models, QStringList({"pk", "friberg", "tumour", "ntcp_lkb", "glucose_insulin"}));
    QCOMPARE(s.horizonDays, 180.0);
    QCOMPARE(s.stepHours, 1.0);
    QCOMPARE(s.outputEvery, 1);
    QCOMPARE(s.startWeekday, 1);
    QCOMPARE(s.interventions.size(), std::size_t(2));
    const auto *drug = std::get_if<DosingRegimen>(&s.interventions[0]);
    QVERIFY(drug);
    QCOMPARE(drug->drug, QStringLiteral("docetaxel"));
    QCOMPARE(drug->dose, 75.0);
    QVERIFY(drug->doseUnit == DoseUnit::MgPerM2);
    QVERIFY(drug->route == DoseRoute::IvInfusion);
    QCOMPARE(drug->infusionHours, 1.0);
    QCOMPARE(drug->intervalDays, 21.0);
    QCOMPARE(drug->cycles, 4);
    const auto *rt = std::get_if<RadiotherapySchedule>(&s.interventions[1]);
    QVERIFY(rt);
    QCOMPARE(rt->fractions, 30);
    QCOMPARE(rt->dosePerFractionGy, 2.0);
    QCOMPARE(rt->totalDoseGy, 60.0);
    QVERIFY(rt->schedule == FractionSchedule::Weekdays);
    QVERIFY(s.observations.empty());
}

void TestScenarioReader::roundTripsThroughTheWriter() {
    Scenario s = ScenarioReader::readFile(twin::test::demoScenarioPath()).value();
    // Exercise every kind and optional key: an oral drug, RT with breaks, surgery, observations.
    s.parameters.push_back({QStringLiteral("pk"), QStringLiteral("cl"), 30.5});
    s.interventions.push_back(DosingRegimen{QStringLiteral("capecitabine"), QStringLiteral("pk"), 1000.0, DoseUnit::Mg,
                                            DoseRoute::Oral, 0.0, 0.5, 28, 1.25});
    RadiotherapySchedule boost;
    boost.totalDoseGy = 10.0;
    boost.fractions = 5;
    boost.dosePerFractionGy = 2.0;
    boost.startDay = 50;
    boost.schedule = FractionSchedule::Daily;
    boost.breaks = {{52, 53}};
    boost.timeOfDayHours = 9.5;
    boost.model = QStringLiteral("tumour");
    s.interventions.push_back(boost);
    s.interventions.push_back(SurgeryEvent{120.0, 0.9, QStringLiteral("tumour")});
    s.observations.push_back({QStringLiteral("pk.concentration"), 0.5, 1.25, 0.1, 0.0});
    s.observations.push_back({QStringLiteral("friberg.anc"), 10.0, 2.5, 0.0, 0.2});
    s.calibrate = {QStringLiteral("pk.cl"), QStringLiteral("friberg.mtt")};
    s.startWeekday = 3;

    const QByteArray written = ScenarioWriter::toBytes(s);
    const auto back = ScenarioReader::fromJson(written, QStringLiteral("written.json"));
    QVERIFY2(back.ok(), qPrintable(back.error().message()));
    QCOMPARE(ScenarioWriter::toBytes(back.value()), written);  // and hence every field
    QCOMPARE(back.value().interventions.size(), std::size_t(5));
    const auto *oral = std::get_if<DosingRegimen>(&back.value().interventions[2]);
    QVERIFY(oral && oral->route == DoseRoute::Oral && oral->cycles == 28 && oral->startDay == 1.25);
    QCOMPARE(std::get<RadiotherapySchedule>(back.value().interventions[3]).breaks.front().toDay, 53);
    QCOMPARE(back.value().observations[1].cv, 0.2);
    QCOMPARE(back.value().parameters.front().value, 30.5);
    QCOMPARE(back.value().startWeekday, 3);
}

void TestScenarioReader::errorsNameTheirField_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    using O = QJsonObject;
    QTest::newRow("format") << mutated([](O &r) { r["format"] = "other"; }) << "format";
    QTest::newRow("version") << mutated([](O &r) { r["version"] = 2; }) << "version";
    QTest::newRow("unknown key") << mutated([](O &r) { r["horizon"] = 10; }) << "horizon";
    QTest::newRow("models empty") << mutated([](O &r) { r["twin"] = O{{"models", QJsonArray{}}}; }) << "twin.models";
    QTest::newRow("model twice") << mutated([](O &r) {
        r["twin"] = O{{"models", QJsonArray{"pk", "pk"}}};
    }) << "twin.models[1]";
    QTest::newRow("override model") << mutated([](O &r) {
        r["twin"] = O{{"models", QJsonArray{"pk"}}, {"parameters", O{{"tumour.v0_ml", 3}}}};
        r["interventions"] = QJsonArray{};
    }) << "twin.parameters.tumour.v0_ml";
    QTest::newRow("horizon") << mutated([](O &r) { r["horizonDays"] = 0; }) << "horizonDays";
    QTest::newRow("step") << mutated([](O &r) { r["stepHours"] = 48; }) << "stepHours";
    QTest::newRow("outputEvery") << mutated([](O &r) { r["outputEvery"] = 1.5; }) << "outputEvery";
    QTest::newRow("weekday") << mutated([](O &r) { r["startWeekday"] = "Monday"; }) << "startWeekday";
    QTest::newRow("type") << mutated([](O &r) { r = withEntry(r, 0, "type", "chemo"); }) << "interventions[0].type";
    QTest::newRow("cycles") << mutated([](O &r) { r = withEntry(r, 0, "cycles", 0); }) << "interventions[0].cycles";
    QTest::newRow("cycles misspelt") << mutated([](O &r) { r = withEntry(r, 0, "cylces", 3); })
                                     << "interventions[0].cylces";
    QTest::newRow("dose") << mutated([](O &r) { r = withEntry(r, 0, "dose", -1); }) << "interventions[0].dose";
    QTest::newRow("dose unit") << mutated([](O &r) { r = withEntry(r, 0, "doseUnit", "mg/kg"); })
                               << "interventions[0].doseUnit";
    QTest::newRow("route") << mutated([](O &r) { r = withEntry(r, 0, "route", "im"); }) << "interventions[0].route";
    QTest::newRow("infusion missing") << mutated([](O &r) {
        r = withEntry(r, 0, "infusionHours", QJsonValue::Undefined);
    }) << "interventions[0].infusionHours";
    QTest::newRow("infusion too long") << mutated([](O &r) { r = withEntry(r, 0, "infusionHours", 21 * 24); })
                                       << "interventions[0].infusionHours";
    QTest::newRow("interval") << mutated([](O &r) { r = withEntry(r, 0, "intervalDays", QJsonValue::Undefined); })
                              << "interventions[0].intervalDays";
    QTest::newRow("drug model") << mutated([](O &r) { r = withEntry(r, 0, "model", "pk2"); })
                                << "interventions[0].model";
    QTest::newRow("rt inconsistent") << mutated([](O &r) { r = withEntry(r, 1, "totalDoseGy", 66); })
                                     << "interventions[1].totalDoseGy";
    QTest::newRow("rt fractions") << mutated([](O &r) { r = withEntry(r, 1, "fractions", 0); })
                                  << "interventions[1].fractions";
    QTest::newRow("rt one key") << mutated([](O &r) {
        r = withEntry(withEntry(r, 1, "totalDoseGy", QJsonValue::Undefined), 1, "fractions", QJsonValue::Undefined);
    }) << "interventions[1]";
    QTest::newRow("rt schedule") << mutated([](O &r) { r = withEntry(r, 1, "schedule", "weekly"); })
                                 << "interventions[1].schedule";
    QTest::newRow("rt break") << mutated([](O &r) {
        r = withEntry(r, 1, "breaks", QJsonArray{O{{"fromDay", 5}, {"toDay", 4}}});
    }) << "interventions[1].breaks[0].toDay";
    QTest::newRow("surgery fraction") << mutated([](O &r) {
        QJsonArray a = r["interventions"].toArray();
        a.append(O{{"type", "surgery"}, {"day", 10}, {"resectedFraction", 1.5}});
        r["interventions"] = a;
    }) << "interventions[2].resectedFraction";
    QTest::newRow("observation error") << mutated([](O &r) {
        r["observations"] = QJsonArray{O{{"output", "pk.concentration"}, {"day", 1}, {"value", 1}}};
    }) << "observations[0]";
    QTest::newRow("observation day") << mutated([](O &r) {
        r["observations"] = QJsonArray{O{{"output", "pk.concentration"}, {"day", 181}, {"value", 1}, {"sigma", 0.1}}};
    }) << "observations[0].day";
    QTest::newRow("observation output") << mutated([](O &r) {
        r["observations"] = QJsonArray{O{{"output", "concentration"}, {"day", 1}, {"value", 1}, {"sigma", 0.1}}};
    }) << "observations[0].output";
    QTest::newRow("calibrate") << mutated([](O &r) {
        r["calibrate"] = QJsonArray{"pk.cl", "pk.cl"};
    }) << "calibrate[1]";
}

void TestScenarioReader::errorsNameTheirField() {
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const auto read = ScenarioReader::fromJson(json, QStringLiteral("bad.json"));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().file(), QStringLiteral("bad.json"));
    QCOMPARE(read.error().field(), field);
    QVERIFY2(read.error().message().startsWith(QStringLiteral("bad.json: ") + field + QStringLiteral(": ")),
             qPrintable(read.error().message()));
}

void TestScenarioReader::missingFileAndBadJsonNameTheFile() {
    const auto missing = ScenarioReader::readFile(QStringLiteral("/nonexistent/scenario.json"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().file(), QStringLiteral("/nonexistent/scenario.json"));
    const auto broken = ScenarioReader::fromJson("{\"format\": ", QStringLiteral("broken.json"));
    QVERIFY(!broken.ok());
    QVERIFY(broken.error().message().startsWith(QStringLiteral("broken.json: not JSON")));
}

void TestScenarioReader::schemaAndWriterAgreeOnKeys() {
    // Every key the writer emits must be declared by the schema (which forbids others), and
    // every key the schema declares must be read by the reader (written back by the writer).
    const QJsonObject schema = twin::test::readJsonObject(QStringLiteral(DIDYMOS_SCHEMA_DIR "/scenario.schema.json"));
    QCOMPARE(schema["$schema"].toString(), QStringLiteral("https://json-schema.org/draft/2020-12/schema"));
    const QJsonObject defs = schema["$defs"].toObject();
    Scenario s = ScenarioReader::readFile(twin::test::demoScenarioPath()).value();
    s.interventions.push_back(SurgeryEvent{100.0, 0.5, QString()});
    s.observations.push_back({QStringLiteral("pk.concentration"), 1.0, 1.0, 0.1, 0.0});
    s.calibrate = {QStringLiteral("pk.cl")};
    const QJsonObject written = ScenarioWriter::toJson(s);
    const auto keys = [](const QJsonObject &o) {
        QStringList k = o.keys();
        k.sort();
        return k;
    };
    QCOMPARE(keys(written), keys(schema["properties"].toObject()));
    const QJsonArray interventions = written["interventions"].toArray();
    QCOMPARE(keys(interventions[0].toObject()), keys(defs["drug"]["properties"].toObject()));
    QCOMPARE(keys(interventions[1].toObject()), keys(defs["radiotherapy"]["properties"].toObject()));
    QCOMPARE(keys(interventions[2].toObject()), keys(defs["surgery"]["properties"].toObject()));
    QStringList observationKeys = keys(written["observations"][0].toObject()) << QStringLiteral("cv");
    observationKeys.sort();
    QCOMPARE(observationKeys, keys(defs["observation"]["properties"].toObject()));
}

DIDYMOS_TEST_MAIN(TestScenarioReader)
#include "TestScenarioReader.moc"
