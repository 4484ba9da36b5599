#include "InfoCommand.h"

#include "OpenGlProbe.h"
#include "SoftwareInventoryBuilder.h"
#include "twin/core/AppPaths.h"
#include "twin/sim_api/ApiVersion.h"
#include "twin/simulation/PluginDirectoryScan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace twin::cli {

int InfoCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err) {
    bool json = false;
    for (const QString &argument : arguments) {
        if (argument == QStringLiteral("--json")) json = true;
        else return usageError(err, QStringLiteral("unknown argument '%1'").arg(argument));
    }
    const reporting::SoftwareInventory inventory = app::buildSoftwareInventory();
    QJsonArray pluginDirs;
    for (const simulation::PluginDirectory &dir : simulation::PluginDirectoryScan::scan(core::AppPaths::modelPluginDirs())) {
        pluginDirs.append(QJsonObject{{QStringLiteral("path"), dir.path},
                                      {QStringLiteral("exists"), dir.exists},
                                      {QStringLiteral("plugins"), QJsonArray::fromStringList(dir.candidateFiles)}});
    }
    QJsonObject root{{QStringLiteral("didymos"), QJsonObject{{QStringLiteral("version"), QStringLiteral(DIDYMOS_VERSION)},
                                                             {QStringLiteral("modelApi"),
                                                              QStringLiteral("%1.%2").arg(sim_api::kApiMajor).arg(sim_api::kApiMinor)}}},
                     {QStringLiteral("libraries"), inventory.toJson()},
                     {QStringLiteral("pluginDirectories"), pluginDirs},
                     {QStringLiteral("userDataDirectory"), core::AppPaths::userDataDir()}};
    const core::Result<app::OpenGlInfo> gl = app::probeOpenGl();
    if (gl.ok()) {
        root.insert(QStringLiteral("opengl"), QJsonObject{{QStringLiteral("vendor"), gl.value().vendor},
                                                          {QStringLiteral("renderer"), gl.value().renderer},
                                                          {QStringLiteral("version"), gl.value().version},
                                                          {QStringLiteral("glsl"), gl.value().glslVersion},
                                                          {QStringLiteral("profile"), gl.value().profile}});
    } else {
        root.insert(QStringLiteral("opengl"), QJsonValue::Null);
        root.insert(QStringLiteral("openglNote"), gl.error().message());
    }
    if (json) {
        out << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return kExitOk;
    }
    out << "Didymos " << DIDYMOS_VERSION << " (model API " << sim_api::kApiMajor << '.' << sim_api::kApiMinor << ")\n";
    out << inventory.toText() << '\n';
    out << "Model plugin folders:\n";
    for (const QJsonValue &dir : pluginDirs) {
        const QJsonObject o = dir.toObject();
        out << "  " << o.value(QStringLiteral("path")).toString()
            << (o.value(QStringLiteral("exists")).toBool() ? "" : " (missing)") << '\n';
    }
    out << "OpenGL: " << (gl.ok() ? gl.value().renderer + QStringLiteral(", ") + gl.value().version : gl.error().message()) << '\n';
    return kExitOk;
}

}  // namespace twin::cli
