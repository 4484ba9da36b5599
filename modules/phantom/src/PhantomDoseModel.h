#pragma once
// The planned dose of the demo patient, analytically: a plateau over the PTV that falls off
// with an error-function shoulder (80-20 % penumbra ~ 8 mm), plus a low-dose bath along the
// beams (an anisotropic gaussian, shorter along z), all zero outside the body.
//
//   D(p) = Dmax * (w * erfc((r - R) / (sqrt(2) s)) / 2 + (1 - w) * exp(-q(p) / 2))
//
// r = distance to the tumour centre, R = PTV radius + 7.5 mm, s = 5 mm, w = 0.85,
// q = sum over axes of (d_axis / sigma_axis)^2. Dmax = 106 % of the prescription: the GTV gets
// 104-106 %, the PTV surface ~ 96-98 %, 10 cm away a few Gy.

#include "PhantomAnatomy.h"

#include "twin/core/VolumeGeometry.h"

#include <cstdint>

namespace twin::phantom {

class PhantomDoseModel {
public:
    PhantomDoseModel(const PhantomAnatomy &anatomy, double prescriptionGy);

    double doseGyAt(const Vec3 &point) const;
    double maximumGy() const { return maximumGy_; }

    /// Slice k of an axis-aligned grid, in centi-gray (rounded).
    void fillSliceCgy(const core::VolumeGeometry &geometry, int k, std::int16_t *cgy) const;

private:
    double shoulder(double distance) const;
    double bathAxis(int axis, double delta) const;

    const PhantomAnatomy &anatomy_;
    Vec3 centre_;
    double maximumGy_ = 0.0;
    double shoulderRadiusMm_ = 0.0;
};

}  // namespace twin::phantom
