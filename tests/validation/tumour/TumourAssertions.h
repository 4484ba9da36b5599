#pragma once
// TumourAssertions: comparisons for the tumour validation tests — a relative-tolerance check
// that prints both values to 17 digits, a bitwise comparison of output traces (QCOMPARE on
// doubles is fuzzy, save/restore and determinism must be exact) — and the shared data rows.

#include <QString>
#include <QTest>

#include <cmath>
#include <cstring>
#include <numbers>
#include <vector>

namespace twin::test::tumour {

inline QString mismatch(double actual, double expected) {
    return QStringLiteral("got %1, expected %2 (relative difference %3)")
        .arg(actual, 0, 'g', 17)
        .arg(expected, 0, 'g', 17)
        .arg(std::abs(actual - expected) / std::abs(expected), 0, 'g', 3);
}
inline bool sameBits(const std::vector<double> &a, const std::vector<double> &b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

inline constexpr double kLn2 = std::numbers::ln2;

/// Rows "Tk = 21 d" (repopulation over T − 21 d) and "Tk = 60 d" (none, as 60 > T).
inline void addKickoffRows(int overallTime) {
    QTest::addColumn<double>("tk");
    QTest::newRow(qPrintable(QStringLiteral("repopulation over %1 d").arg(overallTime - 21))) << 21.0;
    QTest::newRow("no repopulation (Tk = 60 d > T)") << 60.0;
}

}  // namespace twin::test::tumour

#define VERIFY_REL(actual, expected, rel)                                                                      \
    do {                                                                                                       \
        const double a_ = (actual), e_ = (expected);                                                           \
        QVERIFY2(std::abs(a_ - e_) <= (rel)*std::abs(e_), qPrintable(::twin::test::tumour::mismatch(a_, e_))); \
    } while (0)

/// A harness on the "tumour" plugin named `name`; fails the test function if it did not load.
#define MAKE_MODEL(name)                               \
    PluginModelHarness name(QStringLiteral("tumour")); \
    QVERIFY2(name.ok(), qPrintable(name.error()))
