#pragma once
// NtcpLkbPlugin: the Qt plugin object of the "ntcp_lkb" model; model.json is its metadata.

#include "twin/sim_api/IModelFactory.h"

#include <QObject>

namespace twin::models::ntcp_lkb {

class NtcpLkbPlugin : public QObject, public sim_api::IModelFactory {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.didymos.IModelFactory/1" FILE "model.json")
    Q_INTERFACES(twin::sim_api::IModelFactory)
public:
    std::unique_ptr<sim_api::IModel> create() const noexcept override;
};

}  // namespace twin::models::ntcp_lkb
