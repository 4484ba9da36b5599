// PkRateMatrix: builds the augmented rate matrix (see PkRateMatrix.h) from clinical parameters.

#include "PkRateMatrix.h"

namespace twin::models::pk {

StateMatrix pkRateMatrixPerHour(const PkParameters &p) {
    StateMatrix m = StateMatrix::Zero();
    m(kGut, kGut) = -p.ka;
    m(kCentral, kGut) = p.ka;
    m(kCentral, kCentral) = -(p.clearance + p.q2 + p.q3) / p.v1;
    m(kCentral, kInfusionRate) = 1.0;
    if (p.q2 > 0.0) {
        m(kCentral, kPeripheral2) = p.q2 / p.v2;
        m(kPeripheral2, kCentral) = p.q2 / p.v1;
        m(kPeripheral2, kPeripheral2) = -p.q2 / p.v2;
    }
    if (p.q3 > 0.0) {
        m(kCentral, kPeripheral3) = p.q3 / p.v3;
        m(kPeripheral3, kCentral) = p.q3 / p.v1;
        m(kPeripheral3, kPeripheral3) = -p.q3 / p.v3;
    }
    m(kCentralIntegral, kCentral) = 1.0;
    return m;
}

}  // namespace twin::models::pk
