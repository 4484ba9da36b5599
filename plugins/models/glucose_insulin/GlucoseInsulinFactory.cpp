// GlucoseInsulinFactory: creates GlucoseInsulinModel instances; never throws across the boundary.

#include "GlucoseInsulinFactory.h"

#include "GlucoseInsulinModel.h"

#include <new>

namespace glucose_insulin {

std::unique_ptr<twin::sim_api::IModel> GlucoseInsulinFactory::create() const noexcept {
    // nothrow new, owned at once: make_unique could throw bad_alloc out of a noexcept function.
    return std::unique_ptr<twin::sim_api::IModel>(new (std::nothrow) GlucoseInsulinModel());
}

}  // namespace glucose_insulin
