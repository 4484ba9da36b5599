#pragma once
// One parameter of the patient twin that calibration estimates from the patient's own record,
// with its population prior: log θ ~ N(log θ_pop, ω²) (a lognormal prior, as in population PK/PD
// models, so that θ stays positive and ω reads as a between-patient coefficient of variation).

#include <QString>

#include <limits>

namespace twin::simulation {

struct CalibrationParameter {
    /// The model parameter id (model.json "parameters[].id"), used in messages and results.
    QString id;
    /// θ_pop > 0: the typical value, the prior median and the start of the search.
    double populationValue = 1.0;
    /// ω > 0 and finite: SD of log θ between patients. A weak prior is a large ω (e.g. 10);
    /// there is no flat prior, because the prior term is what keeps the MAP defined without data.
    double omega = 0.3;
    /// Bounds on θ (0 < lower < upper ≤ +inf); the estimate is kept inside them and a
    /// parameter that ends on one is reported (CalibrationResult::atLowerBound/atUpperBound).
    double lower = 0.0;
    double upper = std::numeric_limits<double>::infinity();

    /// ω from a between-patient CV (0.3 for 30 %): sqrt(ln(1 + CV²)), exact for a lognormal.
    static double omegaFromCv(double cv);
    /// A parameter with ω from a CV and no bounds other than θ > 0.
    static CalibrationParameter fromCv(QString id, double populationValue, double cv);
};

}  // namespace twin::simulation
