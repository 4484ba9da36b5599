#pragma once
// Settings of the MAP fit: the Levenberg–Marquardt tolerances (Eigen's MINPACK port), the
// finite-difference step of the numerical Jacobian, an optional analytic Jacobian and start.

#include "twin/simulation/CalibrationModel.h"

#include <vector>

namespace twin::simulation {

struct MapEstimatorOptions {
    /// Most calls of the objective (each one a predict call); Jacobian calls are not counted.
    int maxFunctionEvaluations = 400;
    /// MINPACK ftol / xtol: relative reduction of the sum of squares / relative change of ln θ.
    double relativeObjectiveTolerance = 1e-10;
    double relativeStepTolerance = 1e-10;
    /// Central-difference step in ln θ (1e-4: truncation error ~1e-8 relative, round-off
    /// ~1e-12/step). Raise it (1e-3) for models solved by an ODE integrator at loose tolerance.
    double logStep = 1e-4;
    /// ∂f/∂ln θ; when empty the Jacobian is numerical (2 predict calls per parameter).
    PredictJacobianFunction jacobian;
    /// Start of the search (θ, natural scale); empty: the population values. Clamped to bounds.
    std::vector<double> initialValues;
    /// With no observations the MAP is the prior (θ̂ = θ_pop, SE = ω): allowed only when asked,
    /// so that an empty record is not taken for a calibrated twin by mistake.
    bool allowEmptyObservations = false;
    /// Condition number of the Laplace Hessian above which the result carries a warning.
    double illConditionedAbove = 1e10;
};

}  // namespace twin::simulation
