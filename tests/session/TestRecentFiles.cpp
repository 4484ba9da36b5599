// RecentFiles: newest first, no duplicates, capped, absolute paths, remove, prune of what no
// longer exists, clear, and persistence in QSettings (shared by every instance and written to
// the settings file, so the GUI and the CLI see the same list).

#include "TestMain.h"

#include "twin/session/RecentFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

using twin::session::RecentFiles;

class TestRecentFiles : public twin::test::StrictTestCase {
    Q_OBJECT
protected:
    void setUp() override {
        QSettings().clear();
        scratch_ = twin::test::scratchDir(QStringLiteral("session-recent-files"));
        QVERIFY(QDir(scratch_).exists());
        previousCurrent_ = QDir::currentPath();
    }
    void tearDown() override { QDir::setCurrent(previousCurrent_); }

private slots:
    void startsEmpty();
    void newestFirst();
    void sameFileTwiceIsKeptOnceAtTheFront();
    void spellingsOfOnePathAreOneEntry_data();
    void spellingsOfOnePathAreOneEntry();
    void capacityDropsTheOldest_data();
    void capacityDropsTheOldest();
    void relativePathIsStoredAbsolute();
    void emptyPathIsIgnored();
    void removeDropsOnlyThatPath();
    void removeAcceptsRelativePath();
    void pruneMissingReturnsExactlyTheMissing();
    void pruneWithNothingMissingChangesNothing();
    void clearEmptiesTheList();
    void persistsAcrossInstances();
    void keysAreIndependent();
    void writtenToTheSettingsFile();

private:
    QString path(const QString &name) const { return scratch_ + QLatin1Char('/') + name; }
    QString touch(const QString &name) const {
        QFile file(path(name));
        if (!file.open(QIODevice::WriteOnly)) return {};
        return QFileInfo(file).absoluteFilePath();
    }

    QString scratch_;
    QString previousCurrent_;
};

void TestRecentFiles::startsEmpty() {
    QVERIFY(RecentFiles().paths().isEmpty());
    QVERIFY(RecentFiles(QStringLiteral("other"), 3).paths().isEmpty());
}

void TestRecentFiles::newestFirst() {
    RecentFiles recent;
    recent.add(path(QStringLiteral("a.dcm")));
    recent.add(path(QStringLiteral("b.dcm")));
    recent.add(path(QStringLiteral("c.json")));
    QCOMPARE(recent.paths(),
             QStringList({path(QStringLiteral("c.json")), path(QStringLiteral("b.dcm")), path(QStringLiteral("a.dcm"))}));
}

void TestRecentFiles::sameFileTwiceIsKeptOnceAtTheFront() {
    RecentFiles recent;
    recent.add(path(QStringLiteral("a")));
    recent.add(path(QStringLiteral("b")));
    recent.add(path(QStringLiteral("c")));
    recent.add(path(QStringLiteral("a")));
    QCOMPARE(recent.paths(), QStringList({path(QStringLiteral("a")), path(QStringLiteral("c")), path(QStringLiteral("b"))}));
    recent.add(path(QStringLiteral("a")));  // already newest: nothing changes
    QCOMPARE(recent.paths(), QStringList({path(QStringLiteral("a")), path(QStringLiteral("c")), path(QStringLiteral("b"))}));
}

void TestRecentFiles::spellingsOfOnePathAreOneEntry_data() {
    QTest::addColumn<QString>("other");
    QTest::newRow("dot segment") << QStringLiteral("./study");
    QTest::newRow("dot-dot segment") << QStringLiteral("sub/../study");
    QTest::newRow("doubled separator") << QStringLiteral("/study");  // joined to "<scratch>/" below
    QTest::newRow("trailing separator (a DICOM folder)") << QStringLiteral("study/");
}

void TestRecentFiles::spellingsOfOnePathAreOneEntry() {
    QFETCH(QString, other);
    RecentFiles recent;
    recent.add(path(QStringLiteral("study")));
    recent.add(path(QStringLiteral("other")));
    recent.add(scratch_ + QLatin1Char('/') + other);
    QCOMPARE(recent.paths(), QStringList({path(QStringLiteral("study")), path(QStringLiteral("other"))}));
}

void TestRecentFiles::capacityDropsTheOldest_data() {
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("expectedCapacity");
    QTest::newRow("3") << 3 << 3;
    QTest::newRow("1") << 1 << 1;
    QTest::newRow("default") << int(RecentFiles::kDefaultCapacity) << 10;
    QTest::newRow("0 means the default") << 0 << 10;
    QTest::newRow("negative means the default") << -4 << 10;
}

void TestRecentFiles::capacityDropsTheOldest() {
    QFETCH(int, capacity);
    QFETCH(int, expectedCapacity);
    RecentFiles recent(QStringLiteral("recentFiles"), capacity);
    const int added = expectedCapacity + 3;
    for (int i = 0; i < added; ++i) recent.add(path(QStringLiteral("f%1.dcm").arg(i)));
    QStringList expected;
    for (int i = added - 1; i >= added - expectedCapacity; --i) expected << path(QStringLiteral("f%1.dcm").arg(i));
    QCOMPARE(recent.paths(), expected);
    // Re-adding a file still in the list does not push anything out.
    recent.add(path(QStringLiteral("f%1.dcm").arg(added - expectedCapacity)));
    QCOMPARE(recent.paths().size(), expectedCapacity);
    QCOMPARE(recent.paths().first(), path(QStringLiteral("f%1.dcm").arg(added - expectedCapacity)));
}

void TestRecentFiles::relativePathIsStoredAbsolute() {
    QVERIFY(QDir::setCurrent(scratch_));
    const QString expected = QDir::current().absoluteFilePath(QStringLiteral("series/ct.dcm"));
    RecentFiles recent;
    recent.add(QStringLiteral("series/ct.dcm"));
    QCOMPARE(recent.paths(), QStringList({expected}));
    QVERIFY(QFileInfo(recent.paths().first()).isAbsolute());
    // The stored path keeps naming the file after the working directory changes.
    QVERIFY(QDir::setCurrent(QDir::tempPath()));
    QCOMPARE(recent.paths(), QStringList({expected}));
}

void TestRecentFiles::emptyPathIsIgnored() {
    // What a cancelled file dialog returns: it must not become an entry (or "the current folder").
    RecentFiles recent;
    recent.add(path(QStringLiteral("a")));
    recent.add(QString());
    QCOMPARE(recent.paths(), QStringList({path(QStringLiteral("a"))}));
    recent.remove(QString());
    QCOMPARE(recent.paths(), QStringList({path(QStringLiteral("a"))}));
}

void TestRecentFiles::removeDropsOnlyThatPath() {
    RecentFiles recent;
    for (const char *name : {"a", "b", "c"}) recent.add(path(QLatin1String(name)));
    recent.remove(path(QStringLiteral("b")));
    QCOMPARE(recent.paths(), QStringList({path(QStringLiteral("c")), path(QStringLiteral("a"))}));
    recent.remove(path(QStringLiteral("not-in-the-list")));
    QCOMPARE(recent.paths(), QStringList({path(QStringLiteral("c")), path(QStringLiteral("a"))}));
    recent.remove(path(QStringLiteral("c")));
    recent.remove(path(QStringLiteral("a")));
    QVERIFY(recent.paths().isEmpty());
}

void TestRecentFiles::removeAcceptsRelativePath() {
    QVERIFY(QDir::setCurrent(scratch_));
    RecentFiles recent;
    recent.add(QStringLiteral("keep.dcm"));
    recent.add(QStringLiteral("drop.dcm"));
    recent.add(QStringLiteral("folder"));
    QCOMPARE(recent.paths().size(), 3);
    recent.remove(QStringLiteral("drop.dcm"));
    recent.remove(QStringLiteral("./folder/"));
    QCOMPARE(recent.paths(), QStringList({QDir::current().absoluteFilePath(QStringLiteral("keep.dcm"))}));
}

void TestRecentFiles::pruneMissingReturnsExactlyTheMissing() {
    const QString kept1 = touch(QStringLiteral("kept1.dcm"));
    const QString kept2 = touch(QStringLiteral("kept2.json"));
    QVERIFY(!kept1.isEmpty() && !kept2.isEmpty());
    QVERIFY(QDir(scratch_).mkpath(QStringLiteral("kept-folder")));
    const QString keptFolder = path(QStringLiteral("kept-folder"));
    const QString gone1 = path(QStringLiteral("gone1.dcm"));
    const QString gone2 = path(QStringLiteral("deleted-folder/gone2.dcm"));

    RecentFiles recent;
    // Oldest first: gone2, kept1, gone1, keptFolder, kept2.
    for (const QString &p : {gone2, kept1, gone1, keptFolder, kept2}) recent.add(p);
    QCOMPARE(recent.paths().size(), 5);

    const QStringList dropped = recent.pruneMissing();
    QCOMPARE(dropped, QStringList({gone1, gone2}));  // in list order, newest first
    QCOMPARE(recent.paths(), QStringList({kept2, keptFolder, kept1}));
    QCOMPARE(RecentFiles().paths(), QStringList({kept2, keptFolder, kept1}));  // stored, not just returned
}

void TestRecentFiles::pruneWithNothingMissingChangesNothing() {
    const QString a = touch(QStringLiteral("a.dcm"));
    const QString b = touch(QStringLiteral("b.dcm"));
    RecentFiles recent;
    recent.add(a);
    recent.add(b);
    QVERIFY(recent.pruneMissing().isEmpty());
    QCOMPARE(recent.paths(), QStringList({b, a}));

    QVERIFY(QFile::remove(a));
    QCOMPARE(recent.pruneMissing(), QStringList({a}));
    QCOMPARE(recent.paths(), QStringList({b}));

    RecentFiles empty(QStringLiteral("nothingHere"));
    QVERIFY(empty.pruneMissing().isEmpty());
    QVERIFY(empty.paths().isEmpty());
}

void TestRecentFiles::clearEmptiesTheList() {
    RecentFiles recent;
    recent.add(path(QStringLiteral("a")));
    recent.add(path(QStringLiteral("b")));
    recent.clear();
    QVERIFY(recent.paths().isEmpty());
    QVERIFY(RecentFiles().paths().isEmpty());
    recent.add(path(QStringLiteral("c")));  // usable after clear
    QCOMPARE(recent.paths(), QStringList({path(QStringLiteral("c"))}));
}

void TestRecentFiles::persistsAcrossInstances() {
    {
        RecentFiles writer;
        writer.add(path(QStringLiteral("first.dcm")));
        writer.add(path(QStringLiteral("second.dcm")));
    }
    RecentFiles reader;
    QCOMPARE(reader.paths(), QStringList({path(QStringLiteral("second.dcm")), path(QStringLiteral("first.dcm"))}));
    // A second live instance sees the other's changes at once (no cached copy).
    RecentFiles other;
    reader.add(path(QStringLiteral("third.dcm")));
    QCOMPARE(other.paths().first(), path(QStringLiteral("third.dcm")));
    other.remove(path(QStringLiteral("first.dcm")));
    QCOMPARE(reader.paths(), QStringList({path(QStringLiteral("third.dcm")), path(QStringLiteral("second.dcm"))}));
    // Stored under the default key.
    QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList(), reader.paths());
}

void TestRecentFiles::keysAreIndependent() {
    RecentFiles dicom(QStringLiteral("recentDicom"));
    RecentFiles cases(QStringLiteral("recentCases"));
    dicom.add(path(QStringLiteral("ct")));
    cases.add(path(QStringLiteral("case.twin")));
    QCOMPARE(dicom.paths(), QStringList({path(QStringLiteral("ct"))}));
    QCOMPARE(cases.paths(), QStringList({path(QStringLiteral("case.twin"))}));
    QVERIFY(RecentFiles().paths().isEmpty());
    dicom.clear();
    QCOMPARE(cases.paths(), QStringList({path(QStringLiteral("case.twin"))}));
}

void TestRecentFiles::writtenToTheSettingsFile() {
    // One entry and several: a one-element list must still read back as a list.
    const QString only = path(QStringLiteral("only.dcm"));
    {
        RecentFiles recent;
        recent.add(only);
    }
    QSettings settings;
    settings.sync();
    QCOMPARE(settings.status(), QSettings::NoError);
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    QVERIFY2(file.readAll().contains(only.toUtf8()), qPrintable(settings.fileName()));
    QCOMPARE(RecentFiles().paths(), QStringList({only}));

    // Read back through the file's path, as another process (the CLI) opens it.
    const QSettings fromFile(settings.fileName(), QSettings::IniFormat);
    QCOMPARE(fromFile.value(QStringLiteral("recentFiles")).toStringList(), QStringList({only}));

    // A path with a comma survives the INI encoding as one entry.
    RecentFiles recent;
    const QString withComma = path(QStringLiteral("Doe, Jane/ct"));
    recent.add(withComma);
    settings.sync();
    const QSettings again(settings.fileName(), QSettings::IniFormat);
    QCOMPARE(again.value(QStringLiteral("recentFiles")).toStringList(), QStringList({withComma, only}));
}

DIDYMOS_TEST_MAIN(TestRecentFiles)
#include "TestRecentFiles.moc"
