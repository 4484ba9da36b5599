#include "TestMain.h"

namespace twin::test {

void prepareTestEnvironment(const char *testName) {
    QCoreApplication::setOrganizationName(QStringLiteral("DidymosTests"));
    QCoreApplication::setApplicationName(QString::fromLatin1(testName));
    QStandardPaths::setTestModeEnabled(true);
}

}  // namespace twin::test
