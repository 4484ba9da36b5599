#pragma once
// `didymos-cli info [--json]`: library versions, plugin directories, data directory and,
// when a display exists, the OpenGL implementation.

#include "CliCommand.h"

namespace twin::cli {

class InfoCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("info"); }
    QString summary() const override { return QStringLiteral("Versions of Didymos and its libraries, plugin folders, OpenGL."); }
    QString usage() const override { return QStringLiteral("[--json]"); }
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
    bool wantsGuiApplication(const QStringList &) const override { return true; }
};

}  // namespace twin::cli
