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

    // The per-series contract of `dicom scan --json`. Expected values from the CT's own headers
    // (dcmdump): Rows 134, Columns 136, PixelSpacing 0.976562, 47 slices 3.27 mm apart, axial
    // ImageOrientationPatient 1\0\0\0\1\0, implicit VR little endian.
    void scanJsonGivesEachSeriesGrid() {
        DIDYMOS_REQUIRE_TEST_DATA(folder, "dicom/ct-mr-pet-sarcoma-rtstruct");
        const QString index = test::scratchDir(QStringLiteral("cli-dicom-grid")) + QStringLiteral("/index.sqlite");
        const Run run = runCli({QStringLiteral("dicom"), QStringLiteral("scan"), folder, QStringLiteral("--index"), index,
                                QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray series = QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("series")).toArray();
        QCOMPARE(series.size(), 6);
        int rtstructs = 0;
        for (const QJsonValue &value : series) {
            const QJsonObject s = value.toObject();
            for (const char *key : {"seriesInstanceUID", "studyInstanceUID", "patientId", "modality", "rows", "columns",
                                    "slices", "spacing", "origin", "direction", "transferSyntaxes", "warnings"}) {
                QVERIFY2(s.contains(QLatin1String(key)), key);
            }
            if (s.value(QStringLiteral("modality")).toString() == QStringLiteral("RTSTRUCT")) {
                ++rtstructs;
                QVERIFY(s.value(QStringLiteral("rows")).isNull());  // no image grid, and the reason
                QVERIFY(!s.value(QStringLiteral("warnings")).toArray().isEmpty());
                continue;
            }
            if (s.value(QStringLiteral("modality")).toString() != QStringLiteral("CT")) continue;
            QCOMPARE(s.value(QStringLiteral("rows")).toInt(), 134);
            QCOMPARE(s.value(QStringLiteral("columns")).toInt(), 136);
            QCOMPARE(s.value(QStringLiteral("slices")).toInt(), 47);
            const QJsonArray spacing = s.value(QStringLiteral("spacing")).toArray();
            QVERIFY(qAbs(spacing[0].toDouble() - 0.976562) < 1e-6 && qAbs(spacing[2].toDouble() - 3.27) < 1e-3);
            const QJsonArray direction = s.value(QStringLiteral("direction")).toArray();
            QCOMPARE(direction.size(), 9);
            for (int i = 0; i < 9; ++i) QVERIFY(qAbs(direction[i].toDouble() - (i % 4 == 0 ? 1.0 : 0.0)) < 1e-6);
            QCOMPARE(s.value(QStringLiteral("transferSyntaxes")).toArray().first().toString(), QStringLiteral("1.2.840.10008.1.2"));
            QCOMPARE(s.value(QStringLiteral("patientId")).toString(), QStringLiteral("STS_019"));
        }
        QCOMPARE(rtstructs, 3);
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
