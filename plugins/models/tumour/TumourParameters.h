#pragma once
// TumourParameters: the "tumour" model's parameter values, in model.json "parameters" order,
// read from the span the host passes to setParameters(). Keeping the order in one place (the
// Index enum) is what ties the C++ side to model.json; TestTumourValidation sets every value
// by its model.json id, so a reordering on one side only fails there.

#include <cmath>
#include <cstddef>
#include <span>

namespace twin::models::tumour {

struct TumourParameters {
    /// Position of each parameter in model.json "parameters".
    enum Index : std::size_t {
        kGrowthModel,
        kV0Ml,
        kDoublingTimeDays,
        kCarryingCapacityMl,
        kAlphaPerGy,
        kAlphaBetaGy,
        kKickoffDays,
        kTpotDays,
        kClearanceHalfLifeDays,
        kClonogenDensityPerMl,
        kKillRate,
        kChemoKillModel,
        kCount
    };

    int growthModel = 0;              // 0 exponential, 1 logistic, 2 Gompertz
    double v0Ml = 50.0;               // viable tumour volume at scenario time 0
    double doublingTimeDays = 191.0;  // volume doubling time at v0 (sets the growth rate)
    double carryingCapacityMl = 1000.0;
    double alphaPerGy = 0.35;
    double alphaBetaGy = 10.0;
    double kickoffDays = 21.0;  // Tk, after the first fraction
    double tpotDays = 3.0;      // Tpot of the repopulating clonogens
    double clearanceHalfLifeDays = 28.2;
    double clonogenDensityPerMl = 1e7;
    double killRate = 0.0;   // k_kill, L/(mg·day)
    int chemoKillModel = 0;  // 0 log-kill, 1 Norton–Simon

    /// Values in Index order; a span of another size leaves the defaults (the host checks the
    /// count against model.json, so this only guards a direct caller).
    static TumourParameters fromSpan(std::span<const double> v) noexcept {
        TumourParameters p;
        if (v.size() != kCount) return p;
        p.growthModel = static_cast<int>(std::lround(v[kGrowthModel]));
        p.v0Ml = v[kV0Ml];
        p.doublingTimeDays = v[kDoublingTimeDays];
        p.carryingCapacityMl = v[kCarryingCapacityMl];
        p.alphaPerGy = v[kAlphaPerGy];
        p.alphaBetaGy = v[kAlphaBetaGy];
        p.kickoffDays = v[kKickoffDays];
        p.tpotDays = v[kTpotDays];
        p.clearanceHalfLifeDays = v[kClearanceHalfLifeDays];
        p.clonogenDensityPerMl = v[kClonogenDensityPerMl];
        p.killRate = v[kKillRate];
        p.chemoKillModel = static_cast<int>(std::lround(v[kChemoKillModel]));
        return p;
    }

    /// False for values the equations cannot take (the model then outputs NaN, and the host
    /// disables it with a message). Values merely outside the published ranges are the host's
    /// to flag, not ours to refuse.
    bool usable() const noexcept {
        const bool positive =
            doublingTimeDays > 0 && alphaPerGy > 0 && alphaBetaGy > 0 && tpotDays > 0 && clearanceHalfLifeDays > 0;
        const bool nonNegative = v0Ml >= 0 && kickoffDays >= 0 && clonogenDensityPerMl >= 0 && killRate >= 0;
        const bool models = growthModel >= 0 && growthModel <= 2 && (chemoKillModel == 0 || chemoKillModel == 1);
        const bool capacity = growthModel == 0 || (carryingCapacityMl > 0 && v0Ml < carryingCapacityMl);
        return positive && nonNegative && models && capacity && std::isfinite(v0Ml);
    }
};

}  // namespace twin::models::tumour
