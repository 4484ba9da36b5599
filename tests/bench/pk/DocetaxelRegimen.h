#pragma once
// DocetaxelRegimen: the benchmark scenario and an exact reference for it. 30 days of docetaxel
// given as 4 weekly 1-h infusions of 63 mg (35 mg/m2 x 1.8 m2) on days 0, 7, 14 and 21, three-
// compartment disposition with the pk plugin's defaults (Bruno 1996, Table II via myelo), output
// on a 1-minute grid (43 200 points after t = 0).
//
// The reference is independent of both contenders: the mammillary rate matrix K is similar to
// the symmetric S = D^-1/2 K D^1/2 (D = diag of the volumes), so its exact eigen-decomposition
// (Eigen's SelfAdjointEigenSolver, in long double) gives exp(K t) and the zero-order input
// response in closed form; every grid value is computed from the state at the start of its
// infusion-on/off segment, so nothing accumulates over the grid.

#include <Eigen/Dense>

#include <cmath>
#include <vector>

namespace twin::test::pk {

struct DocetaxelRegimen {
    static constexpr double kCl = 38.5, kV1 = 7.4;                // L/h, L
    static constexpr double kQ2 = 1.06 * kV1, kV2 = kQ2 / 1.51;   // L/h, L
    static constexpr double kQ3 = 1.26 * kV1, kV3 = kQ3 / 0.084;  // L/h, L
    static constexpr double kDoseMg = 63.0, kInfusionHours = 1.0, kDays = 30.0;
    static constexpr int kCycles = 4, kMinutesPerCycle = 7 * 1440, kGridMinutes = 30 * 1440;

    /// Minute at which each infusion starts.
    static int startMinute(int cycle) { return cycle * kMinutesPerCycle; }
    /// Infusion rate (mg/h) in force over minute m (from m to m + 1).
    static double rateAtMinute(int m) {
        const int inCycle = m % kMinutesPerCycle;
        return m / kMinutesPerCycle < kCycles && inCycle < 60 ? kDoseMg / kInfusionHours : 0.0;
    }

    /// Exact concentration (mg/L) at minutes 1 .. kGridMinutes.
    static std::vector<double> exactConcentrations() {
        using Real = long double;
        using M3 = Eigen::Matrix<Real, 3, 3>;
        using V3 = Eigen::Matrix<Real, 3, 1>;
        const Real v[3] = {kV1, kV2, kV3};
        M3 k;
        k << -(Real(kCl) + kQ2 + kQ3) / kV1, Real(kQ2) / kV2, Real(kQ3) / kV3, Real(kQ2) / kV1, -Real(kQ2) / kV2, 0,
            Real(kQ3) / kV1, 0, -Real(kQ3) / kV3;
        M3 s;  // D^-1/2 K D^1/2
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) s(i, j) = k(i, j) * std::sqrt(v[j] / v[i]);
        const Eigen::SelfAdjointEigenSolver<M3> eig(s);
        const M3 u = eig.eigenvectors();
        const V3 lambda = eig.eigenvalues();
        M3 toS, fromS;  // amounts -> eigen coordinates, and back
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) {
                toS(i, j) = u(j, i) / std::sqrt(v[j]);
                fromS(i, j) = std::sqrt(v[i]) * u(i, j);
            }
        std::vector<double> out;
        out.reserve(kGridMinutes);
        V3 start = V3::Zero();  // amounts at the start of the current segment
        int segmentStart = 0;
        Real rate = rateAtMinute(0);
        for (int m = 1; m <= kGridMinutes; ++m) {
            const Real tau = Real(m - segmentStart) / 60;  // hours since the segment began
            V3 y = toS * start, b = toS * V3(rate, 0, 0);
            for (int i = 0; i < 3; ++i) {
                const Real e = std::exp(lambda(i) * tau);
                y(i) = e * y(i) + (e - 1) / lambda(i) * b(i);
            }
            const V3 amounts = fromS * y;
            out.push_back(static_cast<double>(amounts(0) / kV1));
            if (m < kGridMinutes && rateAtMinute(m) != rate) {  // a new segment from minute m
                start = amounts;
                segmentStart = m;
                rate = rateAtMinute(m);
            }
        }
        return out;
    }
};

}  // namespace twin::test::pk
