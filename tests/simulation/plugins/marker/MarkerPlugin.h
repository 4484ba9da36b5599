#pragma once
// Refused (model.json lists the action kind "teleport"), and its library has a global
// constructor (MarkerPlugin.cpp) that writes a marker file: if the loader ran any of this
// library's code before refusing it, the marker would exist.

#include "../common/DecayModel.h"
#include "twin/sim_api/IModelFactory.h"

#include <QObject>

class MarkerPlugin : public QObject, public twin::sim_api::IModelFactory {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.didymos.IModelFactory/1" FILE "model.json")
    Q_INTERFACES(twin::sim_api::IModelFactory)
public:
    std::unique_ptr<twin::sim_api::IModel> create() const noexcept override {
        return std::make_unique<twin::test::DecayModel>();
    }
};
