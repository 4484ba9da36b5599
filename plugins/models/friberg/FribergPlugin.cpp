// FribergPlugin: creates FribergModel instances (null if allocation fails; nothing throws out).

#include "FribergPlugin.h"

#include "FribergModel.h"

namespace twin::models::friberg {

std::unique_ptr<sim_api::IModel> FribergPlugin::create() const noexcept {
    try {
        return std::make_unique<FribergModel>();
    } catch (...) {
        return nullptr;
    }
}

}  // namespace twin::models::friberg
