#pragma once
// Runs didymos-cli as a script would (a child process) for the CLI tests: exit code, stdout
// and stderr. Header-only: the binary's path comes from each test's DIDYMOS_CLI_PATH.

#include "TestData.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace twin::test {

struct CliRun {
    int exitCode = -1;  // -1: did not finish in time
    QString out;
    QString err;
};

inline CliRun runProgram(const QString &program, const QStringList &arguments,
                         const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
                         int timeoutMs = 240000) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return {};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

/// As runProgram, with the user data folder (XDG_DATA_HOME) in the scratch folder `home`, so
/// the run never touches the real user's index or settings.
inline CliRun runProgramIsolated(const QString &program, const QStringList &arguments, const QString &home) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), scratchDir(home));
    return runProgram(program, arguments, environment);
}

}  // namespace twin::test
