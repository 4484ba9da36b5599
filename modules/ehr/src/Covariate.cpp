#include "twin/ehr/Covariate.h"

namespace twin::ehr {

Covariate Covariate::unknown(const QString &name, const QString &why) {
    Covariate covariate;
    covariate.name = name;
    covariate.known = false;
    covariate.note = why;
    return covariate;
}

}  // namespace twin::ehr
