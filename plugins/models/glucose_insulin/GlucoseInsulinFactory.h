#pragma once
// GlucoseInsulinFactory: the plugin's exported object. Qt reads model.json (embedded by
// Q_PLUGIN_METADATA) before loading the library; create() hands the host a fresh model.

#include "twin/sim_api/IModelFactory.h"

#include <QObject>

namespace glucose_insulin {

class GlucoseInsulinFactory final : public QObject, public twin::sim_api::IModelFactory {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.didymos.IModelFactory/1" FILE "model.json")
    Q_INTERFACES(twin::sim_api::IModelFactory)

public:
    std::unique_ptr<twin::sim_api::IModel> create() const noexcept override;
};

}  // namespace glucose_insulin
