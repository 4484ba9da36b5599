#pragma once
// Main for tests that render through the Qt 6 <-> VTK view: a QApplication with the OpenGL
// 3.2 core default format, VTK messages routed to Qt logging (StrictTestCase fails on them).

#include "VtkTestMain.h"
#include "twin/ui/VtkOpenGLView.h"

/// Test that renders (QApplication, OpenGL 3.2 core default format).
#define DIDYMOS_VTK_TEST_MAIN(TestClass)                               \
    int main(int argc, char **argv) {                                  \
        ::twin::test::prepareTestEnvironment(#TestClass);              \
        ::twin::ui::VtkOpenGLView::installDefaultSurfaceFormat();        \
        QApplication app(argc, argv);                                  \
        ::twin::imaging::VtkMessageRouter::install();            \
        TestClass test;                                                \
        return QTest::qExec(&test, argc, argv);                        \
    }
