#pragma once
// Builds the demo patient in memory and writes it as DICOM (CT series, RTSTRUCT, RTDOSE)
// and a FHIR R4 collection Bundle. Deterministic: the same options give byte-identical
// files except for nothing (UIDs are derived from a fixed root, not the clock).

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/phantom/DemoPatient.h"

#include <array>

namespace twin::phantom {

struct PhantomOptions {
    int columns = 512;
    int rows = 512;
    int slices = 120;             // >= 100 for the demo
    double pixelSpacingMm = 0.9;  // in-plane
    double sliceThicknessMm = 2.5;
};

/// A later CT of the same patient (same PatientID and name), as a study of its own: new
/// Study/Series/Frame of Reference UIDs, a later study date, the tumour shrunk to a new
/// radius, and the whole patient shifted on the couch, so the two CTs only line up after a
/// rigid registration. It carries a CT series and an RTSTRUCT (no plan, no dose).
struct FollowUpOptions {
    int daysAfterPlanningCt = 90;
    double tumourRadiusMm = 12.5;
    std::array<double, 3> patientOffsetMm{12.0, -8.0, 5.0};  // LPS mm, applied to the anatomy
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
    /// The follow-up study's volumes only (no files); see generateFollowUp.
    static core::Result<DemoPatient> buildFollowUp(const FollowUpOptions &followUp, const PhantomOptions &options = {},
                                                   core::JobContext *context = nullptr);
    /// Writes a follow-up study under `outputDir`: ct/CT_0000.dcm … and rtstruct.dcm. The
    /// returned patient's tumourCentreMm/tumourRadiusMm describe the follow-up anatomy and its
    /// identity the new UIDs; its doseCgy is empty. Errors name the file.
    static core::Result<DemoPatient> generateFollowUp(const QString &outputDir, const FollowUpOptions &followUp,
                                                      const PhantomOptions &options = {},
                                                      core::JobContext *context = nullptr);
};

}  // namespace twin::phantom
