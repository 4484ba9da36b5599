// PluginLoader: see PluginLoader.h for the order of the checks.

#include "twin/simulation/PluginLoader.h"

#include "twin/core/AppPaths.h"
#include "twin/simulation/PluginDirectoryScan.h"

#include <QDir>
#include <QFileInfo>
#include <QPluginLoader>

namespace twin::simulation {

namespace {

/// Steps 2–5: everything that can be checked without running plugin code.
core::Result<ModelMetadata> checkBeforeLoading(const QPluginLoader &library, const PluginLoadResult &sofar) {
    const QString file = library.fileName();
    const QJsonObject raw = library.metaData();
    if (raw.isEmpty()) {
        return core::Error::invalidInput(QStringLiteral("not a Qt plugin (no plugin metadata)")).inFile(file);
    }
    const QString iid = raw.value(QStringLiteral("IID")).toString();
    if (iid != QLatin1String(DIDYMOS_MODEL_FACTORY_IID)) {
        return core::Error::unsupported(QStringLiteral("plugin interface \"%1\" is not \"%2\"")
                                            .arg(iid, QLatin1String(DIDYMOS_MODEL_FACTORY_IID)))
            .inFile(file)
            .atField(QStringLiteral("IID"));
    }
    core::Result<ModelMetadata> metadata =
        ModelMetadata::fromJson(raw.value(QStringLiteral("MetaData")).toObject(), file);
    if (!metadata.ok()) return metadata;
    if (const LoadedModel *first = sofar.find(metadata.value().id())) {
        return core::Error::invalidInput(QStringLiteral("model id \"%1\" is already loaded from %2; this file is "
                                                        "ignored")
                                             .arg(metadata.value().id(), first->file))
            .inFile(file)
            .atField(QStringLiteral("id"));
    }
    return metadata;
}

}  // namespace

PluginLoadResult PluginLoader::load(const QStringList &extraFolders, DefaultFolders defaults) {
    PluginLoadResult result;
    if (defaults == DefaultFolders::Include) result.scannedDirectories = core::AppPaths::modelPluginDirs();
    for (const QString &folder : extraFolders) {
        const QString clean = QDir::cleanPath(folder);
        if (!result.scannedDirectories.contains(clean)) result.scannedDirectories << clean;
    }

    for (const PluginDirectory &folder : PluginDirectoryScan::scan(result.scannedDirectories)) {
        for (const QString &name : folder.candidateFiles) {
            const QString file = QFileInfo(folder.path + QLatin1Char('/') + name).absoluteFilePath();
            auto library = std::make_shared<QPluginLoader>(file);
            core::Result<ModelMetadata> metadata = checkBeforeLoading(*library, result);
            if (!metadata.ok()) {
                result.refused.append({file, metadata.error().message()});
                continue;
            }
            // Step 6: from here on the plugin's code runs.
            QObject *root = library->instance();
            auto *factory = qobject_cast<sim_api::IModelFactory *>(root);
            if (!factory) {
                const QString why = root ? QStringLiteral("its root object is not an IModelFactory")
                                         : QStringLiteral("the library did not load: %1").arg(library->errorString());
                result.refused.append({file, core::Error::invalidInput(why).inFile(file).message()});
                continue;
            }
            result.models.push_back(LoadedModel{std::make_shared<const ModelMetadata>(std::move(metadata).value()),
                                                factory, file, std::move(library)});
        }
    }
    return result;
}

}  // namespace twin::simulation
