// SoftwareInventory: the SOUP list a report carries. Insertion order is kept (the order the
// About box and `didymos-cli info` show), JSON has exactly name/version/licence, text is one
// "Name version (licence)" line per component.

#include "TestMain.h"

#include "twin/reporting/SoftwareInventory.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

using twin::reporting::SoftwareComponent;
using twin::reporting::SoftwareInventory;

namespace {

/// Deliberately not alphabetical, so that any sorting shows.
SoftwareInventory sampleInventory() {
    SoftwareInventory inventory;
    inventory.add({QStringLiteral("Qt"), QStringLiteral("6.4.2"), QStringLiteral("LGPL-3.0")});
    inventory.add({QStringLiteral("VTK"), QStringLiteral("9.1.0"), QStringLiteral("BSD-3-Clause")});
    inventory.add({QStringLiteral("DCMTK"), QStringLiteral("3.6.7"), QStringLiteral("BSD-3-Clause")});
    inventory.add({QStringLiteral("ITK"), QStringLiteral("5.2.1"), QStringLiteral("Apache-2.0")});
    return inventory;
}

}  // namespace

class TestSoftwareInventory : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void emptyInventory();
    void componentsKeepInsertionOrder();
    void jsonKeepsInsertionOrderAndKeys();
    void versionOf_data();
    void versionOf();
    void duplicateNameAnswersTheFirst();
    void textHasOneLinePerComponent();
    void textIsVerbatim();
};

void TestSoftwareInventory::emptyInventory() {
    const SoftwareInventory inventory;
    QVERIFY(inventory.components().isEmpty());
    QVERIFY(inventory.toJson().isEmpty());
    QCOMPARE(inventory.toText(), QString());
    QCOMPARE(inventory.versionOf(QStringLiteral("Qt")), QString());
}

void TestSoftwareInventory::componentsKeepInsertionOrder() {
    const SoftwareInventory inventory = sampleInventory();
    QStringList names;
    for (const SoftwareComponent &component : inventory.components()) names << component.name;
    QCOMPARE(names, QStringList({"Qt", "VTK", "DCMTK", "ITK"}));
    QCOMPARE(inventory.components().at(2).version, QStringLiteral("3.6.7"));
    QCOMPARE(inventory.components().at(3).licence, QStringLiteral("Apache-2.0"));
}

void TestSoftwareInventory::jsonKeepsInsertionOrderAndKeys() {
    const QJsonArray json = sampleInventory().toJson();
    QCOMPARE(json.size(), 4);
    const QStringList expectedNames{"Qt", "VTK", "DCMTK", "ITK"};
    const QStringList expectedVersions{"6.4.2", "9.1.0", "3.6.7", "5.2.1"};
    const QStringList expectedLicences{"LGPL-3.0", "BSD-3-Clause", "BSD-3-Clause", "Apache-2.0"};
    for (qsizetype i = 0; i < json.size(); ++i) {
        QVERIFY(json.at(i).isObject());
        const QJsonObject object = json.at(i).toObject();
        QCOMPARE(object.keys(), QStringList({"licence", "name", "version"}));  // exactly these (sorted by Qt)
        QVERIFY(object.value(QStringLiteral("version")).isString());
        QCOMPARE(object.value(QStringLiteral("name")).toString(), expectedNames.at(i));
        QCOMPARE(object.value(QStringLiteral("version")).toString(), expectedVersions.at(i));
        QCOMPARE(object.value(QStringLiteral("licence")).toString(), expectedLicences.at(i));
    }
}

void TestSoftwareInventory::versionOf_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::newRow("first") << "Qt" << "6.4.2";
    QTest::newRow("middle") << "DCMTK" << "3.6.7";
    QTest::newRow("last") << "ITK" << "5.2.1";
    QTest::newRow("absent") << "GDCM" << "";
    QTest::newRow("names are case-sensitive") << "vtk" << "";
    QTest::newRow("no partial match") << "DCM" << "";
    QTest::newRow("empty name") << "" << "";
}

void TestSoftwareInventory::versionOf() {
    QFETCH(QString, name);
    QFETCH(QString, version);
    const QString actual = sampleInventory().versionOf(name);
    QCOMPARE(actual, version);
}

void TestSoftwareInventory::duplicateNameAnswersTheFirst() {
    SoftwareInventory inventory = sampleInventory();
    inventory.add({QStringLiteral("VTK"), QStringLiteral("9.3.0"), QStringLiteral("BSD-3-Clause")});
    QCOMPARE(inventory.versionOf(QStringLiteral("VTK")), QStringLiteral("9.1.0"));
    QCOMPARE(inventory.components().size(), 5);
    QCOMPARE(inventory.toJson().size(), 5);  // listed, not merged: the report shows what was added
    QCOMPARE(inventory.toJson().last().toObject().value(QStringLiteral("version")).toString(), QStringLiteral("9.3.0"));
}

void TestSoftwareInventory::textHasOneLinePerComponent() {
    const QString text = sampleInventory().toText();
    QCOMPARE(text, QStringLiteral("Qt 6.4.2 (LGPL-3.0)\n"
                                  "VTK 9.1.0 (BSD-3-Clause)\n"
                                  "DCMTK 3.6.7 (BSD-3-Clause)\n"
                                  "ITK 5.2.1 (Apache-2.0)"));
    QCOMPARE(text.split(QLatin1Char('\n')).size(), 4);
    QVERIFY(!text.endsWith(QLatin1Char('\n')));
}

void TestSoftwareInventory::textIsVerbatim() {
    SoftwareInventory inventory;
    inventory.add({QStringLiteral("Eigen"), QStringLiteral("3.4.0"), QStringLiteral("MPL-2.0")});
    QCOMPARE(inventory.toText(), QStringLiteral("Eigen 3.4.0 (MPL-2.0)"));
    // A version with a "%1"-like text is printed verbatim, not substituted.
    inventory.add({QStringLiteral("Plugin%1"), QStringLiteral("%2"), QStringLiteral("%3")});
    QCOMPARE(inventory.toText(), QStringLiteral("Eigen 3.4.0 (MPL-2.0)\nPlugin%1 %2 (%3)"));
    QCOMPARE(inventory.toJson().at(1).toObject().value(QStringLiteral("version")).toString(), QStringLiteral("%2"));
}

DIDYMOS_TEST_MAIN(TestSoftwareInventory)
#include "TestSoftwareInventory.moc"
