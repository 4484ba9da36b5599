#pragma once
// One `didymos-cli <command>`: name, one-line summary, usage, and run(). Commands write
// results to `out` and a single error line to `err`; they return the process exit code.

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace twin::cli {

enum ExitCode { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

class CliCommand {
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    /// Arguments after the command name, e.g. "[--json]".
    virtual QString usage() const = 0;
    virtual int run(const QStringList &arguments, QTextStream &out, QTextStream &err) = 0;
    /// True when this invocation needs a QGuiApplication (e.g. to probe OpenGL).
    virtual bool wantsGuiApplication(const QStringList &) const { return false; }

protected:
    /// Writes "didymos-cli <name>: error: <message>" and returns kExitUsage.
    int usageError(QTextStream &err, const QString &message) const;
    /// Writes "didymos-cli <name>: error: <message>" and returns kExitFailure.
    int failure(QTextStream &err, const QString &message) const;
};

}  // namespace twin::cli
