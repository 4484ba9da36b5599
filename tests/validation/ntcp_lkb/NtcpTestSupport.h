#pragma once
// NtcpTestSupport: independent reference formulas and small drivers for the ntcp_lkb
// validation tests. The formulas are written from the papers, not from the plugin's code:
//   NTCP = Φ((gEUD − TD50) / (m·TD50)), Φ(t) = erfc(−t/√2)/2   (Lyman 1985; Burman et al. 1991)
//   EQD2 = D (d + α/β) / (2 + α/β) for D given in fractions of d  (Fowler 1989, Br J Radiol 62:679)

#include "PluginModelHarness.h"

#include "twin/sim_api/Action.h"
#include "twin/sim_api/Table.h"

#include <QStringList>

#include <cmath>
#include <memory>

namespace twin::test::ntcp {

inline const QStringList kOrgans = {QStringLiteral("lung"), QStringLiteral("heart"), QStringLiteral("rectum"),
                                    QStringLiteral("parotid")};

inline double phi(double t) {
    return 0.5 * std::erfc(-t / std::sqrt(2.0));
}
inline double lymanNtcp(double geudGy, double td50Gy, double m) {
    return phi((geudGy - td50Gy) / (m * td50Gy));
}
inline double eqd2(double totalGy, double fractionGy, double alphaBetaGy) {
    return totalGy * (fractionGy + alphaBetaGy) / (2.0 + alphaBetaGy);
}

inline QString parameterId(const QString &organ, const char *suffix) {
    return organ + QLatin1Char('_') + QLatin1String(suffix);
}
inline QString ntcpId(const QString &organ) {
    return QStringLiteral("ntcp_") + organ;
}
inline QString plannedId(const QString &organ) {
    return QStringLiteral("ntcp_planned_") + organ;
}
inline QString geudId(const QString &organ) {
    return QStringLiteral("geud_") + organ + QStringLiteral("_gy");
}
inline QString meanId(const QString &organ) {
    return QStringLiteral("mean_dose_") + organ + QStringLiteral("_gy");
}
inline QString tableId(const QString &organ) {
    return QStringLiteral("dvh_") + organ;
}

inline sim_api::Table uniformDvh(double doseGy) {
    return {{doseGy}, {1.0}};
}
/// Fraction v of the organ at doseGy, the rest unirradiated.
inline sim_api::Table partialDvh(double volumeFraction, double doseGy) {
    return {{0.0, doseGy}, {1.0 - volumeFraction, volumeFraction}};
}

inline std::unique_ptr<PluginModelHarness> loadNtcp() {
    return std::make_unique<PluginModelHarness>(QStringLiteral("ntcp_lkb"));
}

/// Sets the plan (prescription and fractions) before initialise().
inline void setPlan(PluginModelHarness &model, double totalGy, double fractions) {
    model.set(QStringLiteral("plan_total_dose_gy"), totalGy);
    model.set(QStringLiteral("plan_fractions"), fractions);
}

/// Delivers `count` rt_fraction actions of amountGy, one a day, stepping the model in between.
inline void deliver(PluginModelHarness &model, int count, double amountGy, double &dayDays) {
    for (int k = 0; k < count; ++k) {
        model.apply({dayDays, sim_api::action_kind::kRtFraction, "", amountGy});
        model.run(1.0 / 24.0, 24);
        dayDays += 1.0;
    }
}
inline void deliver(PluginModelHarness &model, int count, double amountGy) {
    double day = 0.0;
    deliver(model, count, amountGy, day);
}

/// Relative difference, for values that are not near zero.
inline double relativeError(double actual, double expected) {
    return std::abs(actual - expected) / std::abs(expected);
}

}  // namespace twin::test::ntcp
