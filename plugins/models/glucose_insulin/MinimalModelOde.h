#pragma once
// MinimalModelOde: right-hand side of the Bergman minimal model with Bergman's insulin kinetics,
// in minutes, for Boost.Odeint. The independent variable is tau, the minutes since the last
// glucose load (Bergman's "t" in the secretion term).
//
//   dG/dt = −(SG + X)·G + SG·Gb + fGut·ka·Q / V         glucose, mg/dL
//   dX/dt = −p2·X + p3·(I − Ib)                          remote insulin action, 1/min
//   dI/dt = −n·(I − Ib) + γ·max(G − h, 0)·tau           plasma insulin, uU/mL (secretion on)
//   dI/dt = −n·(I − Ib)                                  (secretion off: no load, or tau past
//                                                         the secretion window)
//   dQ/dt = −ka·Q                                        glucose in the gut, mg
//
// Glucose: Bergman RN, Ider YZ, Bowden CR, Cobelli C. Am J Physiol 1979;236:E667–E677.
// Insulin: Toffolo G, Bergman RN, Finegood DT, Bowden CR, Cobelli C. Diabetes 1980;29:979–990
// and Bergman RN, Phillips LS, Cobelli C. J Clin Invest 1981;68:1456–1467, written (as in
// De Gaetano A, Arino O. J Math Biol 2000;40:136–168, eqs. 1–3) with clearance towards Ib so
// that G = Gb, X = 0, I = Ib is the resting state.

#include "MinimalModelParameters.h"

#include <algorithm>
#include <array>

namespace glucose_insulin {

/// {G mg/dL, X 1/min, I uU/mL, Q mg}
using MinimalModelState = std::array<double, 4>;

struct MinimalModelOde {
    const MinimalModelParameters *p = nullptr;
    bool secreting = false;  // gamma·(G − h)+·tau is on for this integration segment

    void operator()(const MinimalModelState &x, MinimalModelState &dxdt, double tauMin) const {
        const double g = x[0], remote = x[1], insulin = x[2], gut = x[3];
        dxdt[0] = -(p->sg + remote) * g + p->sg * p->gb + p->gutToPlasma * gut;
        dxdt[1] = -p->p2 * remote + p->p3 * (insulin - p->ib);
        const double secretion = secreting ? p->gamma * std::max(g - p->h, 0.0) * tauMin : 0.0;
        dxdt[2] = -p->n * (insulin - p->ib) + secretion;
        dxdt[3] = -p->kaGut * gut;
    }
};

}  // namespace glucose_insulin
