#pragma once
// DocetaxelExposure: closed-form plasma concentration of docetaxel after zero-order (1-h)
// infusions, for driving the friberg plugin in its validation test independently of the pk
// plugin. Linear 3-compartment model in micro-constants, propagated exactly with the matrix
// exponential (Eigen unsupported MatrixFunctions) of the rate matrix augmented with the central
// AUC and the infusion rate, so C(t) and the exact step-mean concentration come from one formula.
//
// Parameters: the docetaxel 3-compartment model that Friberg et al. (J Clin Oncol 2002) drove
// their docetaxel fit with, Bruno R et al., J Pharmacokinet Biopharm 1996;24:153-172, as
// transcribed (times 24 for days) in the R package myelo (radivot/myelo, fribergPars02):
// k10 = 5.2 /h (CL 38.5 L/h over V1 7.4 L), k12 = 1.06, k21 = 1.51, k13 = 1.26, k31 = 0.084 /h,
// V1 = 7.4 L. Not checked here against the tables of Bruno 1996 itself.

#include <Eigen/Dense>
#include <unsupported/Eigen/MatrixFunctions>

#include <vector>

namespace twin::test {

class DocetaxelExposure {
public:
    struct Infusion {
        double startHours;
        double doseMg;
        double durationHours;
    };

    explicit DocetaxelExposure(std::vector<Infusion> infusions) : infusions_(std::move(infusions)) {}

    /// Plasma concentration (mg/L) at t (hours).
    double concentration(double tHours) const { return superpose(tHours)(0) / kV1; }
    /// Area under C from 0 to t (mg·h/L).
    double auc(double tHours) const { return superpose(tHours)(3) / kV1; }
    /// Mean concentration over [t0, t1] (mg/L): the exact AUC of the interval over its length.
    double meanConcentration(double t0Hours, double t1Hours) const {
        return (auc(t1Hours) - auc(t0Hours)) / (t1Hours - t0Hours);
    }

    static constexpr double kV1 = 7.4;                                                        // L
    static constexpr double kK10 = 5.2, kK12 = 1.06, kK21 = 1.51, kK13 = 1.26, kK31 = 0.084;  // 1/h

private:
    using Vector5 = Eigen::Matrix<double, 5, 1>;
    using Matrix5 = Eigen::Matrix<double, 5, 5>;

    /// z = (A1, A2, A3 in mg, ∫A1 dt in mg·h, infusion rate in mg/h); dz/dt = M z.
    static Matrix5 rateMatrix() {
        Matrix5 m = Matrix5::Zero();
        m(0, 0) = -(kK10 + kK12 + kK13);
        m(0, 1) = kK21;
        m(0, 2) = kK31;
        m(0, 4) = 1.0;
        m(1, 0) = kK12;
        m(1, 1) = -kK21;
        m(2, 0) = kK13;
        m(2, 2) = -kK31;
        m(3, 0) = 1.0;
        return m;
    }

    /// State at `tSince` hours after the start of one infusion (linear: infusions superpose).
    static Vector5 single(const Infusion &inf, double tSince) {
        Vector5 z = Vector5::Zero();
        if (tSince <= 0.0) return z;
        const Matrix5 m = rateMatrix();
        z(4) = inf.doseMg / inf.durationHours;
        if (tSince <= inf.durationHours) return Matrix5((m * tSince).exp()) * z;
        z = Matrix5((m * inf.durationHours).exp()) * z;
        z(4) = 0.0;  // infusion stopped
        return Matrix5((m * (tSince - inf.durationHours)).exp()) * z;
    }

    Vector5 superpose(double tHours) const {
        Vector5 z = Vector5::Zero();
        for (const Infusion &inf : infusions_) z += single(inf, tHours - inf.startHours);
        return z;
    }

    std::vector<Infusion> infusions_;
};

}  // namespace twin::test
