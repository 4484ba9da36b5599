// `didymos-cli dicom export --series DIR --out FILE`: the demo CT written as NRRD and NIfTI
// reads back with ITK on the series' grid; bad invocations give one clear line.

#include "CliProcess.h"
#include "TestData.h"
#include "TestMain.h"

#include <itkImage.h>
#include <itkImageFileReader.h>
#include <itkNiftiImageIOFactory.h>
#include <itkMetaImageIOFactory.h>
#include <itkNrrdImageIOFactory.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace twin;

namespace {

using Run = test::CliRun;

Run runCli(const QStringList &arguments) {
    return test::runProgramIsolated(QStringLiteral(DIDYMOS_CLI_PATH), arguments, QStringLiteral("cli-dicom-export-home"));
}

}  // namespace

class TestCliDicomExport : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase() {
        itk::NrrdImageIOFactory::RegisterOneFactory();
        itk::NiftiImageIOFactory::RegisterOneFactory();
        itk::MetaImageIOFactory::RegisterOneFactory();
    }
    void badInvocationsGiveOneClearLine_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mentions");
        const QString d = QStringLiteral("dicom"), e = QStringLiteral("export");
        QTest::newRow("no series") << QStringList{d, e, QStringLiteral("--out"), QStringLiteral("/tmp/x.nrrd")} << 2 << QStringLiteral("--series");
        QTest::newRow("no out") << QStringList{d, e, QStringLiteral("--series"), QStringLiteral("/tmp")} << 2 << QStringLiteral("--out");
        QTest::newRow("bad format") << QStringList{d, e, QStringLiteral("--series"), QStringLiteral("/tmp"), QStringLiteral("--out"), QStringLiteral("/tmp/x.png")}
                                    << 2 << QStringLiteral("/tmp/x.png");
        QTest::newRow("missing series") << QStringList{d, e, QStringLiteral("--series"), QStringLiteral("/nonexistent/ct"), QStringLiteral("--out"), QStringLiteral("/tmp/x.nrrd")}
                                        << 1 << QStringLiteral("/nonexistent/ct");
    }
    void badInvocationsGiveOneClearLine() {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, mentions);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        const QStringList lines = run.err.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(mentions), qPrintable(lines.first()));
    }
    void exportsDemoCt_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("nrrd") << QStringLiteral("ct.nrrd");
        QTest::newRow("nii.gz") << QStringLiteral("ct.nii.gz");
    }
    void exportsDemoCt() {
        QFETCH(QString, name);
        static const QString dir = test::scratchDir(QStringLiteral("cli-dicom-export"));  // wiped per call
        static bool generated = false;
        if (!generated) {
            const Run demo = runCli({QStringLiteral("demo"), QStringLiteral("write"), dir + QStringLiteral("/demo"),
                                     QStringLiteral("--size"), QStringLiteral("64"), QStringLiteral("--slices"),
                                     QStringLiteral("12")});
            QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
            generated = true;
        }
        const QString out = dir + QLatin1Char('/') + name;
        const Run run = runCli({QStringLiteral("dicom"), QStringLiteral("export"), QStringLiteral("--series"),
                                dir + QStringLiteral("/demo/ct"), QStringLiteral("--out"), out});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(out));
        auto reader = itk::ImageFileReader<itk::Image<short, 3>>::New();
        reader->SetFileName(QFile::encodeName(out).toStdString());
        reader->Update();
        const auto *image = reader->GetOutput();
        const auto size = image->GetLargestPossibleRegion().GetSize();
        QVERIFY(size[0] > 0 && size[1] > 0 && size[2] > 1);
        // Air outside the body, soft tissue or bone at the centre.
        QVERIFY(image->GetBufferPointer()[0] < -900);
    }

    // `dicom export DIR --series UID`: the UID from `dicom scan --json`, the files from the index.
    void exportsASeriesOfAFolderByUid() {
        const QString dir = test::scratchDir(QStringLiteral("cli-dicom-export-uid"));
        const Run demo = runCli({QStringLiteral("demo"), QStringLiteral("write"), dir + QStringLiteral("/demo"),
                                 QStringLiteral("--size"), QStringLiteral("64"), QStringLiteral("--slices"), QStringLiteral("12")});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
        const QString index = dir + QStringLiteral("/index.sqlite");
        const Run scan = runCli({QStringLiteral("dicom"), QStringLiteral("scan"), dir + QStringLiteral("/demo"),
                                 QStringLiteral("--index"), index, QStringLiteral("--json")});
        QCOMPARE(scan.exitCode, 0);
        QString ctUid;
        for (const QJsonValue &series : QJsonDocument::fromJson(scan.out.toUtf8()).object().value(QStringLiteral("series")).toArray()) {
            if (series.toObject().value(QStringLiteral("modality")).toString() == QStringLiteral("CT"))
                ctUid = series.toObject().value(QStringLiteral("seriesInstanceUID")).toString();
        }
        QVERIFY(!ctUid.isEmpty());
        const QString out = dir + QStringLiteral("/ct.mha");
        const Run run = runCli({QStringLiteral("dicom"), QStringLiteral("export"), dir + QStringLiteral("/demo"),
                                QStringLiteral("--series"), ctUid, QStringLiteral("--out"), out, QStringLiteral("--index"), index});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QFile::exists(out));
        auto reader = itk::ImageFileReader<itk::Image<short, 3>>::New();
        reader->SetFileName(QFile::encodeName(out).toStdString());
        reader->Update();
        QCOMPARE(int(reader->GetOutput()->GetLargestPossibleRegion().GetSize()[2]), 12);

        const Run unknown = runCli({QStringLiteral("dicom"), QStringLiteral("export"), dir + QStringLiteral("/demo"),
                                    QStringLiteral("--series"), QStringLiteral("1.2.3"), QStringLiteral("--out"), out,
                                    QStringLiteral("--index"), index});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QStringLiteral("1.2.3")), qPrintable(unknown.err));
    }
};

DIDYMOS_TEST_MAIN(TestCliDicomExport)
#include "TestCliDicomExport.moc"
