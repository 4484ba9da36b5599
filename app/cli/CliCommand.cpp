#include "CliCommand.h"

namespace twin::cli {

int CliCommand::usageError(QTextStream &err, const QString &message) const {
    err << "didymos-cli " << name() << ": error: " << message << " (usage: didymos-cli " << name() << ' ' << usage()
        << ")\n";
    return kExitUsage;
}

int CliCommand::failure(QTextStream &err, const QString &message) const {
    err << "didymos-cli " << name() << ": error: " << message << '\n';
    return kExitFailure;
}

}  // namespace twin::cli
