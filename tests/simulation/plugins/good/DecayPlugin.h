#pragma once
// The good test plugin: "test_decay" (see ../common/DecayModel.h), a valid model.json.

#include "../common/DecayModel.h"
#include "twin/sim_api/IModelFactory.h"

#include <QObject>

class DecayPlugin : public QObject, public twin::sim_api::IModelFactory {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.didymos.IModelFactory/1" FILE "model.json")
    Q_INTERFACES(twin::sim_api::IModelFactory)
public:
    std::unique_ptr<twin::sim_api::IModel> create() const noexcept override {
        return std::make_unique<twin::test::DecayModel>();
    }
};
