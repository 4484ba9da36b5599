#pragma once
// Main for tests that render with VTK: a QApplication with the OpenGL 3.2 core format, and
// VTK's warnings and errors routed to Qt logging so StrictTestCase fails on them too.

#include "TestMain.h"
#include "twin/visualization/VtkMessageRouter.h"

#define DIDYMOS_VTK_TEST_MAIN(TestClass)                               \
    int main(int argc, char **argv) {                                  \
        ::twin::test::prepareTestEnvironment(#TestClass, true);        \
        QApplication app(argc, argv);                                  \
        ::twin::visualization::VtkMessageRouter::install();            \
        TestClass test;                                                \
        return QTest::qExec(&test, argc, argv);                        \
    }
