// FribergDynamics: the RK4 substepping of one host step (see the header).

#include "FribergDynamics.h"

#include <boost/numeric/odeint/stepper/runge_kutta4.hpp>

#include <algorithm>
#include <cmath>

namespace twin::models::friberg {

namespace {
using Stepper = boost::numeric::odeint::runge_kutta4<FribergState>;
}

void FribergDynamics::configure(double ktrPerDay, double gamma) {
    rhs_.ktrPerDay = ktrPerDay;
    rhs_.gamma = gamma;
}

long FribergDynamics::substeps(const FribergState &x, double dtDays, double effect) const {
    const double pool = std::abs((1.0 - effect) * x[5] - 1.0);
    const double circulating = std::abs(x[4] * x[3] - 1.0) * std::max(1.0, rhs_.gamma);
    const double rate = rhs_.ktrPerDay * std::max({1.0, pool, circulating});
    const double wanted = std::ceil(dtDays * rate / kMaxRateStep);
    if (!(wanted >= 1.0)) return 1;  // also NaN
    return wanted >= static_cast<double>(kMaxSubsteps) ? kMaxSubsteps : static_cast<long>(wanted);
}

long FribergDynamics::advance(FribergState &x, double dtDays, double effect) const {
    if (effect == 0.0 && x == kFribergSteadyState) return 0;  // every stage derivative is exactly 0
    FribergRhs rhs = rhs_;
    rhs.oneMinusEffect = 1.0 - effect;
    const long n = substeps(x, dtDays, effect);
    const double h = dtDays / static_cast<double>(n);
    Stepper stepper;
    for (long i = 0; i < n; ++i) stepper.do_step(rhs, x, static_cast<double>(i) * h, h);
    return n;
}

}  // namespace twin::models::friberg
