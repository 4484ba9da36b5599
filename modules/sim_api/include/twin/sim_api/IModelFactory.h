#pragma once
// IModelFactory: what a model plugin exports. A plugin is a Qt plugin (QObject + this
// interface) declared with
//
//   Q_PLUGIN_METADATA(IID "org.didymos.IModelFactory/1" FILE "model.json")
//   Q_INTERFACES(twin::sim_api::IModelFactory)
//
// The host reads model.json (see modules/sim_api/README.md) through QPluginLoader::metaData()
// and checks it (API version, unique id, well-formed specs) before it loads the library and
// runs any plugin code. create() must not throw; it returns null on failure.

#include "twin/sim_api/ApiVersion.h"
#include "twin/sim_api/IModel.h"

#include <QtPlugin>

#include <memory>

namespace twin::sim_api {

class IModelFactory {
public:
    virtual ~IModelFactory() = default;
    /// A fresh model instance in its uninitialised state.
    virtual std::unique_ptr<IModel> create() const noexcept = 0;
};

}  // namespace twin::sim_api

#define DIDYMOS_MODEL_FACTORY_IID "org.didymos.IModelFactory/1"
Q_DECLARE_INTERFACE(twin::sim_api::IModelFactory, DIDYMOS_MODEL_FACTORY_IID)
