// PkParameters: validation of the raw parameter values and the renal clearance adjustment.

#include "PkParameters.h"

#include <cmath>

namespace twin::models::pk {

double renalAdjustedClearance(double clPop, double renalFraction, double crcl, double crclRef) {
    return clPop * ((1.0 - renalFraction) + renalFraction * crcl / crclRef);
}

std::optional<PkParameters> PkParameters::from(const std::array<double, kParameterCount> &values) {
    for (double v : values)
        if (!std::isfinite(v)) return std::nullopt;

    PkParameters p;
    const double n = values[kCompartments];
    if (n != std::round(n) || n < 1.0 || n > 3.0) return std::nullopt;
    p.compartments = static_cast<int>(n);

    const double fr = values[kRenalFraction];
    if (fr < 0.0 || fr > 1.0 || values[kCrclRefMlMin] <= 0.0 || values[kCrclMlMin] < 0.0) return std::nullopt;
    p.clearance = renalAdjustedClearance(values[kClearance], fr, values[kCrclMlMin], values[kCrclRefMlMin]);
    p.v1 = values[kV1];
    p.ka = values[kKa];
    p.bioavailability = values[kBioavailability];
    if (p.clearance < 0.0 || p.v1 <= 0.0 || p.ka < 0.0 || p.bioavailability < 0.0) return std::nullopt;

    // Peripheral compartments beyond the count are absent: no exchange, whatever their values.
    if (p.compartments >= 2) {
        p.q2 = values[kQ2];
        p.v2 = values[kV2];
        if (p.q2 < 0.0 || p.v2 <= 0.0) return std::nullopt;
    }
    if (p.compartments == 3) {
        p.q3 = values[kQ3];
        p.v3 = values[kV3];
        if (p.q3 < 0.0 || p.v3 <= 0.0) return std::nullopt;
    }
    return p;
}

}  // namespace twin::models::pk
