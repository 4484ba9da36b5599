#pragma once
// LoadedModel: one model plugin that passed the loader's checks: its checked metadata, the
// factory it exports and the file it came from. The library stays loaded for as long as any
// copy (or any ModelInstance made from it) lives: IModel objects have their code in it.

#include "twin/sim_api/IModelFactory.h"
#include "twin/simulation/ModelMetadata.h"

#include <QString>

#include <memory>

class QPluginLoader;

namespace twin::simulation {

struct LoadedModel {
    std::shared_ptr<const ModelMetadata> metadata;
    sim_api::IModelFactory *factory = nullptr;  // owned by the plugin library
    QString file;
    std::shared_ptr<QPluginLoader> library;  // keeps the library loaded
};

}  // namespace twin::simulation
