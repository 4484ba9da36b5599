#pragma once
// ModalBasis: coordinates in which the disposition part of the PK system is diagonal, so a step
// is a scaling per mode instead of a dense 3x3 product.
//
// Why: a run is a recurrence (each step needs the previous state), so a step costs the latency
// of its longest dependency chain plus the store/load of the state between calls, not its
// operation count. In amounts, every compartment depends on every other one (multiply, two
// adds); in modes, each depends on itself only (one multiply). Measured (tests/bench/pk and
// TestPkValidation::perStepCost): step alone 8.4 -> 4.0 ns, step + outputs on the benchmark's
// 1-minute grid about 15 -> 7 ns.
//
// Why it is always possible: the mammillary rate matrix K (central + peripherals, K_ij = Q/V_j)
// is similar to the symmetric S = D^-1/2 K D^1/2 with D = diag(V1, V2, V3) (detailed balance of
// the exchange clearances), so K has real eigenvalues and a complete set of eigenvectors even
// when eigenvalues repeat: S = U L U^T with U orthogonal (Eigen's SelfAdjointEigenSolver), and
// y = W A with W = U^T D^-1/2, A = W^-1 y with W^-1 = D^1/2 U. Absent compartments (Q = 0) get
// volume 1 here; their rows of K are zero. The gut depot stays outside the basis (ka may equal
// an eigenvalue; its coupling is taken from the matrix exponential, see PropagatorCache).

#include "PkParameters.h"

#include <Eigen/Core>

namespace twin::models::pk {

struct ModalBasis {
    Eigen::Matrix3d toModes = Eigen::Matrix3d::Identity();    // W: amounts (c, p2, p3) -> modes
    Eigen::Matrix3d fromModes = Eigen::Matrix3d::Identity();  // W^-1: modes -> amounts

    static ModalBasis of(const PkParameters &p);
};

}  // namespace twin::models::pk
