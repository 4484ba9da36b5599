#pragma once
// LkbParameters: the Lyman–Kutcher–Burman parameters of one organ and endpoint, plus the α/β
// ratio used to convert each DVH bin's dose to EQD2 before the gEUD is taken.
//
//   TD50  uniform whole-organ dose (EQD2, Gy) with a 50 % complication probability
//   m     slope: the standard deviation of the probit curve is m·TD50
//   n     volume effect: gEUD = (Σᵢ vᵢ Dᵢ^(1/n))^n; n = 1 is the mean dose, n → 0 the maximum
//   α/β   linear-quadratic ratio (Gy) of the tissue for this (late) endpoint

#include <cmath>

namespace twin::models::ntcp_lkb {

struct LkbParameters {
    double td50Gy = 0.0;
    double m = 0.0;
    double n = 0.0;
    double alphaBetaGy = 0.0;

    /// All four must be finite and positive; the LKB formula is undefined otherwise.
    bool valid() const {
        return std::isfinite(td50Gy) && std::isfinite(m) && std::isfinite(n) && std::isfinite(alphaBetaGy) &&
               td50Gy > 0.0 && m > 0.0 && n > 0.0 && alphaBetaGy > 0.0;
    }
};

}  // namespace twin::models::ntcp_lkb
