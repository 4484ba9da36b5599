#include "CliApplication.h"

namespace twin::cli {

void CliApplication::add(std::unique_ptr<CliCommand> command) { commands_.push_back(std::move(command)); }

CliCommand *CliApplication::find(const QString &name) const {
    for (const auto &command : commands_) {
        if (command->name() == name) return command.get();
    }
    return nullptr;
}

namespace {

/// The first word of a command's usage: its subcommand when several commands share a name
/// (`bench dicom`, `bench simulate`).
QString subcommandOf(const CliCommand &command) {
    return command.usage().section(QLatin1Char(' '), 0, 0);
}

}  // namespace

CliCommand *CliApplication::find(const QString &name, const QStringList &arguments) const {
    QList<CliCommand *> named;
    for (const auto &command : commands_) {
        if (command->name() == name) named << command.get();
    }
    if (named.size() < 2) return named.isEmpty() ? nullptr : named.first();
    for (CliCommand *command : named) {
        if (!arguments.isEmpty() && subcommandOf(*command) == arguments.first()) return command;
    }
    return named.first();  // it reports the usage error (e.g. "expected 'dicom'") itself
}

QString CliApplication::helpText() const {
    QString text = QStringLiteral("Usage: didymos-cli <command> [arguments]\n"
                                  "       didymos-cli --version | --help | help <command>\n\n"
                                  "Headless Didymos: every GUI capability, scriptable.\n\nCommands:\n");
    for (const auto &command : commands_) {
        text += QStringLiteral("  %1 %2\n      %3\n").arg(command->name(), command->usage(), command->summary());
    }
    return text;
}

int CliApplication::run(const QStringList &arguments, QTextStream &out, QTextStream &err) const {
    if (arguments.isEmpty()) {
        err << "didymos-cli: error: no command given (try didymos-cli --help)\n";
        return kExitUsage;
    }
    const QString first = arguments.first();
    if (first == QStringLiteral("--help") || first == QStringLiteral("-h")) {
        out << helpText();
        return kExitOk;
    }
    if (first == QStringLiteral("--version")) {
        out << "didymos-cli " << DIDYMOS_VERSION << '\n';
        return kExitOk;
    }
    if (first == QStringLiteral("help")) {
        if (arguments.size() < 2) {
            out << helpText();
            return kExitOk;
        }
        bool found = false;
        for (const auto &command : commands_) {
            if (command->name() != arguments.at(1)) continue;
            out << "Usage: didymos-cli " << command->name() << ' ' << command->usage() << "\n" << command->summary() << '\n';
            found = true;
        }
        if (found) return kExitOk;
        err << "didymos-cli: error: unknown command '" << arguments.at(1) << "' (try didymos-cli --help)\n";
        return kExitUsage;
    }
    if (first.startsWith(QLatin1Char('-'))) {
        err << "didymos-cli: error: unknown option '" << first << "' (try didymos-cli --help)\n";
        return kExitUsage;
    }
    CliCommand *command = find(first, arguments.mid(1));
    if (!command) {
        err << "didymos-cli: error: unknown command '" << first << "' (try didymos-cli --help)\n";
        return kExitUsage;
    }
    return command->run(arguments.mid(1), out, err);
}

}  // namespace twin::cli
