// DICOM index: SQLite schema, folder and DICOMDIR scans, incremental rescans, cancellation,
// the query API the patient browser and SeriesVolumeLoader use.

#include "TestData.h"
#include "TestMain.h"

#include "twin/core/Job.h"
#include "twin/core/JobContext.h"
#include "twin/dicom/DicomFileProbe.h"
#include "twin/dicom/DicomFolderScanner.h"
#include "twin/dicom/DicomIndex.h"
#include "twin/dicom/SeriesVolumeLoader.h"
#include "twin/phantom/DemoPatientGenerator.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>

#include <atomic>
#include <thread>

using namespace twin;
using dicom::DicomFolderScanner;
using dicom::DicomIndex;

namespace {

std::unique_ptr<DicomIndex> openIndex(const QString &path) {
    auto index = DicomIndex::open(path);
    if (!index.ok()) qFatal("%s", qPrintable(index.error().message()));
    return std::move(index.value());
}

// Files per series UID, counted with DicomFileProbe (independent of the scanner).
QHash<QString, int> probeSeriesCounts(const QString &folder) {
    QHash<QString, int> counts;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const auto header = dicom::DicomFileProbe::read(it.next());
        if (header.ok() && !header.value().seriesInstanceUid.isEmpty()) ++counts[header.value().seriesInstanceUid];
    }
    return counts;
}

bool copyTree(const QString &from, const QString &to) {
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(source);
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(source, target)) return false;
    }
    return true;
}

QString describe(const dicom::DicomScanReport &r) {
    return QStringLiteral("scanned %1 added %2 updated %3 unchanged %4 removed %5 skipped %6 broken %7 (%8 ms)")
        .arg(r.scanned).arg(r.added).arg(r.updated).arg(r.unchanged).arg(r.removed).arg(r.skippedNonDicom).arg(r.broken)
        .arg(r.elapsedMs);
}

}  // namespace

class TestDicomIndex : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void schemaIsCreatedAndReopened() {
        const QString dir = test::scratchDir(QStringLiteral("index-schema"));
        const QString path = dir + QStringLiteral("/sub/index.sqlite");
        {
            auto first = openIndex(path);
            auto second = openIndex(path);  // a second connection on the same file, at once
            QCOMPARE(first->path(), QFileInfo(path).absoluteFilePath());
            QCOMPARE(first->instanceCount().valueOr(-1), 0);
            QVERIFY(second->patients().ok());
            QVERIFY(first->checkIntegrity().ok());
        }
        auto again = openIndex(path);
        QVERIFY(again->checkIntegrity().ok());
        QVERIFY(DicomIndex::defaultPath().endsWith(QStringLiteral("/dicom-index.sqlite")));
        QCOMPARE(DicomIndex::schemaVersion(), 1);
    }

    void newerSchemaIsRefused() {
        const QString path = test::scratchDir(QStringLiteral("index-newer")) + QStringLiteral("/index.sqlite");
        { auto index = openIndex(path); }
        {
            // Simulate a file written by a later version.
            auto index = openIndex(path);
            QVERIFY(index->checkIntegrity().ok());
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-newer"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("UPDATE schema_version SET version = 99")));
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("test-newer"));
        const auto refused = DicomIndex::open(path);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message().contains(path), qPrintable(refused.error().message()));
    }

    void sarcomaStudyCountsMatchTheFiles() {
        DIDYMOS_REQUIRE_TEST_DATA(folder, "dicom/ct-mr-pet-sarcoma-rtstruct");
        auto index = openIndex(test::scratchDir(QStringLiteral("index-sarcoma")) + QStringLiteral("/index.sqlite"));
        const auto report = DicomFolderScanner::scan(*index, folder);
        QVERIFY2(report.ok(), qPrintable(report.error().message()));
        const QHash<QString, int> expected = probeSeriesCounts(folder);
        int expectedTotal = 0;
        for (int n : expected) expectedTotal += n;
        QCOMPARE(report.value().added, expectedTotal);
        QCOMPARE(report.value().broken, 0);
        QVERIFY(report.value().skippedNonDicom >= 3);  // README.md, SOURCE.txt, DICOM_STATS.tsv, ...

        const auto patients = index->patients();
        QVERIFY(patients.ok());
        QCOMPARE(patients.value().size(), 1);
        QVERIFY(!patients.value().first().patientId.isEmpty());
        QCOMPARE(patients.value().first().studyCount, 1);
        const auto studies = index->studies(patients.value().first().key);
        QVERIFY(studies.ok());
        QCOMPARE(studies.value().size(), 1);
        QCOMPARE(studies.value().first().instanceCount, expectedTotal);
        const auto series = index->series(studies.value().first().key);
        QVERIFY(series.ok());
        QCOMPARE(series.value().size(), expected.size());
        QSet<QString> modalities;
        for (const dicom::IndexedSeries &s : series.value()) {
            modalities.insert(s.modality);
            QCOMPARE(s.instanceCount, expected.value(s.seriesInstanceUid));
            const auto files = index->seriesFiles(s.seriesInstanceUid);
            QVERIFY(files.ok());
            QCOMPARE(files.value().size(), s.instanceCount);
            if (s.modality != QLatin1String("RTSTRUCT")) QVERIFY(!s.frameOfReferenceUid.isEmpty());
        }
        for (const char *modality : {"CT", "MR", "PT", "RTSTRUCT"}) QVERIFY2(modalities.contains(QLatin1String(modality)), modality);
        // What the loader wants: the CT's files examine into one loadable volume.
        for (const dicom::IndexedSeries &s : series.value()) {
            if (s.modality != QLatin1String("CT")) continue;
            const auto examination = dicom::SeriesVolumeLoader::examine(index->seriesFiles(s.seriesInstanceUid).value());
            QVERIFY2(examination.ok(), qPrintable(examination.error().message()));
        }
        QVERIFY(index->checkIntegrity().ok());
    }

    void wholeDataTreeWithMalformedFiles() {
        DIDYMOS_REQUIRE_TEST_DATA(folder, "dicom");
        auto index = openIndex(test::scratchDir(QStringLiteral("index-all")) + QStringLiteral("/index.sqlite"));
        const auto report = DicomFolderScanner::scan(*index, folder);
        QVERIFY2(report.ok(), qPrintable(report.error().message()));
        qInfo("whole tree: %s", qPrintable(describe(report.value())));
        QVERIFY(report.value().added > 300);
        QVERIFY(report.value().broken > 0);
        const auto problems = index->problems();
        QVERIFY(problems.ok());
        QCOMPARE(problems.value().size(), report.value().broken);
        bool malformedListed = false;
        for (const dicom::IndexProblem &p : problems.value()) {
            QVERIFY2(p.reason.contains(p.path), qPrintable(p.reason));
            if (p.path.contains(QStringLiteral("/dicom-malformed/"))) malformedListed = true;
        }
        QVERIFY(malformedListed);
        const auto malformedOnly = index->problems(folder + QStringLiteral("/dicom-malformed"));
        QVERIFY(malformedOnly.ok());
        QVERIFY(!malformedOnly.value().isEmpty());
        QVERIFY(malformedOnly.value().size() < problems.value().size() + 1);
        QVERIFY(index->checkIntegrity().ok());
        const auto again = DicomFolderScanner::scan(*index, folder);
        QVERIFY(again.ok());
        QCOMPARE(again.value().unchanged, again.value().scanned);
        QCOMPARE(again.value().broken, report.value().broken);
        QCOMPARE(again.value().skippedNonDicom, report.value().skippedNonDicom);
    }

    void dicomdirReferencesAreIndexed() {
        const QString dcmmkdir = QStandardPaths::findExecutable(QStringLiteral("dcmmkdir"));
        if (dcmmkdir.isEmpty()) QSKIP("dcmmkdir (Debian package dcmtk) not installed: DICOMDIR test skipped");
        const QString scratch = test::scratchDir(QStringLiteral("index-dicomdir"));
        const auto patient = phantom::DemoPatientGenerator::generate(scratch + QStringLiteral("/demo"), {32, 32, 8, 7.5, 5.0});
        QVERIFY2(patient.ok(), qPrintable(patient.error().message()));
        // DICOM file IDs: upper case, at most 8 characters per component.
        const QString media = scratch + QStringLiteral("/media");
        QVERIFY(QDir().mkpath(media + QStringLiteral("/CT")) && QDir().mkpath(media + QStringLiteral("/RT")));
        QStringList ct = QDir(scratch + QStringLiteral("/demo/ct")).entryList({QStringLiteral("*.dcm")}, QDir::Files, QDir::Name);
        QCOMPARE(ct.size(), 8);
        for (int i = 0; i < ct.size(); ++i)
            QVERIFY(QFile::copy(scratch + QStringLiteral("/demo/ct/") + ct.at(i), media + QStringLiteral("/CT/IM%1").arg(i + 1, 4, 10, QLatin1Char('0'))));
        QVERIFY(QFile::copy(scratch + QStringLiteral("/demo/rtstruct.dcm"), media + QStringLiteral("/RT/RS0001")));
        QProcess process;
        process.setWorkingDirectory(media);
        process.start(dcmmkdir, {QStringLiteral("+r"), QStringLiteral("+I"), QStringLiteral("-Nxc"), QStringLiteral("+D"),
                                 QStringLiteral("DICOMDIR"), QStringLiteral("CT"), QStringLiteral("RT")});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        // A stray file next to the DICOMDIR that it does not reference.
        QVERIFY(QFile::copy(scratch + QStringLiteral("/demo/rtdose.dcm"), media + QStringLiteral("/STRAY")));

        auto index = openIndex(scratch + QStringLiteral("/index.sqlite"));
        const auto report = DicomFolderScanner::scan(*index, media + QStringLiteral("/DICOMDIR"));
        QVERIFY2(report.ok(), qPrintable(report.error().message()));
        QCOMPARE(report.value().dicomdirs, 1);
        QCOMPARE(report.value().added, 9);  // referenced files only, not STRAY
        QCOMPARE(report.value().broken, 0);
        QCOMPARE(index->instanceCount().value(), 9);
        const auto patients = index->patients();
        QCOMPARE(patients.value().size(), 1);
        const auto studies = index->studies(patients.value().first().key);
        const auto series = index->series(studies.value().first().key);
        QCOMPARE(series.value().size(), 2);
        // A folder scan of the same media finds the DICOMDIR's files once, plus the stray one.
        const auto folderScan = DicomFolderScanner::scan(*index, media);
        QVERIFY2(folderScan.ok(), qPrintable(folderScan.error().message()));
        QCOMPARE(folderScan.value().added, 1);
        QCOMPARE(index->instanceCount().value(), 10);
        QVERIFY(index->checkIntegrity().ok());

        // Hostile media: a file ID that climbs out of the DICOMDIR's folder is refused, not read.
        const QString dcmodify = QStandardPaths::findExecutable(QStringLiteral("dcmodify"));
        if (dcmodify.isEmpty()) QSKIP("dcmodify (Debian package dcmtk) not installed: traversal check skipped");
        QProcess modify;
        modify.setWorkingDirectory(media);
        modify.start(dcmodify, {QStringLiteral("-nb"), QStringLiteral("-m"),
                                QStringLiteral("(0004,1220)[3].(0004,1500)=..\\..\\DEMO\\RTSTRUCT"),
                                QStringLiteral("DICOMDIR")});
        QVERIFY(modify.waitForFinished(60000));
        QVERIFY2(modify.exitCode() == 0, modify.readAllStandardError().constData());
        auto hostile = openIndex(scratch + QStringLiteral("/hostile.sqlite"));
        const auto refused = DicomFolderScanner::scan(*hostile, media + QStringLiteral("/DICOMDIR"));
        QVERIFY2(refused.ok(), qPrintable(refused.error().message()));
        const auto problems = hostile->problems();
        bool traversalReported = false;
        for (const dicom::IndexProblem &p : problems.value())
            if (p.reason.contains(QStringLiteral("outside the DICOMDIR")) && p.reason.contains(media)) traversalReported = true;
        QVERIFY2(traversalReported, problems.value().isEmpty() ? "no problems" : qPrintable(problems.value().first().reason));
    }

    void rescanIsIncremental() {
        DIDYMOS_REQUIRE_TEST_DATA(source, "dicom/ct-mr-pet-sarcoma-rtstruct");
        const QString scratch = test::scratchDir(QStringLiteral("index-rescan"));
        const QString folder = scratch + QStringLiteral("/data");
        QVERIFY(copyTree(source, folder));
        auto index = openIndex(scratch + QStringLiteral("/index.sqlite"));
        const auto first = DicomFolderScanner::scan(*index, folder);
        QVERIFY(first.ok());
        const auto second = DicomFolderScanner::scan(*index, folder);
        QVERIFY(second.ok());
        qInfo("first scan: %s", qPrintable(describe(first.value())));
        qInfo("rescan:     %s", qPrintable(describe(second.value())));
        QCOMPARE(second.value().scanned, first.value().scanned);
        QCOMPARE(second.value().unchanged, second.value().scanned);
        QCOMPARE(second.value().added + second.value().updated + second.value().removed, 0);
        QVERIFY2(second.value().elapsedMs <= first.value().elapsedMs, qPrintable(describe(second.value())));
        const int total = index->instanceCount().value();

        const QStringList ctFiles = [&] {
            QStringList files;
            QDirIterator it(folder, {QStringLiteral("*.dcm")}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) files << it.next();
            files.sort();
            return files;
        }();
        // Touch one file: read again.
        QFile touched(ctFiles.at(0));
        QVERIFY(touched.open(QIODevice::ReadWrite));
        QVERIFY(touched.setFileTime(QFileInfo(touched).lastModified().addSecs(60), QFileDevice::FileModificationTime));
        touched.close();
        // Delete one, add a non-DICOM file and a broken DICOM file.
        QVERIFY(QFile::remove(ctFiles.at(1)));
        QFile text(folder + QStringLiteral("/notes.txt"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not an image\n");
        text.close();
        QFile broken(folder + QStringLiteral("/broken.dcm"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(QByteArray(128, '\0') + "DICM" + QByteArray("\x02\x00\x10\x00UI\xff\x7f", 8));
        broken.close();

        const auto third = DicomFolderScanner::scan(*index, folder);
        QVERIFY(third.ok());
        qInfo("after changes: %s", qPrintable(describe(third.value())));
        QCOMPARE(third.value().updated, 1);
        QCOMPARE(third.value().removed, 1);
        QCOMPARE(third.value().broken, 1);
        QCOMPARE(third.value().skippedNonDicom, first.value().skippedNonDicom + 1);
        QCOMPARE(third.value().unchanged, first.value().scanned - 2);
        QCOMPARE(index->instanceCount().value(), total - 1);
        const auto problems = index->problems();
        QCOMPARE(problems.value().size(), 1);
        QVERIFY(problems.value().first().reason.contains(QStringLiteral("broken.dcm")));
        QVERIFY(index->checkIntegrity().ok());

        // Removing a whole series drops the series (and nothing else).
        const auto before = index->series(index->studies(index->patients().value().first().key).value().first().key).value();
        for (const dicom::IndexedSeries &s : before)
            if (s.modality == QLatin1String("PT")) {
                const QStringList files = index->seriesFiles(s.seriesInstanceUid).value();
                for (const QString &file : files) QVERIFY(QFile::remove(file));
            }
        QVERIFY(DicomFolderScanner::scan(*index, folder).ok());
        const auto after = index->series(index->studies(index->patients().value().first().key).value().first().key).value();
        QCOMPARE(after.size(), before.size() - 1);
        QVERIFY(index->checkIntegrity().ok());
    }

    void cancelledScanLeavesAConsistentIndex() {
        DIDYMOS_REQUIRE_TEST_DATA(folder, "dicom/ct-mr-pet-sarcoma-rtstruct");
        const QString path = test::scratchDir(QStringLiteral("index-cancel")) + QStringLiteral("/index.sqlite");
        // The canceller thread may lose the race on a fast machine: try a few times.
        bool wasCancelled = false;
        for (int attempt = 0; attempt < 5 && !wasCancelled; ++attempt) {
            QFile::remove(path);
            QFile::remove(path + QStringLiteral("-wal"));
            QFile::remove(path + QStringLiteral("-shm"));
            core::JobContext context;
            std::atomic<bool> stop{false};
            std::thread canceller([&] {
                while (!stop.load() && context.progress() < 0.4) std::this_thread::yield();
                context.requestCancel();
            });
            // The scan runs on this thread with its own index connection (as a Job would).
            const auto result = DicomFolderScanner::scan(path, folder, &context);
            stop = true;
            canceller.join();
            if (!result.ok()) {
                QCOMPARE(result.error().code(), core::Error::Code::Cancelled);
                wasCancelled = true;
            }
        }
        QVERIFY(wasCancelled);

        auto index = openIndex(path);
        QVERIFY(index->checkIntegrity().ok());
        const int partial = index->instanceCount().value();
        const auto completed = DicomFolderScanner::scan(*index, folder);
        QVERIFY(completed.ok());
        qInfo("cancelled after %d instances; completing scan: %s", partial, qPrintable(describe(completed.value())));
        QVERIFY(completed.value().unchanged > 0);
        int expected = 0;
        for (int n : probeSeriesCounts(folder)) expected += n;
        QVERIFY(partial < expected);
        QCOMPARE(index->instanceCount().value(), expected);
        QCOMPARE(completed.value().added, expected - partial);
        QVERIFY(index->checkIntegrity().ok());
    }

    void scanRunsAsAJob() {
        DIDYMOS_REQUIRE_TEST_DATA(folder, "dicom/ct-mr-pet-sarcoma-rtstruct");
        const QString path = test::scratchDir(QStringLiteral("index-job")) + QStringLiteral("/index.sqlite");
        dicom::DicomScanReport report;
        core::Job job(QStringLiteral("Index DICOM folder"), [&](core::JobContext &context) -> core::Status {
            auto scanned = DicomFolderScanner::scan(path, folder, &context);  // opens the index on the pool thread
            if (!scanned.ok()) return scanned.error();
            report = scanned.value();
            return {};
        });
        job.start();
        job.waitForDone();
        QCOMPARE(job.state(), core::Job::State::Finished);
        QCOMPARE(report.added, 144);
        auto index = openIndex(path);
        QCOMPARE(index->instanceCount().value(), 144);
    }

    void missingFolderIsAnError() {
        auto index = openIndex(test::scratchDir(QStringLiteral("index-missing")) + QStringLiteral("/index.sqlite"));
        const auto report = DicomFolderScanner::scan(*index, QStringLiteral("/nonexistent/folder"));
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code(), core::Error::Code::NotFound);
        QVERIFY(report.error().message().contains(QStringLiteral("/nonexistent/folder")));
    }
};

DIDYMOS_TEST_MAIN(TestDicomIndex)
#include "TestDicomIndex.moc"
