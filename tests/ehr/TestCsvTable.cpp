// CsvTable (RFC 4180): quotes, commas and line breaks in fields, CRLF, BOM, long records
// across read chunks, header lookup, and errors naming file and line.

#include "SyntheaCsvTestSupport.h"
#include "TestData.h"
#include "TestMain.h"

#include "twin/core/JobContext.h"

#include <QFileInfo>

#include <algorithm>
#include <functional>

using namespace twin::test::synthea;

class TestCsvTable : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase() {
        scratch_ = twin::test::scratchDir(QStringLiteral("ehr-csv-table"));
        QVERIFY(QFileInfo(scratch_).isDir());
    }
    void csvQuotedFieldsCrlfBomAndLines();
    void csvHeaderLookupIgnoresCaseAndReportsDuplicates();
    void csvUnterminatedQuoteNamesFileAndLine();
    void csvLongRecordsAcrossReadChunks_data();
    void csvLongRecordsAcrossReadChunks();
    void csvEmptyAndMissingFiles();
private:
    QString scratch_;
};
// ---------------------------------------------------------------------------------------------
// CsvTable

void TestCsvTable::csvQuotedFieldsCrlfBomAndLines() {
    const QByteArray data =
        "\xEF\xBB\xBF"
        "Id,DESCRIPTION,NOTE\r\n"
        "a1,\"Fracture of rib, left\",\"two\r\nlines\"\r\n"
        "\r\n"  // a blank line is not a record
        "a2,\"he said \"\"stop\"\"\",\xC3\xA9t\xC3\xA9\r\n"
        "a3,,\"\"\r\n"
        "a4,x\"y,\"ab\"cd\n"  // lenient: a quote inside an unquoted field, text after a closing quote
        "a5,\"last, no newline\",end";
    auto opened = CsvTable::fromData(data, QStringLiteral("mem.csv"));
    QVERIFY2(opened.ok(), qPrintable(failureText(opened.error())));
    CsvTable &table = opened.value();
    QCOMPARE(table.header(), (QStringList{"Id", "DESCRIPTION", "NOTE"}));  // BOM gone
    QCOMPARE(table.column(u"Id"), 0);

    const struct {
        QStringList fields;
        qint64 line;
    } expected[] = {
        {{"a1", "Fracture of rib, left", "two\r\nlines"}, 2},
        {{"a2", "he said \"stop\"", QString::fromUtf8("\xC3\xA9t\xC3\xA9")}, 5},
        {{"a3", "", ""}, 6},
        {{"a4", "x\"y", "abcd"}, 7},
        {{"a5", "last, no newline", "end"}, 8},
    };
    int row = 0;
    for (const auto &record : expected) {
        auto more = table.next();
        QVERIFY2(more.ok(), qPrintable(failureText(more.error())));
        QVERIFY(more.value());
        ++row;
        QCOMPARE(table.row(), row);
        QCOMPARE(table.line(), record.line);
        QCOMPARE(table.fieldCount(), 3);
        QCOMPARE(table.fields(), record.fields);
        QCOMPARE(table.value(table.column(u"description")), record.fields.at(1));
    }
    auto end = table.next();
    QVERIFY(end.ok());
    QVERIFY(!end.value());
    QCOMPARE(table.bytesRead(), qint64(data.size()));
    // Reading past the end stays at the end.
    QVERIFY(!table.next().value());
}

void TestCsvTable::csvHeaderLookupIgnoresCaseAndReportsDuplicates() {
    auto opened = CsvTable::fromData(" Id ,code,CODE,Value\n1,a,b,c\n", QStringLiteral("dup.csv"));
    QVERIFY(opened.ok());
    CsvTable &table = opened.value();
    QCOMPARE(table.column(u"ID"), 0);
    QCOMPARE(table.column(u"id"), 0);
    QCOMPARE(table.column(u"CODE"), 1);  // the first of duplicates
    QCOMPARE(table.column(u"VALUE"), 3);
    QCOMPARE(table.column(u"UNITS"), -1);
    QCOMPARE(table.duplicateColumns(), QStringList{"CODE"});
    QVERIFY(table.next().value());
    QCOMPARE(table.value(-1), QString());
    QCOMPARE(table.value(99), QString());
}

void TestCsvTable::csvUnterminatedQuoteNamesFileAndLine() {
    const QString path = scratch_ + QStringLiteral("/unterminated.csv");
    writeFile(path, "A,B\n1,2\n3,\"open\nstill open\nand more\n");
    auto opened = CsvTable::open(path);
    QVERIFY2(opened.ok(), qPrintable(failureText(opened.error())));
    CsvTable &table = opened.value();
    QVERIFY(table.next().value());
    auto bad = table.next();
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code(), Error::Code::InvalidInput);
    QCOMPARE(bad.error().file(), path);
    QCOMPARE(bad.error().field(), QStringLiteral("line 3"));
    QVERIFY2(bad.error().message().startsWith(path + QStringLiteral(": line 3: unterminated quoted field")),
             qPrintable(bad.error().message()));
    // After an error the table is at its end.
    auto after = table.next();
    QVERIFY(after.ok());
    QVERIFY(!after.value());

    // An unterminated quote in the header row fails open().
    auto header = CsvTable::fromData("A,\"B\n", QStringLiteral("h.csv"));
    QVERIFY(!header.ok());
    QVERIFY2(header.error().message().startsWith(QStringLiteral("h.csv: line 1: unterminated")),
             qPrintable(header.error().message()));
}

void TestCsvTable::csvLongRecordsAcrossReadChunks_data() {
    // CsvTable reads physical lines in chunks of 1 MiB; a doubled quote or a CRLF may straddle
    // two chunks. Place them at every offset around the boundary.
    QTest::addColumn<int>("offset");
    for (int offset = (1 << 20) - 4; offset <= (1 << 20) + 2; ++offset) {
        QTest::newRow(qPrintable(QString::number(offset))) << offset;
    }
}

void TestCsvTable::csvLongRecordsAcrossReadChunks() {
    QFETCH(int, offset);
    const QByteArray header = "A,B\n";
    // Record 1: a quoted field whose doubled quote lands at `offset` bytes into the line.
    QByteArray field1(offset - 3, 'x');
    const QByteArray line1 = "1,\"" + field1 + "\"\"y\"\r\n";
    // Record 2: an unquoted field whose CRLF lands around the boundary.
    const QByteArray field2(offset - 2, 'z');
    const QByteArray line2 = "2," + field2 + "\r\n";
    auto opened = CsvTable::fromData(header + line1 + line2 + "3,end\n", QStringLiteral("long.csv"));
    QVERIFY(opened.ok());
    CsvTable &table = opened.value();
    QVERIFY(table.next().value());
    QCOMPARE(table.value(0), QStringLiteral("1"));
    QCOMPARE(table.raw(1), field1 + "\"y");
    QVERIFY(table.next().value());
    QCOMPARE(table.raw(1), field2);  // no stray CR
    QCOMPARE(table.line(), qint64(3));
    QVERIFY(table.next().value());
    QCOMPARE(table.fields(), (QStringList{"3", "end"}));
    QCOMPARE(table.line(), qint64(4));
    QVERIFY(!table.next().value());
}

void TestCsvTable::csvEmptyAndMissingFiles() {
    auto empty = CsvTable::fromData(QByteArray(), QStringLiteral("empty.csv"));
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().message(), QStringLiteral("empty.csv: empty file: no header row"));

    const QString missing = scratch_ + QStringLiteral("/no-such.csv");
    auto none = CsvTable::open(missing);
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code(), Error::Code::Io);
    QCOMPARE(none.error().file(), missing);

    auto headerOnly = CsvTable::fromData("A,B\r\n", QStringLiteral("h.csv"));
    QVERIFY(headerOnly.ok());
    QCOMPARE(headerOnly.value().header(), (QStringList{"A", "B"}));
    QVERIFY(!headerOnly.value().next().value());
}


DIDYMOS_TEST_MAIN(TestCsvTable)
#include "TestCsvTable.moc"
