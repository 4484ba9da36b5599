#pragma once
// The subcommand dispatcher: global --help / --version, `help <command>`, and one clear
// error line with a non-zero exit for anything it does not understand.

#include "CliCommand.h"

#include <memory>
#include <vector>

namespace twin::cli {

class CliApplication {
public:
    void add(std::unique_ptr<CliCommand> command);
    CliCommand *find(const QString &name) const;
    /// As find(), choosing among commands of the same name by the subcommand (the first word of
    /// their usage) that starts `arguments`.
    CliCommand *find(const QString &name, const QStringList &arguments) const;
    /// `arguments` excludes the program name.
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) const;
    QString helpText() const;

private:
    std::vector<std::unique_ptr<CliCommand>> commands_;
};

}  // namespace twin::cli
