// FhirBundleSlicer: the entry slices of a Bundle must be exactly the elements Qt's parser sees
// in the whole document (so reading entry by entry changes nothing), and anything the scanner
// cannot vouch for must give nullopt (the importer then parses the whole file and reports
// line/column).

#include "TestData.h"
#include "TestMain.h"

#include "twin/ehr/FhirBundleSlicer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace twin::ehr;

class TestFhirBundleSlicer : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void slicesMatchTheWholeDocumentParse_data();
    void slicesMatchTheWholeDocumentParse();
    void refusesWhatItCannotVouchFor_data();
    void refusesWhatItCannotVouchFor();
    void realSyntheaBundles();
};

namespace {

void compareWithWholeParse(const QByteArray &json) {
    const std::optional<FhirBundleSlices> slices = FhirBundleSlicer::slice(json);
    QVERIFY(slices.has_value());
    QJsonParseError error{};
    const QJsonObject whole = QJsonDocument::fromJson(json, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray entries = whole.value(QStringLiteral("entry")).toArray();
    QCOMPARE(slices->entries.size(), entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonDocument part = QJsonDocument::fromJson(slices->entries.at(i).toByteArray(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(part.object(), entries.at(i).toObject());
    }
    // The root keeps every other member and an empty entry array.
    QJsonObject expectedRoot = whole;
    expectedRoot.insert(QStringLiteral("entry"), QJsonArray());
    QCOMPARE(QJsonDocument::fromJson(slices->root).object(), expectedRoot);
}

}  // namespace

void TestFhirBundleSlicer::slicesMatchTheWholeDocumentParse_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("compact") << QByteArray(R"({"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"p"}},{"fullUrl":"urn:uuid:x","resource":{"resourceType":"Observation","id":"o"}}]})");
    QTest::newRow("whitespace everywhere") << QByteArray("\n{ \"entry\" :\n [ \t{\"a\" : [1, 2, {\"b\": []}]} ,\r\n {\"c\":\"d\"} ] , \"type\" : \"searchset\" , \"total\": 2 }\n");
    QTest::newRow("brackets and quotes inside strings") << QByteArray(R"({"resourceType":"Bundle","entry":[{"note":"a ] b } c [ { \" ]\\"},{"x":"\\\\"}]})");
    QTest::newRow("entry key nested deeper is not the entry") << QByteArray(R"({"meta":{"entry":[1,2]},"entry":[{"k":1}]})");
    QTest::newRow("empty entry array") << QByteArray(R"({"resourceType":"Bundle","entry":[]})");
    QTest::newRow("unicode and escapes") << QByteArray("{\"entry\":[{\"name\":\"Jos\\u00e9 M\xc3\xbcller\"}],\"type\":\"document\"}");
}

void TestFhirBundleSlicer::slicesMatchTheWholeDocumentParse() {
    QFETCH(QByteArray, json);
    compareWithWholeParse(json);
}

void TestFhirBundleSlicer::refusesWhatItCannotVouchFor_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not an object") << QByteArray(R"([{"entry":[]}])");
    QTest::newRow("no entry member") << QByteArray(R"({"resourceType":"Patient","id":"p"})");
    QTest::newRow("two entry members") << QByteArray(R"({"entry":[{"a":1}],"entry":[{"b":2}]})");
    QTest::newRow("unterminated string") << QByteArray(R"({"entry":[{"a":"b}]})");
    QTest::newRow("unbalanced") << QByteArray(R"({"entry":[{"a":[1,2}]})");
    QTest::newRow("missing comma") << QByteArray(R"({"entry":[{"a":1} {"b":2}]})");
    QTest::newRow("trailing garbage") << QByteArray(R"({"entry":[{"a":1}]} x)");
    QTest::newRow("truncated") << QByteArray(R"({"entry":[{"a":1},)");
    QTest::newRow("empty") << QByteArray();
}

void TestFhirBundleSlicer::refusesWhatItCannotVouchFor() {
    QFETCH(QByteArray, json);
    QVERIFY(!FhirBundleSlicer::slice(json).has_value());
}

void TestFhirBundleSlicer::realSyntheaBundles() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "fhir/synthea-fhir-r4-bundles");
    const QStringList files = QDir(root).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 6);
    for (const QString &name : files) {
        QFile file(root + QLatin1Char('/') + name);
        QVERIFY(file.open(QIODevice::ReadOnly));
        compareWithWholeParse(file.readAll());
        if (QTest::currentTestFailed()) QFAIL(qPrintable(name));
    }
}

DIDYMOS_TEST_MAIN(TestFhirBundleSlicer)
#include "TestFhirBundleSlicer.moc"
