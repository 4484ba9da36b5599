// ModalBasis: eigenvectors of the symmetrised disposition matrix (see ModalBasis.h).

#include "ModalBasis.h"

#include <Eigen/Eigenvalues>

#include <cmath>

namespace twin::models::pk {

ModalBasis ModalBasis::of(const PkParameters &p) {
    const double q[3] = {0.0, p.q2, p.q3};
    const double v[3] = {p.v1, p.q2 > 0.0 ? p.v2 : 1.0, p.q3 > 0.0 ? p.v3 : 1.0};
    // S = D^-1/2 K D^1/2: diagonal -k_ii, off-diagonal Q_j / sqrt(V1 V_j), symmetric by construction.
    Eigen::Matrix3d s = Eigen::Matrix3d::Zero();
    s(0, 0) = -(p.clearance + p.q2 + p.q3) / p.v1;
    for (int j = 1; j < 3; ++j) {
        s(0, j) = s(j, 0) = q[j] / std::sqrt(v[0] * v[j]);
        s(j, j) = -q[j] / v[j];
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eigen(s);
    const Eigen::Matrix3d &u = eigen.eigenvectors();
    ModalBasis basis;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) {
            basis.toModes(i, j) = u(j, i) / std::sqrt(v[j]);
            basis.fromModes(i, j) = std::sqrt(v[i]) * u(i, j);
        }
    return basis;
}

}  // namespace twin::models::pk
