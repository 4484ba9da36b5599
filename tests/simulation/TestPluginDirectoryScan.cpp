// PluginDirectoryScan: which model plugin folders exist and which *.so files they hold (names
// only, sorted), in the order the folders were given, before anything is loaded.

#include "TestMain.h"

#include "twin/simulation/PluginDirectoryScan.h"

#include <QDir>
#include <QFile>

using twin::simulation::PluginDirectory;
using twin::simulation::PluginDirectoryScan;

class TestPluginDirectoryScan : public twin::test::StrictTestCase {
    Q_OBJECT
protected:
    void setUp() override {
        scratch_ = twin::test::scratchDir(QStringLiteral("simulation-plugin-directory-scan"));
        QVERIFY(QDir(scratch_).exists());
    }

private slots:
    void listsOnlySharedObjectsSorted();
    void ignoresLookalikes();
    void missingDirectory();
    void emptyDirectory();
    void fileInsteadOfDirectory();
    void keepsTheOrderOfDirectories();
    void noDirectories();

private:
    /// Creates <scratch>/<dir> and the named files in it (in the order given); returns the folder.
    QString makeFolder(const QString &dir, const QStringList &files) {
        const QString path = scratch_ + QLatin1Char('/') + dir;
        if (!QDir().mkpath(path)) return {};
        for (const QString &name : files) {
            QFile file(path + QLatin1Char('/') + name);
            if (!file.open(QIODevice::WriteOnly)) return {};
            file.write("\x7f" "ELF");
        }
        return path;
    }

    QString scratch_;
};

void TestPluginDirectoryScan::listsOnlySharedObjectsSorted() {
    // Created out of order so that the listing's own order cannot pass for sorted.
    const QString dir = makeFolder(QStringLiteral("models"), {"b.so", "notes.txt", "a.so"});
    QVERIFY(!dir.isEmpty());
    const QList<PluginDirectory> result = PluginDirectoryScan::scan({dir});
    QCOMPARE(result.size(), 1);
    QCOMPARE(result.first().path, dir);
    QVERIFY(result.first().exists);
    QCOMPARE(result.first().candidateFiles, QStringList({"a.so", "b.so"}));
}

void TestPluginDirectoryScan::ignoresLookalikes() {
    const QString dir = makeFolder(QStringLiteral("models"), {"libtumour_growth.so", "libtumour_growth.so.1",
                                                              "model.json", "readme.so.txt", "liver.so"});
    QVERIFY(!dir.isEmpty());
    QVERIFY(QDir(dir).mkpath(QStringLiteral("folder.so")));  // a directory, not a shared object
    const QList<PluginDirectory> result = PluginDirectoryScan::scan({dir});
    QCOMPARE(result.size(), 1);
    QCOMPARE(result.first().candidateFiles, QStringList({"libtumour_growth.so", "liver.so"}));
}

void TestPluginDirectoryScan::missingDirectory() {
    const QString missing = scratch_ + QStringLiteral("/not-built-yet/plugins/models");
    const QList<PluginDirectory> result = PluginDirectoryScan::scan({missing});
    QCOMPARE(result.size(), 1);
    QCOMPARE(result.first().path, missing);
    QVERIFY(!result.first().exists);
    QVERIFY(result.first().candidateFiles.isEmpty());
}

void TestPluginDirectoryScan::emptyDirectory() {
    const QString dir = makeFolder(QStringLiteral("empty"), {});
    QVERIFY(!dir.isEmpty());
    const QList<PluginDirectory> result = PluginDirectoryScan::scan({dir});
    QCOMPARE(result.size(), 1);
    QVERIFY(result.first().exists);
    QVERIFY(result.first().candidateFiles.isEmpty());
}

void TestPluginDirectoryScan::fileInsteadOfDirectory() {
    const QString dir = makeFolder(QStringLiteral("models"), {"a.so"});
    QVERIFY(!dir.isEmpty());
    const QString file = dir + QStringLiteral("/a.so");
    const QList<PluginDirectory> result = PluginDirectoryScan::scan({file});
    QCOMPARE(result.size(), 1);
    QCOMPARE(result.first().path, file);
    QVERIFY(!result.first().exists);
    QVERIFY(result.first().candidateFiles.isEmpty());
}

void TestPluginDirectoryScan::keepsTheOrderOfDirectories() {
    const QString build = makeFolder(QStringLiteral("z-build/plugins/models"), {"growth.so"});
    const QString user = makeFolder(QStringLiteral("a-user/plugins/models"), {"dose.so", "calib.so"});
    QVERIFY(!build.isEmpty() && !user.isEmpty());
    const QString missing = scratch_ + QStringLiteral("/m-installed/plugins/models");

    // Not alphabetical: the scan must not sort the folders, only the files in each.
    const QList<PluginDirectory> result = PluginDirectoryScan::scan({build, missing, user});
    QCOMPARE(result.size(), 3);
    QCOMPARE(result.at(0).path, build);
    QCOMPARE(result.at(1).path, missing);
    QCOMPARE(result.at(2).path, user);
    QVERIFY(result.at(0).exists);
    QVERIFY(!result.at(1).exists);
    QVERIFY(result.at(2).exists);
    QCOMPARE(result.at(0).candidateFiles, QStringList({"growth.so"}));
    QVERIFY(result.at(1).candidateFiles.isEmpty());
    QCOMPARE(result.at(2).candidateFiles, QStringList({"calib.so", "dose.so"}));

    // The same order reversed comes back reversed.
    const QList<PluginDirectory> reversed = PluginDirectoryScan::scan({user, missing, build});
    QCOMPARE(reversed.size(), 3);
    QCOMPARE(reversed.at(0).path, user);
    QCOMPARE(reversed.at(2).path, build);
    QCOMPARE(reversed.at(2).candidateFiles, QStringList({"growth.so"}));
}

void TestPluginDirectoryScan::noDirectories() { QVERIFY(PluginDirectoryScan::scan({}).isEmpty()); }

DIDYMOS_TEST_MAIN(TestPluginDirectoryScan)
#include "TestPluginDirectoryScan.moc"
