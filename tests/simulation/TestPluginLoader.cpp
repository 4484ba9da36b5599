// PluginLoader: the good test plugin (test_decay) loads and runs; every bad one is refused
// with its reason (duplicate id naming both files, API 2.0, min > max, unknown action kind,
// another interface, no metadata), and a refused plugin's code never runs: its global
// constructor, which writes a marker file when the library is loaded, has not run after the
// loader refused it — and does run when the library is loaded on purpose afterwards.

#include "SimulationTestSupport.h"
#include "TestMain.h"

#include "twin/core/AppPaths.h"
#include "twin/simulation/ModelInstance.h"
#include "twin/simulation/PluginLoader.h"

#include <QFile>
#include <QLibrary>

#include <cmath>

using twin::simulation::ModelInstance;
using twin::simulation::PluginLoader;
using twin::simulation::PluginLoadResult;
using twin::simulation::RefusedPlugin;
using twin::test::testPluginDir;

namespace {
constexpr auto kSkip = PluginLoader::DefaultFolders::Skip;

QString fileOf(const QString &testCase, const QString &name) {
    return testPluginDir(testCase) + QLatin1Char('/') + name + QStringLiteral(".so");
}

const RefusedPlugin *refusal(const PluginLoadResult &result, const QString &file) {
    for (const RefusedPlugin &r : result.refused) {
        if (r.file == file) return &r;
    }
    return nullptr;
}

QString describe(const PluginLoadResult &result) {
    QStringList lines;
    for (const RefusedPlugin &r : result.refused) lines << r.reason;
    return lines.join(QLatin1Char('\n'));
}
}  // namespace

class TestPluginLoader : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void goodPluginLoadsAndRuns();
    void refusesEachBadPluginWithItsReason_data();
    void refusesEachBadPluginWithItsReason();
    void firstFoundWinsAndTheRefusalNamesBoth();
    void refusedCodeNeverRuns();
    void scansTheAppFoldersThenTheExtraOnes();
};

void TestPluginLoader::goodPluginLoadsAndRuns() {
    const PluginLoadResult result = PluginLoader::load({testPluginDir(QStringLiteral("good"))}, kSkip);
    QVERIFY2(result.refused.isEmpty(), qPrintable(describe(result)));
    QCOMPARE(result.models.size(), std::size_t(1));
    const auto &loaded = result.models.front();
    QCOMPARE(loaded.metadata->id(), QStringLiteral("test_decay"));
    QCOMPARE(loaded.file, fileOf(QStringLiteral("good"), QStringLiteral("test_decay")));
    QVERIFY(loaded.factory != nullptr);

    auto instance = ModelInstance::create(loaded);
    QVERIFY2(instance.ok(), qPrintable(instance.error().message()));
    ModelInstance &model = *instance.value();
    QCOMPARE(model.id(), QStringLiteral("test_decay"));
    QVERIFY(model.setParameter(QStringLiteral("k_per_day"), 0.5).ok());
    model.initialise();
    QVERIFY(model.apply({0.0, "iv_bolus", "", 80.0}, 0.0));
    model.step(2.0, 2.0);
    // A(t) = D·e^(−k·t) (first-order elimination of a bolus), k = 0.5 /d, t = 2 d.
    const double expected = 80.0 * std::exp(-0.5 * 2.0);
    QVERIFY(std::abs(model.outputs()[0] - expected) < 1e-12 * expected);
    QVERIFY(std::abs(model.outputs()[1] - 0.5 * expected) < 1e-12 * expected);  // elimination rate k·A
    QVERIFY(!model.apply({2.0, "rt_fraction", "", 2.0}, 2.0));                  // not a kind it takes
}

void TestPluginLoader::refusesEachBadPluginWithItsReason_data() {
    QTest::addColumn<QString>("testCase");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("reasonSays");
    QTest::newRow("api 2.0") << "api_major2"
                             << "test_decay_next" << QStringList{"apiVersion", "2.0"};
    QTest::newRow("min > max") << "malformed"
                               << "test_decay_malformed" << QStringList{"parameters[2].min", "above max"};
    QTest::newRow("unknown action") << "marker"
                                    << "test_marker" << QStringList{"actions[1]", "teleport"};
    QTest::newRow("other interface") << "wrong_iid"
                                     << "test_other_interface" << QStringList{"IID", "org.example.OtherInterface/1"};
    QTest::newRow("no metadata") << "not_a_plugin"
                                 << "test_plain_library" << QStringList{"not a Qt plugin"};
}

void TestPluginLoader::refusesEachBadPluginWithItsReason() {
    QFETCH(QString, testCase);
    QFETCH(QString, name);
    QFETCH(QStringList, reasonSays);
    const QString file = fileOf(testCase, name);
    QVERIFY2(QFile::exists(file), qPrintable(file));
    // The good plugin in the same scan still loads: one refusal does not stop the others.
    const PluginLoadResult result =
        PluginLoader::load({testPluginDir(testCase), testPluginDir(QStringLiteral("good"))}, kSkip);
    QCOMPARE(result.models.size(), std::size_t(1));
    QCOMPARE(result.models.front().metadata->id(), QStringLiteral("test_decay"));
    QCOMPARE(result.refused.size(), 1);
    const RefusedPlugin *refused = refusal(result, file);
    QVERIFY2(refused, qPrintable(describe(result)));
    QVERIFY2(refused->reason.startsWith(file + QStringLiteral(": ")), qPrintable(refused->reason));
    for (const QString &word : reasonSays) QVERIFY2(refused->reason.contains(word), qPrintable(refused->reason));
}

void TestPluginLoader::firstFoundWinsAndTheRefusalNamesBoth() {
    const QString good = fileOf(QStringLiteral("good"), QStringLiteral("test_decay"));
    const QString copy = fileOf(QStringLiteral("duplicate"), QStringLiteral("test_decay_copy"));

    PluginLoadResult result =
        PluginLoader::load({testPluginDir(QStringLiteral("good")), testPluginDir(QStringLiteral("duplicate"))}, kSkip);
    QCOMPARE(result.models.size(), std::size_t(1));
    QCOMPARE(result.models.front().file, good);
    QCOMPARE(result.models.front().metadata->version(), QStringLiteral("1.0.0"));
    QCOMPARE(result.refused.size(), 1);
    QCOMPARE(result.refused.front().file, copy);
    QVERIFY2(result.refused.front().reason.startsWith(copy), qPrintable(result.refused.front().reason));
    QVERIFY2(result.refused.front().reason.contains(good), qPrintable(result.refused.front().reason));

    // Folder order decides: the copy first, so the copy wins (its version is 1.0.1).
    result =
        PluginLoader::load({testPluginDir(QStringLiteral("duplicate")), testPluginDir(QStringLiteral("good"))}, kSkip);
    QCOMPARE(result.models.size(), std::size_t(1));
    QCOMPARE(result.models.front().file, copy);
    QCOMPARE(result.models.front().metadata->version(), QStringLiteral("1.0.1"));
    QCOMPARE(result.refused.size(), 1);
    QCOMPARE(result.refused.front().file, good);
    QVERIFY(result.refused.front().reason.contains(copy));
}

void TestPluginLoader::refusedCodeNeverRuns() {
    const QString marker = twin::test::scratchDir(QStringLiteral("plugin-loader-marker")) + QStringLiteral("/ran");
    QVERIFY(!QFile::exists(marker));
    qputenv("DIDYMOS_TEST_PLUGIN_MARKER", marker.toLocal8Bit());
    const QString file = fileOf(QStringLiteral("marker"), QStringLiteral("test_marker"));

    const PluginLoadResult result = PluginLoader::load({testPluginDir(QStringLiteral("marker"))}, kSkip);
    QVERIFY(result.models.empty());
    QCOMPARE(result.refused.size(), 1);
    QVERIFY(refusal(result, file));
    QVERIFY2(!QFile::exists(marker), "the refused plugin's global constructor ran: the loader loaded its library");

    // The marker works: loading the library on purpose runs the constructor.
    QLibrary library(file);
    QVERIFY2(library.load(), qPrintable(library.errorString()));
    QFile written(marker);
    QVERIFY2(written.open(QIODevice::ReadOnly), "loading the marker library did not write the marker");
    QCOMPARE(written.readAll(), QByteArray("loaded\n"));
    qunsetenv("DIDYMOS_TEST_PLUGIN_MARKER");
}

void TestPluginLoader::scansTheAppFoldersThenTheExtraOnes() {
    const QString extra = testPluginDir(QStringLiteral("good"));
    const PluginLoadResult result = PluginLoader::load({extra});
    QStringList expected = twin::core::AppPaths::modelPluginDirs();
    expected << extra;
    QCOMPARE(result.scannedDirectories, expected);
    QVERIFY(result.find(QStringLiteral("test_decay")));
    QCOMPARE(result.find(QStringLiteral("test_decay"))->file,
             fileOf(QStringLiteral("good"), QStringLiteral("test_decay")));
}

DIDYMOS_TEST_MAIN(TestPluginLoader)
#include "TestPluginLoader.moc"
