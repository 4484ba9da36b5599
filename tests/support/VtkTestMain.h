#pragma once
// Mains for tests that use VTK: VTK's warnings and errors are routed to Qt logging so
// StrictTestCase fails on them too.

#include "TestMain.h"
#include "twin/imaging/VtkMessageRouter.h"

/// Headless test that uses VTK data and filters (no display needed).
#define DIDYMOS_VTK_UNIT_TEST_MAIN(TestClass)                          \
    int main(int argc, char **argv) {                                  \
        ::twin::test::prepareTestEnvironment(#TestClass);       \
        QCoreApplication app(argc, argv);                              \
        ::twin::imaging::VtkMessageRouter::install();                  \
        TestClass test;                                                \
        return QTest::qExec(&test, argc, argv);                        \
    }

