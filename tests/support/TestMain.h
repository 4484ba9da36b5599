#pragma once
// Test mains. Every test runs with QStandardPaths in test mode (no user files touched) and
// its own QSettings organisation, so tests never read or write a real user's settings.

#include "StrictTestCase.h"
#include "TestData.h"

#include <QApplication>
#include <QCoreApplication>
#include <QStandardPaths>
#include <QTest>

namespace twin::test {
/// Sets application identity for settings and paths (test mode: no user files touched).
void prepareTestEnvironment(const char *testName);
}

/// Headless test (QCoreApplication).
#define DIDYMOS_TEST_MAIN(TestClass)                                   \
    int main(int argc, char **argv) {                                  \
        ::twin::test::prepareTestEnvironment(#TestClass);       \
        QCoreApplication app(argc, argv);                              \
        TestClass test;                                                \
        return QTest::qExec(&test, argc, argv);                        \
    }

/// Widget/OpenGL test (QApplication; run under Xvfb when there is no display).
#define DIDYMOS_GUI_TEST_MAIN(TestClass)                               \
    int main(int argc, char **argv) {                                  \
        ::twin::test::prepareTestEnvironment(#TestClass);        \
        QApplication app(argc, argv);                                  \
        TestClass test;                                                \
        return QTest::qExec(&test, argc, argv);                        \
    }
