// NtcpLkbPlugin: creates NtcpLkbModel instances (null if allocation fails; nothing throws out).

#include "NtcpLkbPlugin.h"

#include "NtcpLkbModel.h"

namespace twin::models::ntcp_lkb {

std::unique_ptr<sim_api::IModel> NtcpLkbPlugin::create() const noexcept {
    try {
        return std::make_unique<NtcpLkbModel>();
    } catch (...) {
        return nullptr;
    }
}

}  // namespace twin::models::ntcp_lkb
