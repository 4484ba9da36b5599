// didymos-cli as a script or a pipeline runs it: exit codes, one-line errors, JSON output,
// and no QtWidgets in the headless binary.

#include "TestMain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace twin;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(DIDYMOS_CLI_PATH), arguments);
    if (!process.waitForFinished(120000)) return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
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
