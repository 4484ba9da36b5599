#pragma once
// DrugEffect: the drug's inhibition of the proliferating pool in the Friberg model,
// Edrug(C) with C the molar plasma concentration (µmol/L). Two forms, as fitted by
// Friberg et al. (J Clin Oncol 2002;20:4713-4721): linear (slope × C) and sigmoid Emax
// (Emax·C^h / (EC50^h + C^h)); h = 1 is the hyperbolic Emax form of the paper.
//
// Design: the form and its constants are fixed at initialise(), so the per-step call is a
// branch and a multiply (linear) or one pow (sigmoid, skipped for h = 1 and for C = 0).

#include <cmath>

namespace twin::models::friberg {

class DrugEffect {
public:
    enum class Form { Linear = 0, SigmoidEmax = 1 };

    DrugEffect() = default;
    DrugEffect(Form form, double slopePerMicromolar, double emax, double ec50Micromolar, double hill)
        : form_(form),
          slope_(slopePerMicromolar),
          emax_(emax),
          ec50_(ec50Micromolar),
          hill_(hill),
          ec50PowHill_(std::pow(ec50Micromolar, hill)) {}

    /// Edrug (dimensionless) at molar concentration c (µmol/L).
    double at(double c) const {
        if (form_ == Form::Linear) return slope_ * c;
        if (c <= 0.0) return 0.0;  // no drug, and no NaN from pow of a negative base
        if (hill_ == 1.0) return emax_ * c / (ec50_ + c);
        const double ch = std::pow(c, hill_);
        return emax_ * ch / (ec50PowHill_ + ch);
    }

private:
    Form form_ = Form::Linear;
    double slope_ = 0.0;
    double emax_ = 0.0;
    double ec50_ = 1.0;
    double hill_ = 1.0;
    double ec50PowHill_ = 1.0;
};

}  // namespace twin::models::friberg
