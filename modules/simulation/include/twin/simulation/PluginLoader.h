#pragma once
// PluginLoader: finds the model plugins and loads those that pass every check, in an order
// that runs no plugin code before it is accepted:
//
//   1. every *.so of each folder (PluginDirectoryScan: folders in order, files by name);
//   2. QPluginLoader::metaData() — Qt reads the ELF .qtmetadata section without dlopen();
//   3. the IID must be DIDYMOS_MODEL_FACTORY_IID (another kind of Qt plugin is refused);
//   4. ModelMetadata::fromJson(): model.json well-formed, units UCUM, API version compatible;
//   5. the model id must not be loaded already: the first one found wins, the later file is
//      refused with a reason naming both files;
//   6. only then instance() (loads the library, runs its constructors) and
//      qobject_cast<sim_api::IModelFactory *>.
// A refused plugin is listed with its reason; loading carries on with the next file.
//
//   PluginLoadResult plugins = PluginLoader::load();                   // the app's folders
//   PluginLoadResult mine = PluginLoader::load({dir}, PluginLoader::DefaultFolders::Skip);

#include "twin/simulation/PluginLoadResult.h"

#include <QStringList>

namespace twin::simulation {

class PluginLoader {
public:
    enum class DefaultFolders { Include, Skip };

    /// Scans core::AppPaths::modelPluginDirs() (unless Skip), then `extraFolders`.
    static PluginLoadResult load(const QStringList &extraFolders = {},
                                 DefaultFolders defaults = DefaultFolders::Include);
};

}  // namespace twin::simulation
