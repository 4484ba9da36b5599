#pragma once
// PkRateMatrix: the linear PK system as one augmented constant-coefficient system dz/dt = M z
// (t in hours), so a single matrix exponential propagates everything exactly over a step:
//
//   z = (A_gut, A_central, A_periph2, A_periph3 in mg,  I = integral of A_central dt in mg.h,
//        R = zero-order infusion rate in mg/h)
//
//   dA_gut/dt = -ka A_gut
//   dA_c/dt   =  ka A_gut - (CL + Q2 + Q3)/V1 A_c + Q2/V2 A_p2 + Q3/V3 A_p3 + R
//   dA_p2/dt  =  Q2/V1 A_c - Q2/V2 A_p2          (likewise p3)
//   dI/dt     =  A_c
//   dR/dt     =  0
//
// Carrying the input R and the integral I as states is Van Loan's augmentation (Van Loan CF,
// Computing integrals involving the matrix exponential, IEEE Trans Automat Control
// 1978;23:395-404): exp(M tau) then holds the zero-order input response and the exact AUC
// increment of the step besides the homogeneous propagator. Absent peripheral compartments
// have Q = 0, so their rows and columns decouple and stay at zero.

#include "PkParameters.h"

#include <Eigen/Core>

namespace twin::models::pk {

/// Indices into the augmented state.
enum StateIndex : int { kGut, kCentral, kPeripheral2, kPeripheral3, kCentralIntegral, kInfusionRate, kStateSize };

using StateMatrix = Eigen::Matrix<double, kStateSize, kStateSize>;

/// M of the system above, in 1/h.
StateMatrix pkRateMatrixPerHour(const PkParameters &p);

}  // namespace twin::models::pk
