// PkPlugin: creates PkModel instances (null if allocation fails; nothing throws out).

#include "PkPlugin.h"

#include "PkModel.h"

namespace twin::models::pk {

std::unique_ptr<sim_api::IModel> PkPlugin::create() const noexcept {
    try {
        return std::make_unique<PkModel>();
    } catch (...) {
        return nullptr;
    }
}

}  // namespace twin::models::pk
