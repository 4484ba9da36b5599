#pragma once
// Builds the demo patient in memory and writes it as DICOM (CT series, RTSTRUCT, RTDOSE)
// and a FHIR R4 collection Bundle. Deterministic: the same options give byte-identical
// files except for nothing (UIDs are derived from a fixed root, not the clock).

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/phantom/DemoPatient.h"

namespace twin::phantom {

struct PhantomOptions {
    int columns = 512;
    int rows = 512;
    int slices = 120;             // >= 100 for the demo
    double pixelSpacingMm = 0.9;  // in-plane
    double sliceThicknessMm = 2.5;
};

class DemoPatientGenerator {
public:
    /// Builds the volumes only (no files): fast path for tests and the GUI preview.
    static core::Result<DemoPatient> build(const PhantomOptions &options = {}, core::JobContext *context = nullptr);
    /// Builds and writes everything under `outputDir` (created): ct/CT_0000.dcm … (one file
    /// per slice; stale CT_*.dcm beyond the series are removed), rtstruct.dcm, rtplan.dcm,
    /// rtdose.dcm, fhir/patient-bundle.json. Errors name the file.
    /// Honors context->isCancelled() between slices (returns Error::Code::Cancelled).
    static core::Result<DemoPatient> generate(const QString &outputDir, const PhantomOptions &options = {},
                                              core::JobContext *context = nullptr);
};

}  // namespace twin::phantom
