// TumourPlugin: creates TumourModel instances (null if allocation fails; nothing throws out).

#include "TumourPlugin.h"

#include "TumourModel.h"

namespace twin::models::tumour {

std::unique_ptr<sim_api::IModel> TumourPlugin::create() const noexcept {
    try {
        return std::make_unique<TumourModel>();
    } catch (...) {
        return nullptr;
    }
}

}  // namespace twin::models::tumour
