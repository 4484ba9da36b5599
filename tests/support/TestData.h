#pragma once
// Access to the public sample data in ../shared/data (or $DIDYMOS_TEST_DATA).
// Missing data fails the test under CI=true and skips it, with a message, otherwise.

#include <QDir>
#include <QString>
#include <QTest>

namespace twin::test {

/// Root of the shared sample data, or an empty string when it is not there.
QString sharedDataRoot();
/// True under CI (environment CI=true): missing data is then a failure, not a skip.
bool runningUnderCi();
/// Directory for scratch output of the current test binary (created, emptied at start).
QString scratchDir(const QString &name);

}  // namespace twin::test

/// Sets `var` to the absolute path of `relative` (a string literal or a QString expression)
/// under the shared data, or skips/fails.
#define DIDYMOS_REQUIRE_TEST_DATA(var, relative)                                                   \
    const QString var = ::twin::test::sharedDataRoot() + QLatin1Char('/') + QString(relative);    \
    do {                                                                                           \
        if (::twin::test::sharedDataRoot().isEmpty() || !QFileInfo::exists(var)) {                 \
            const QByteArray why = QStringLiteral("test data missing: %1 (set DIDYMOS_TEST_DATA)") \
                                       .arg(var).toUtf8();                                         \
            if (::twin::test::runningUnderCi()) QFAIL(why.constData());                            \
            QSKIP(why.constData());                                                                \
        }                                                                                          \
    } while (false)
