// Error (message format, factories, chaining) and Result<T> / Result<void>.

#include "TestMain.h"

#include "twin/core/Error.h"
#include "twin/core/Result.h"

#include <memory>
#include <set>

using namespace twin::core;

namespace {

Result<int> parsePositive(int value) {
    if (value <= 0) return Error::invalidInput(QStringLiteral("must be positive")).atField(QStringLiteral("dose"));
    return value;
}

Status writeFile(bool succeed) {
    if (!succeed) return Error::io(QStringLiteral("disk full")).inFile(QStringLiteral("/tmp/out.dcm"));
    return {};
}

}  // namespace

class TestError : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void message_data();
    void message();
    void factoriesSetCode_data();
    void factoriesSetCode();
    void codeNamesAreDistinct();
    void chainingOnLvalueModifiesInPlace();
    void chainingOnTemporaryIsSafeToBind();
    void resultValuePath();
    void resultErrorPath();
    void resultMoveOnlyValue();
    void resultVoid();
};

void TestError::message_data() {
    // clang-format off
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("expected");

    QTest::newRow("all parts") << "ct/1.dcm" << "(0028,0010) Rows" << "value" << "must be positive"
                               << "ct/1.dcm: (0028,0010) Rows: value: must be positive";
    QTest::newRow("what only") << "" << "" << "" << "cancelled by the user" << "cancelled by the user";
    QTest::newRow("file") << "a.json" << "" << "" << "not JSON" << "a.json: not JSON";
    QTest::newRow("tag") << "" << "(0008,0016) SOPClassUID" << "" << "missing"
                         << "(0008,0016) SOPClassUID: missing";
    QTest::newRow("field") << "" << "" << "Bundle.entry[3].resource.valueQuantity" << "no unit"
                           << "Bundle.entry[3].resource.valueQuantity: no unit";
    QTest::newRow("file and field, no tag") << "patients.csv" << "" << "row 12" << "bad date"
                                            << "patients.csv: row 12: bad date";
    QTest::newRow("empty what falls back to the code name") << "x.dcm" << "" << "" << ""
                                                            << "x.dcm: invalid input";
    // clang-format on
}

void TestError::message() {
    QFETCH(QString, file);
    QFETCH(QString, tag);
    QFETCH(QString, field);
    QFETCH(QString, what);
    QFETCH(QString, expected);

    Error error = Error::invalidInput(what);
    error.inFile(file).atTag(tag).atField(field);
    QCOMPARE(error.message(), expected);
    QCOMPARE(error.file(), file);
    QCOMPARE(error.tag(), tag);
    QCOMPARE(error.field(), field);
    QCOMPARE(error.what(), what);
}

void TestError::factoriesSetCode_data() {
    // clang-format off
    QTest::addColumn<int>("actual");
    QTest::addColumn<int>("expected");
    QTest::newRow("invalidInput") << int(Error::invalidInput({}).code()) << int(Error::Code::InvalidInput);
    QTest::newRow("notFound") << int(Error::notFound({}).code()) << int(Error::Code::NotFound);
    QTest::newRow("io") << int(Error::io({}).code()) << int(Error::Code::Io);
    QTest::newRow("unsupported") << int(Error::unsupported({}).code()) << int(Error::Code::Unsupported);
    QTest::newRow("cancelled") << int(Error::cancelled().code()) << int(Error::Code::Cancelled);
    QTest::newRow("internal") << int(Error::internal({}).code()) << int(Error::Code::Internal);
    QTest::newRow("default") << int(Error().code()) << int(Error::Code::Internal);
    // clang-format on
}

void TestError::factoriesSetCode() {
    QFETCH(int, actual);
    QFETCH(int, expected);
    QCOMPARE(actual, expected);
}

void TestError::codeNamesAreDistinct() {
    std::set<QString> names;
    for (Error::Code code : {Error::Code::InvalidInput, Error::Code::NotFound, Error::Code::Io,
                             Error::Code::Unsupported, Error::Code::Cancelled, Error::Code::Internal}) {
        const QString name = Error::codeName(code);
        QVERIFY(!name.isEmpty());
        QVERIFY2(names.insert(name).second, qPrintable(name));
        QCOMPARE(Error(code, {}).message(), name);
    }
    QCOMPARE(Error::cancelled().message(), QStringLiteral("cancelled by the user"));
}

void TestError::chainingOnLvalueModifiesInPlace() {
    Error error = Error::notFound(QStringLiteral("no such series"));
    Error &same = error.inFile(QStringLiteral("/data/ct")).atTag(QStringLiteral("(0020,000E)"));
    QCOMPARE(&same, &error);
    QCOMPARE(error.message(), QStringLiteral("/data/ct: (0020,000E): no such series"));
}

void TestError::chainingOnTemporaryIsSafeToBind() {
    // Binding the result of a chain on a temporary to a const reference extends its lifetime
    // (the && overloads return by value).
    const Error &error =
        Error::io(QStringLiteral("cannot read")).inFile(QStringLiteral("a.dcm")).atField(QStringLiteral("pixel data"));
    QCOMPARE(error.code(), Error::Code::Io);
    QCOMPARE(error.message(), QStringLiteral("a.dcm: pixel data: cannot read"));
}

void TestError::resultValuePath() {
    const Result<int> result = parsePositive(5);
    QVERIFY(result.ok());
    QVERIFY(static_cast<bool>(result));
    QCOMPARE(result.value(), 5);
    QCOMPARE(result.valueOr(-1), 5);
    QCOMPARE(result.error().what(), QString());  // safe on success, like Result<void>

    Result<QString> text = QStringLiteral("hello");
    text.value() += QStringLiteral(" world");
    QCOMPARE(text.value(), QStringLiteral("hello world"));
    const QString moved = std::move(text).value();
    QCOMPARE(moved, QStringLiteral("hello world"));
}

void TestError::resultErrorPath() {
    const Result<int> result = parsePositive(-3);
    QVERIFY(!result.ok());
    QVERIFY(!result);
    QCOMPARE(result.error().code(), Error::Code::InvalidInput);
    QCOMPARE(result.error().message(), QStringLiteral("dose: must be positive"));
    QCOMPARE(result.valueOr(-1), -1);

    // An error travels up through another Result type.
    const auto twice = [](int value) -> Result<double> {
        const Result<int> parsed = parsePositive(value);
        if (!parsed.ok()) return parsed.error();
        return 2.0 * parsed.value();
    };
    QCOMPARE(twice(4).value(), 8.0);
    QCOMPARE(twice(0).error().field(), QStringLiteral("dose"));
}

void TestError::resultMoveOnlyValue() {
    Result<std::unique_ptr<int>> result = std::make_unique<int>(42);
    QVERIFY(result.ok());
    std::unique_ptr<int> owned = std::move(result).value();
    QVERIFY(owned);
    QCOMPARE(*owned, 42);

    const Result<std::unique_ptr<int>> failed = Error::notFound(QStringLiteral("gone"));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code(), Error::Code::NotFound);
}

void TestError::resultVoid() {
    const Status ok = writeFile(true);
    QVERIFY(ok.ok());
    QVERIFY(static_cast<bool>(ok));

    const Status defaulted;
    QVERIFY(defaulted.ok());

    const Status failed = writeFile(false);
    QVERIFY(!failed.ok());
    QVERIFY(!failed);
    QCOMPARE(failed.error().code(), Error::Code::Io);
    QCOMPARE(failed.error().message(), QStringLiteral("/tmp/out.dcm: disk full"));

    const Status cancelled = Error::cancelled();
    QCOMPARE(cancelled.error().code(), Error::Code::Cancelled);
}

DIDYMOS_TEST_MAIN(TestError)
#include "TestError.moc"
