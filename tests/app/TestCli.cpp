// didymos-cli as a script or a pipeline runs it: exit codes, one-line errors, JSON output,
// and no QtWidgets in the headless binary.

#include "CliProcess.h"
#include "TestData.h"
#include "TestMain.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace twin;

namespace {

using Run = test::CliRun;

Run runCli(const QStringList &arguments, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment()) {
    return test::runProgram(QStringLiteral(DIDYMOS_CLI_PATH), arguments, environment);
}

}  // namespace

class TestCli : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void versionAndHelp() {
        const Run version = runCli({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out.trimmed(), QStringLiteral("didymos-cli " DIDYMOS_VERSION));
        const Run help = runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char *command : {"info", "demo"}) QVERIFY(help.out.contains(QLatin1String(command)));
    }

    void badInvocationsGiveOneClearLine_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no command") << QStringList{} << QStringLiteral("no command");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("'frobnicate'");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frob")} << QStringLiteral("'--frob'");
        QTest::newRow("info bad argument") << QStringList{QStringLiteral("info"), QStringLiteral("--yaml")} << QStringLiteral("'--yaml'");
        QTest::newRow("demo without dir") << QStringList{QStringLiteral("demo"), QStringLiteral("write")} << QStringLiteral("missing output directory");
        QTest::newRow("ehr without subcommand") << QStringList{QStringLiteral("ehr")} << QStringLiteral("'summary'");
        QTest::newRow("ehr summary without path") << QStringList{QStringLiteral("ehr"), QStringLiteral("summary")} << QStringLiteral("FILE_OR_DIR");
        QTest::newRow("ehr bad as-of") << QStringList{QStringLiteral("ehr"), QStringLiteral("summary"), QStringLiteral("x.json"), QStringLiteral("--as-of"), QStringLiteral("soon")} << QStringLiteral("'soon'");
        QTest::newRow("demo bad slices") << QStringList{QStringLiteral("demo"), QStringLiteral("write"), QStringLiteral("x"), QStringLiteral("--slices"), QStringLiteral("many")} << QStringLiteral("--slices");
    }
    void badInvocationsGiveOneClearLine() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        const QStringList lines = run.err.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(mentions), qPrintable(lines.first()));
        QVERIFY(lines.first().startsWith(QStringLiteral("didymos-cli")));
    }

    void unwritableDemoTargetFailsNamingThePath() {
        const QString blocker = test::scratchDir(QStringLiteral("cli-unwritable")) + QStringLiteral("/a-file");
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const Run run = runCli({QStringLiteral("demo"), QStringLiteral("write"), blocker + QStringLiteral("/inside")});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(run.err.contains(blocker), qPrintable(run.err));
    }

    void infoJsonListsLibraryVersions() {
        const Run run = runCli({QStringLiteral("info"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QJsonParseError error{};
        const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(root.value(QStringLiteral("didymos")).toObject().value(QStringLiteral("version")).toString(),
                 QStringLiteral(DIDYMOS_VERSION));
        QMap<QString, QString> versions;
        for (const QJsonValue &library : root.value(QStringLiteral("libraries")).toArray()) {
            versions.insert(library.toObject().value(QStringLiteral("name")).toString(),
                            library.toObject().value(QStringLiteral("version")).toString());
        }
        QCOMPARE(versions.value(QStringLiteral("Qt")), QString::fromLatin1(qVersion()));
        QVERIFY(versions.value(QStringLiteral("VTK")).startsWith(QStringLiteral("9.")));
        QVERIFY(versions.value(QStringLiteral("ITK")).startsWith(QStringLiteral("5.")));
        QVERIFY(versions.value(QStringLiteral("DCMTK")).startsWith(QStringLiteral("3.6")));
        QVERIFY(root.value(QStringLiteral("pluginDirectories")).toArray().size() >= 3);
        // With a display (the suite runs under Xvfb) the OpenGL implementation is reported.
        if (!qEnvironmentVariable("DISPLAY").isEmpty()) {
            const QJsonObject gl = root.value(QStringLiteral("opengl")).toObject();
            QVERIFY2(!gl.value(QStringLiteral("renderer")).toString().isEmpty(), qPrintable(run.out));
        }
        // Without one, it says so instead of failing.
        QProcessEnvironment headless = QProcessEnvironment::systemEnvironment();
        headless.remove(QStringLiteral("DISPLAY"));
        const Run noDisplay = runCli({QStringLiteral("info"), QStringLiteral("--json")}, headless);
        QCOMPARE(noDisplay.exitCode, 0);
        const QJsonObject headlessRoot = QJsonDocument::fromJson(noDisplay.out.toUtf8()).object();
        QVERIFY(headlessRoot.value(QStringLiteral("opengl")).isNull());
        QVERIFY(headlessRoot.value(QStringLiteral("openglNote")).toString().contains(QStringLiteral("no display")));
    }

    // `ehr summary --json` on the demo patient's bundle. Expected values by hand from the demo
    // record (phantom: female, born 1958-03-12, 68 kg, 165 cm, serum creatinine 0.9 mg/dL), as of
    // 2026-11-23 (age 68):
    //   BSA (Mosteller)  = sqrt(165 × 68 / 3600)                          = 1.76541 m²
    //   BMI              = 68 / 1.65²                                      = 24.977 kg/m²
    //   CrCl (C–G)       = (140 − 68) × 68 / (72 × 0.9) × 0.85             = 64.222 mL/min
    //   eGFR (CKD-EPI 21)= 142 × (0.9/0.7)^−1.200 × 0.9938^68 × 1.012     = 69.635 mL/min/1.73 m²
    void ehrSummaryJsonOnTheDemoBundle() {
        const QString dir = test::scratchDir(QStringLiteral("cli-ehr-demo"));
        const Run demo = runCli({QStringLiteral("demo"), QStringLiteral("write"), dir, QStringLiteral("--slices"),
                                 QStringLiteral("8"), QStringLiteral("--size"), QStringLiteral("32")});
        QCOMPARE(demo.exitCode, 0);
        const QStringList bundles = QDir(dir + QStringLiteral("/fhir")).entryList({QStringLiteral("*.json")}, QDir::Files);
        QCOMPARE(bundles.size(), 1);
        const Run run = runCli({QStringLiteral("ehr"), QStringLiteral("summary"), dir + QStringLiteral("/fhir/") + bundles.first(),
                                QStringLiteral("--json"), QStringLiteral("--as-of"), QStringLiteral("2026-11-23")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        QJsonParseError error{};
        const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject patient = root.value(QStringLiteral("patient")).toObject();
        QVERIFY(!patient.value(QStringLiteral("id")).toString().isEmpty());
        QCOMPARE(patient.value(QStringLiteral("birthDate")).toString(), QStringLiteral("1958-03-12"));
        QCOMPARE(patient.value(QStringLiteral("sex")).toString(), QStringLiteral("female"));
        QVERIFY(patient.value(QStringLiteral("name")).toString().contains(QStringLiteral("Demo")));

        QMap<QString, QJsonObject> covariates;
        for (const QJsonValue &value : root.value(QStringLiteral("covariates")).toArray()) {
            const QJsonObject covariate = value.toObject();
            for (const char *key : {"name", "value", "unit", "source", "date"}) {
                QVERIFY2(covariate.contains(QLatin1String(key)), key);
            }
            covariates.insert(covariate.value(QStringLiteral("name")).toString(), covariate);
        }
        const auto number = [&](const char *name) { return covariates.value(QLatin1String(name)).value(QStringLiteral("value")).toDouble(); };
        QCOMPARE(number("age"), 68.0);
        QCOMPARE(number("weight"), 68.0);
        QCOMPARE(number("height"), 165.0);
        QVERIFY(qAbs(number("bsa") - 1.76541) < 1e-4);
        QVERIFY(qAbs(number("bmi") - 24.977) < 1e-3);
        QVERIFY(qAbs(number("crcl") - 64.222) < 1e-3);
        QVERIFY(qAbs(number("egfr") - 69.635) < 1e-2);
        QCOMPARE(number("ecog"), 1.0);  // the demo's ECOG observation: LOINC answer LA9623-5 = grade 1
        QCOMPARE(covariates.value(QStringLiteral("bsa")).value(QStringLiteral("unit")).toString(), QStringLiteral("m2"));
        QCOMPARE(covariates.value(QStringLiteral("crcl")).value(QStringLiteral("unit")).toString(), QStringLiteral("mL/min"));
        QVERIFY(covariates.value(QStringLiteral("weight")).value(QStringLiteral("source")).toString().startsWith(QStringLiteral("Observation/")));
        QVERIFY(covariates.value(QStringLiteral("current_medications")).value(QStringLiteral("value")).toString().contains(QStringLiteral("cisplatin")));
        QVERIFY(covariates.value(QStringLiteral("cancer_diagnoses")).value(QStringLiteral("value")).toString().contains(QStringLiteral("stage IIIA")));
        // Missing data stays explicit: the demo record has no procedures.
        QVERIFY(covariates.value(QStringLiteral("prior_radiotherapy")).value(QStringLiteral("value")).isNull());
        QCOMPARE(covariates.value(QStringLiteral("prior_radiotherapy")).value(QStringLiteral("known")).toBool(), false);

        const QJsonObject counts = root.value(QStringLiteral("counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("Patient")).toInt(), 1);
        QVERIFY(counts.value(QStringLiteral("Observation")).toInt() >= 4);
        QCOMPARE(counts.value(QStringLiteral("MedicationRequest")).toInt(), 1);
        QVERIFY(root.value(QStringLiteral("warnings")).isArray());
    }

    void ehrSummaryOfASyntheaCsvFolderPicksThePatient() {
        DIDYMOS_REQUIRE_TEST_DATA(dir, "fhir/synthea-csv-v3");
        // patients.csv row of Maynard46 Mosciski958: Id 3edac2e3-…, BIRTHDATE 2014-10-06, GENDER M.
        const Run run = runCli({QStringLiteral("ehr"), QStringLiteral("summary"), dir, QStringLiteral("--json"),
                                QStringLiteral("--patient"), QStringLiteral("3edac2e3-d223-6fae-d515-daf96ef6bc76")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const QJsonObject patient = root.value(QStringLiteral("patient")).toObject();
        QCOMPARE(patient.value(QStringLiteral("id")).toString(), QStringLiteral("3edac2e3-d223-6fae-d515-daf96ef6bc76"));
        QCOMPARE(patient.value(QStringLiteral("birthDate")).toString(), QStringLiteral("2014-10-06"));
        QCOMPARE(patient.value(QStringLiteral("sex")).toString(), QStringLiteral("male"));
        QVERIFY(root.value(QStringLiteral("counts")).toObject().value(QStringLiteral("Observation")).toInt() > 0);
    }

    void ehrSummaryOfBadInputFailsNamingTheFile() {
        const QString dir = test::scratchDir(QStringLiteral("cli-ehr-bad"));
        const QString broken = dir + QStringLiteral("/broken.json");
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\n  \"resourceType\": \"Bundle\",\n  \"entry\": [ }\n");
        file.close();
        const Run run = runCli({QStringLiteral("ehr"), QStringLiteral("summary"), broken, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(run.err.contains(broken) && run.err.contains(QStringLiteral("line 3")), qPrintable(run.err));

        const Run missing = runCli({QStringLiteral("ehr"), QStringLiteral("summary"), dir + QStringLiteral("/nope.json")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("nope.json")), qPrintable(missing.err));
    }

    void headlessBinaryDoesNotLoadQtWidgets() {
        QProcess ldd;
        ldd.start(QStringLiteral("ldd"), {QStringLiteral(DIDYMOS_CLI_PATH)});
        QVERIFY(ldd.waitForFinished(30000));
        const QString libraries = QString::fromUtf8(ldd.readAllStandardOutput());
        QVERIFY(libraries.contains(QStringLiteral("libQt6Core")));
        QVERIFY2(!libraries.contains(QStringLiteral("libQt6Widgets")), "didymos-cli must not link QtWidgets");
        QVERIFY(!libraries.contains(QStringLiteral("libQt6OpenGLWidgets")));
    }
};

DIDYMOS_TEST_MAIN(TestCli)
#include "TestCli.moc"
