#include "TestMain.h"

namespace twin::test {

void prepareTestEnvironment(const char *testName, bool gui) {
    QCoreApplication::setOrganizationName(QStringLiteral("DidymosTests"));
    QCoreApplication::setApplicationName(QString::fromLatin1(testName));
    QStandardPaths::setTestModeEnabled(true);
    if (gui) {
        QSurfaceFormat format;
        format.setRenderableType(QSurfaceFormat::OpenGL);
        format.setVersion(3, 2);
        format.setProfile(QSurfaceFormat::CoreProfile);
        format.setDepthBufferSize(24);
        format.setStencilBufferSize(8);
        QSurfaceFormat::setDefaultFormat(format);
    }
}

}  // namespace twin::test
