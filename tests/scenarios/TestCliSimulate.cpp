// `didymos-cli simulate` as a script runs it: --demo writes the documented JSON shape (series
// with id/unit/t/values, the required metrics, inputs with their origin and population-default
// flags, models, warnings), byte-identical twice; a case folder written by `demo write` runs
// as --case; CSV has one column per series with its unit; prior-predictive
// bands; usage errors exit 2 and failures exit 1 with one line naming the file and field.

#include "CliProcess.h"
#include "TestData.h"
#include "TestMain.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace twin;

namespace {

const QString kCli = QStringLiteral(DIDYMOS_CLI_PATH);

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestCliSimulate : public test::StrictTestCase {
    Q_OBJECT
    QString scratch_;
    QByteArray first_;
    QJsonObject json_;

private slots:
    void initTestCase();
    void demoJsonHasTheDocumentedShape();
    void demoIsByteIdenticalTwice();
    void caseFolderAndCsv();
    void bandsArePriorPredictiveWithoutObservations();
    void errorsExitWithOneLine();
};

void TestCliSimulate::initTestCase() {
    scratch_ = test::scratchDir(QStringLiteral("cli-simulate"));
    const test::CliRun run = test::runProgram(kCli, {"simulate", "--demo", "--out", scratch_ + "/a.json"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    first_ = readAll(scratch_ + "/a.json");
    json_ = QJsonDocument::fromJson(first_).object();
    QVERIFY(!json_.isEmpty());
}

void TestCliSimulate::demoJsonHasTheDocumentedShape() {
    const QJsonArray series = json_["series"].toArray();
    QVERIFY(series.size() >= 40);
    bool concentration = false;
    for (const QJsonValue &v : series) {
        const QJsonObject s = v.toObject();
        QVERIFY(s["id"].toString().contains('.'));
        QVERIFY(s.contains("unit"));
        QCOMPARE(s["t"].toArray().size(), 180 * 24 + 1);
        QCOMPARE(s["values"].toArray().size(), 180 * 24 + 1);
        if (s["id"] == QStringLiteral("pk.concentration")) concentration = s["unit"] == QStringLiteral("mg/L");
    }
    QVERIFY(concentration);
    QStringList metricIds;
    for (const QJsonValue &v : json_["metrics"].toArray()) {
        metricIds << v["id"].toString();
        QVERIFY2(v["value"].isDouble() && std::isfinite(v["value"].toDouble()), qPrintable(v["id"].toString()));
        QVERIFY(v.toObject().contains("unit"));
    }
    for (const char *id : {"auc", "cmax", "anc_nadir", "tumour_volume_end_ml", "tcp", "ntcp_lung"})
        QVERIFY2(metricIds.contains(QLatin1String(id)), id);
    bool bsaFromTwin = false, flaggedDefault = false;
    for (const QJsonValue &v : json_["inputs"].toArray()) {
        const QJsonObject i = v.toObject();
        QVERIFY(i.contains("source") && i.contains("origin") && i.contains("provenance") &&
                i.contains("populationDefault"));
        if (i["parameter"] == QStringLiteral("bsa_m2")) bsaFromTwin = i["origin"] == QStringLiteral("twin");
        if (i["populationDefault"].toBool())
            flaggedDefault = i["origin"] == QStringLiteral("population default") && !i["source"].toString().isEmpty();
    }
    QVERIFY(bsaFromTwin);
    QVERIFY(flaggedDefault);  // e.g. the tumour doubling time: one scan gives no growth rate
    QCOMPARE(json_["models"].toArray().size(), 5);
    QVERIFY(json_["models"][0]["plugin"].toString().startsWith("didymos_model_"));
    QVERIFY(json_["models"][0].toObject().contains("version"));
    QVERIFY(json_["warnings"].isArray());
    QVERIFY(!json_.contains("calibration"));
    QVERIFY(!first_.contains(scratch_.toUtf8()) && !first_.contains("/tmp/"));  // no absolute paths
}

void TestCliSimulate::demoIsByteIdenticalTwice() {
    const test::CliRun run = test::runProgram(kCli, {"simulate", "--demo", "--out", scratch_ + "/b.json"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(readAll(scratch_ + "/b.json") == first_);
}

void TestCliSimulate::caseFolderAndCsv() {
    const QString demo = scratch_ + "/demo";
    const test::CliRun write = test::runProgram(kCli, {"demo", "write", demo, "--size", "128", "--slices", "60"});
    QVERIFY2(write.exitCode == 0, qPrintable(write.err));
    const test::CliRun run = test::runProgram(
        kCli, {"simulate", "--case", demo, "--scenario",
               QStringLiteral(DIDYMOS_SCENARIO_DIR "/demo-chemoradiation.json"), "--out", scratch_ + "/case.csv"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QList<QByteArray> lines = readAll(scratch_ + "/case.csv").split('\n');
    QCOMPARE(lines.size(), 180 * 24 + 1 + 2);  // header, rows, final newline
    const QList<QByteArray> header = lines.first().split(',');
    QCOMPARE(header.first(), QByteArray("t [d]"));
    QVERIFY(header.contains("pk.concentration [mg/L]"));
    QVERIFY(header.contains("tumour.tumour_volume_ml [mL]"));
    QCOMPARE(lines[1].split(',').size(), header.size());
    QCOMPARE(lines[25].split(',').first().toDouble(), 1.0);  // hour 24 = day 1
}

void TestCliSimulate::bandsArePriorPredictiveWithoutObservations() {
    QFile scenario(scratch_ + "/pk-only.json");
    QVERIFY(scenario.open(QIODevice::WriteOnly));
    scenario.write(R"({"format": "didymos-scenario", "version": 1, "twin": {"models": ["pk"]}, "horizonDays": 2,
        "interventions": [{"type": "drug", "drug": "docetaxel", "dose": 75, "doseUnit": "mg/m2", "route": "iv_infusion", "infusionHours": 1}]})");
    scenario.close();
    const test::CliRun run = test::runProgram(kCli, {"simulate", "--demo", "--scenario", scenario.fileName(), "--bands",
                                                     "50", "--out", scratch_ + "/bands.json"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject o = QJsonDocument::fromJson(readAll(scratch_ + "/bands.json")).object();
    QCOMPARE(o["calibration"]["observations"].toInt(), 0);
    QCOMPARE(o["calibration"]["bands"]["samples"].toInt(), 50);
    for (const QJsonValue &s : o["series"].toArray()) {
        if (s["id"] != QStringLiteral("pk.concentration")) continue;
        const double v = s["values"][2].toDouble(), lo = s["lower"][2].toDouble(), hi = s["upper"][2].toDouble();
        QVERIFY2(lo < v && v < hi, qPrintable(QStringLiteral("%1 %2 %3").arg(lo).arg(v).arg(hi)));
        return;
    }
    QFAIL("no pk.concentration series");
}

void TestCliSimulate::errorsExitWithOneLine() {
    QCOMPARE(test::runProgram(kCli, {"simulate", "--demo"}).exitCode, 2);                                // no --out
    QCOMPARE(test::runProgram(kCli, {"simulate", "--demo", "--out", scratch_ + "/x.txt"}).exitCode, 2);  // extension
    QCOMPARE(test::runProgram(kCli, {"simulate", "--case", scratch_, "--out", scratch_ + "/x.json"}).exitCode,
             2);  // no scenario
    QCOMPARE(test::runProgram(kCli, {"simulate", "--demo", "--bands", "3", "--out", scratch_ + "/x.json"}).exitCode, 2);
    QFile bad(scratch_ + "/bad.json");
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"format": "didymos-scenario", "version": 1, "twin": {"models": ["pk"]}, "horizonDays": 10,
        "interventions": [{"type": "drug", "drug": "d", "dose": 10, "doseUnit": "mg", "route": "iv_bolus", "cycles": 0}]})");
    bad.close();
    const test::CliRun field =
        test::runProgram(kCli, {"simulate", "--demo", "--scenario", bad.fileName(), "--out", scratch_ + "/x.json"});
    QCOMPARE(field.exitCode, 1);
    QCOMPARE(field.err.count('\n'), 1);
    QVERIFY2(field.err.contains(bad.fileName() + ": interventions[0].cycles: "), qPrintable(field.err));
    const test::CliRun missing = test::runProgram(
        kCli, {"simulate", "--case", scratch_ + "/none", "--scenario",
               QStringLiteral(DIDYMOS_SCENARIO_DIR "/demo-chemoradiation.json"), "--out", scratch_ + "/x.json"});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains(scratch_ + "/none"));
    QVERIFY(!QFile::exists(scratch_ + "/x.json"));
}

DIDYMOS_TEST_MAIN(TestCliSimulate)
#include "TestCliSimulate.moc"
