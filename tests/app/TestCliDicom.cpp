// `didymos-cli dicom scan`: exit codes, one-line errors, text and JSON listings, problems.

#include "CliProcess.h"
#include "TestData.h"
#include "TestMain.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace twin;

namespace {

using Run = test::CliRun;

Run runCli(const QStringList &arguments) {
    return test::runProgramIsolated(QStringLiteral(DIDYMOS_CLI_PATH), arguments, QStringLiteral("cli-dicom-home"));
}

}  // namespace

class TestCliDicom : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void badInvocationsGiveOneClearLine_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no subcommand") << QStringList{QStringLiteral("dicom")} << 2 << QStringLiteral("'scan'");
        QTest::newRow("no dir") << QStringList{QStringLiteral("dicom"), QStringLiteral("scan")} << 2 << QStringLiteral("missing DIR");
        QTest::newRow("bad option") << QStringList{QStringLiteral("dicom"), QStringLiteral("scan"), QStringLiteral("x"), QStringLiteral("--yaml")}
                                    << 2 << QStringLiteral("'--yaml'");
        QTest::newRow("index without file") << QStringList{QStringLiteral("dicom"), QStringLiteral("scan"), QStringLiteral("x"), QStringLiteral("--index")}
                                            << 2 << QStringLiteral("'--index'");
        QTest::newRow("missing dir") << QStringList{QStringLiteral("dicom"), QStringLiteral("scan"), QStringLiteral("/nonexistent/dicom-folder")}
                                     << 1 << QStringLiteral("/nonexistent/dicom-folder");
    }
    void badInvocationsGiveOneClearLine() {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY(run.out.isEmpty());
        const QStringList lines = run.err.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(mentions), qPrintable(lines.first()));
        QVERIFY(lines.first().startsWith(QStringLiteral("didymos-cli dicom")));
    }

    void scanSarcomaAsJson() {
        DIDYMOS_REQUIRE_TEST_DATA(folder, "dicom/ct-mr-pet-sarcoma-rtstruct");
        const QString index = test::scratchDir(QStringLiteral("cli-dicom-json")) + QStringLiteral("/index.sqlite");
        const Run run = runCli({QStringLiteral("dicom"), QStringLiteral("scan"), folder, QStringLiteral("--index"), index,
                                QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray patients = root.value(QStringLiteral("patients")).toArray();
        QCOMPARE(patients.size(), 1);
        const QJsonArray studies = patients.first().toObject().value(QStringLiteral("studies")).toArray();
        QCOMPARE(studies.size(), 1);
        const QJsonArray series = studies.first().toObject().value(QStringLiteral("series")).toArray();
        QVERIFY(series.size() >= 4);
        int instances = 0;
        for (const QJsonValue &s : series) instances += s.toObject().value(QStringLiteral("instances")).toInt();
        const int dcmFiles = [&] {
            int n = 0;
            QDirIterator it(folder, {QStringLiteral("*.dcm")}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) { it.next(); ++n; }
            return n;
        }();
        QCOMPARE(instances, dcmFiles);
        const QJsonObject scan = root.value(QStringLiteral("scan")).toObject();
        QCOMPARE(scan.value(QStringLiteral("new")).toInt(), dcmFiles);
        QVERIFY(root.value(QStringLiteral("problems")).toArray().isEmpty());
        QVERIFY(QFile::exists(index));

        // Again: nothing new, the same listing.
        const Run again = runCli({QStringLiteral("dicom"), QStringLiteral("scan"), folder, QStringLiteral("--index"), index,
                                  QStringLiteral("--json")});
        QCOMPARE(again.exitCode, 0);
        const QJsonObject second = QJsonDocument::fromJson(again.out.toUtf8()).object();
        QCOMPARE(second.value(QStringLiteral("scan")).toObject().value(QStringLiteral("new")).toInt(), 0);
        QCOMPARE(second.value(QStringLiteral("patients")), root.value(QStringLiteral("patients")));
    }

    void scanMalformedListsProblemsAsText() {
        DIDYMOS_REQUIRE_TEST_DATA(folder, "dicom/dicom-malformed");
        const QString index = test::scratchDir(QStringLiteral("cli-dicom-text")) + QStringLiteral("/index.sqlite");
        const Run run = runCli({QStringLiteral("dicom"), QStringLiteral("scan"), folder, QStringLiteral("--index"), index});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith(QStringLiteral("Scanned ")));
        QVERIFY2(run.out.contains(QStringLiteral("Problems (")), qPrintable(run.out));
        QVERIFY(run.out.contains(folder + QLatin1Char('/')));
    }

    void defaultIndexIsInTheUserDataFolder() {
        DIDYMOS_REQUIRE_TEST_DATA(folder, "dicom/dicom-encodings");
        const Run run = runCli({QStringLiteral("dicom"), QStringLiteral("scan"), folder});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("dicom-index.sqlite")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("/cli-dicom-home/")), qPrintable(run.out));
    }
};

DIDYMOS_TEST_MAIN(TestCliDicom)
#include "TestCliDicom.moc"
