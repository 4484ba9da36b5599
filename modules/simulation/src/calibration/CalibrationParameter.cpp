// CalibrationParameter: ω from a CV of a lognormal, Var(θ)/E(θ)² = e^{ω²} − 1.

#include "twin/simulation/CalibrationParameter.h"

#include <cmath>

namespace twin::simulation {

double CalibrationParameter::omegaFromCv(double cv) {
    return std::sqrt(std::log1p(cv * cv));
}

CalibrationParameter CalibrationParameter::fromCv(QString id, double populationValue, double cv) {
    CalibrationParameter parameter;
    parameter.id = std::move(id);
    parameter.populationValue = populationValue;
    parameter.omega = omegaFromCv(cv);
    return parameter;
}

}  // namespace twin::simulation
