// Hostile DICOM, one file per CVE input class (support/HostileDicomFiles.h), and every file
// of the public malformed and encodings corpora, each read in a child process through every
// DICOM reader (HostileDicomProbe): the process must not crash, every error must name the
// file, the hostile files must be refused for the stated reason, and no input may cost more
// than 64 MiB of peak memory above the reader's baseline.

#include "TestMain.h"

#include "CliProcess.h"
#include "HostileDicomFiles.h"
#include "twin/dicom/DicomStructureGuard.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>

class TestHostileDicom : public QObject {
    Q_OBJECT
private slots:
    void hostileFilesAreRefusedClearly_data();
    void hostileFilesAreRefusedClearly();
    void realFilesPassTheStructureGuard();
    void corpusFilesStayWithinMemoryBudget_data();
    void corpusFilesStayWithinMemoryBudget();
};

namespace {

constexpr qint64 kBudgetKiB = 64 * 1024;

struct ProbeRun {
    int exitCode = -1;
    QJsonObject result;
    QString stderrText;
};

ProbeRun probe(const QString &file) {
    const auto run = twin::test::runProgram(QStringLiteral(HOSTILE_DICOM_PROBE_PATH), {file}, QProcessEnvironment::systemEnvironment(), 120000);
    return {run.exitCode, QJsonDocument::fromJson(run.out.toUtf8()).object(), run.err};
}

/// Checks what every input must satisfy; returns the failure, or an empty string.
QString commonFailure(const QString &file, const ProbeRun &run) {
    if (run.exitCode != 0) return QStringLiteral("probe process died (exit %1): %2").arg(run.exitCode).arg(run.stderrText.right(2000));
    for (const char *reader : {"probe", "series", "rtstruct", "rtdose", "seg"}) {
        const QString error = run.result.value(QLatin1String(reader)).toString();
        if (!error.isEmpty() && !error.startsWith(file + QStringLiteral(": ")))
            return QStringLiteral("%1 error does not name the file: %2").arg(QLatin1String(reader), error);
    }
    const qint64 used = run.result.value(QStringLiteral("peakKiB")).toInteger() - run.result.value(QStringLiteral("baselineKiB")).toInteger();
    if (run.result.value(QStringLiteral("peakKiB")).toInteger() <= 0) return QStringLiteral("no memory figures");
    if (used > kBudgetKiB) return QStringLiteral("peak memory %1 MiB above baseline, budget 64 MiB").arg(used / 1024);
    return {};
}

}  // namespace

void TestHostileDicom::hostileFilesAreRefusedClearly_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expectError");
    QTest::addColumn<bool>("mustLoad");
    const QString dir = twin::test::scratchDir(QStringLiteral("TestHostileDicom"));
    const auto files = twin::test::hostileDicomFiles();
    QVERIFY(files.size() >= 20);
    const QStringList written = twin::test::writeHostileDicomFiles(dir);
    QCOMPARE(written.size(), files.size());
    for (int i = 0; i < files.size(); ++i)
        QTest::newRow(qPrintable(files[i].name + QStringLiteral(" (") + files[i].inputClass + QLatin1Char(')')))
            << written[i] << files[i].expectError << files[i].mustLoad;
}

void TestHostileDicom::hostileFilesAreRefusedClearly() {
    QFETCH(QString, file);
    QFETCH(QString, expectError);
    QFETCH(bool, mustLoad);
    const ProbeRun run = probe(file);
    const QString failure = commonFailure(file, run);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QString seriesError = run.result.value(QStringLiteral("series")).toString();
    if (!expectError.isEmpty()) QVERIFY2(seriesError.contains(expectError), qPrintable(QStringLiteral("series: ") + seriesError));
    if (mustLoad) {
        QVERIFY2(seriesError.isEmpty(), qPrintable(seriesError));
        QCOMPARE(run.result.value(QStringLiteral("dimensions")).toString(), QStringLiteral("8x8x1"));
    }
    qInfo("%s", qPrintable(QString::fromUtf8(QJsonDocument(run.result).toJson(QJsonDocument::Compact))));
}

void TestHostileDicom::realFilesPassTheStructureGuard() {
    // No false alarms: every public DICOM file (hundreds, of every encoding) passes the guard.
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom");
    QDirIterator it(root, {QStringLiteral("*.dcm"), QStringLiteral("DICOMDIR")}, QDir::Files, QDirIterator::Subdirectories);
    int checked = 0;
    while (it.hasNext()) {
        const QString file = it.next();
        const auto verdict = twin::dicom::DicomStructureGuard::check(file);
        QVERIFY2(verdict.ok(), qPrintable(verdict.error().message()));
        ++checked;
    }
    QVERIFY2(checked > 300, qPrintable(QString::number(checked)));
    qInfo("%d public DICOM files pass the structure guard", checked);
}

void TestHostileDicom::corpusFilesStayWithinMemoryBudget_data() {
    QTest::addColumn<QString>("file");
    for (const char *corpus : {"dicom/dicom-malformed", "dicom/dicom-encodings"}) {
        DIDYMOS_REQUIRE_TEST_DATA(root, QString::fromLatin1(corpus));
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext()) files << it.next();
        files.sort();
        for (const QString &f : files)
            if (!f.endsWith(QLatin1String(".txt")) && !f.endsWith(QLatin1String(".md")) && !f.endsWith(QLatin1String(".tsv")))
                QTest::newRow(qPrintable(QDir(root).relativeFilePath(f))) << f;
    }
}

void TestHostileDicom::corpusFilesStayWithinMemoryBudget() {
    QFETCH(QString, file);
    const ProbeRun run = probe(file);
    const QString failure = commonFailure(file, run);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

DIDYMOS_TEST_MAIN(TestHostileDicom)
#include "TestHostileDicom.moc"
