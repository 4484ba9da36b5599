#include "twin/core/Unit.h"

namespace twin::core {

Result<double> Unit::convert(double value, const Unit &target) const {
    if (!isCompatibleWith(target)) {
        return Error::invalidInput(QStringLiteral("cannot convert \"%1\" (%2) to \"%3\" (%4)")
                                       .arg(code_, dimension_.name(), target.code_, target.dimension_.name()));
    }
    return target.fromSI(toSI(value));
}

}  // namespace twin::core
