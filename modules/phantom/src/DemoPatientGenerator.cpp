#include "twin/phantom/DemoPatientGenerator.h"
namespace twin::phantom {
core::Result<DemoPatient> DemoPatientGenerator::build(const PhantomOptions &, core::JobContext *) { return core::Error::internal(QStringLiteral("not built yet")); }
core::Result<DemoPatient> DemoPatientGenerator::generate(const QString &, const PhantomOptions &, core::JobContext *) { return core::Error::internal(QStringLiteral("not built yet")); }
}
