#pragma once
// PkParameters: the pk plugin's parameters in model.json order (the enum below must match it)
// and the values the dynamics use, derived once per initialise(): the renal-function-adjusted
// clearance and the compartment count. Units stay clinical here (L, L/h, 1/h); the conversion
// to the host's day clock happens in one place, where the rate matrix meets the step (hours =
// 24 x days, see PropagatorCache).

#include <array>
#include <cstddef>
#include <optional>
#include <span>

namespace twin::models::pk {

/// model.json "parameters" order.
enum Parameter : std::size_t {
    kCompartments,
    kClearance,
    kV1,
    kQ2,
    kV2,
    kQ3,
    kV3,
    kKa,
    kBioavailability,
    kRenalFraction,
    kCrclMlMin,
    kCrclRefMlMin,
    kBsaM2,
    kParameterCount
};

/// CL = CL_pop x ((1 - fr) + fr x CrCl / CrCl_ref): the non-renal part of the clearance is kept,
/// the renal part scales with creatinine clearance (Dettli's proportionality, Clin Pharmacol
/// Ther 1974;16:274).
double renalAdjustedClearance(double clPop, double renalFraction, double crcl, double crclRef);

struct PkParameters {
    int compartments = 3;
    double clearance = 0.0;                         // L/h, after the renal adjustment
    double v1 = 0.0;                                // L
    double q2 = 0.0, v2 = 0.0, q3 = 0.0, v3 = 0.0;  // L/h, L; q is 0 for an absent compartment
    double ka = 0.0;                                // 1/h
    double bioavailability = 1.0;                   // fraction of an oral dose reaching the gut depot

    /// The derived values, or nothing when the set cannot define a model (a non-finite value,
    /// a volume <= 0, a negative rate, a compartment count other than 1, 2 or 3). Values that
    /// are merely outside model.json's [min, max] are used as given (the host flags them).
    static std::optional<PkParameters> from(const std::array<double, kParameterCount> &values);
};

}  // namespace twin::models::pk
