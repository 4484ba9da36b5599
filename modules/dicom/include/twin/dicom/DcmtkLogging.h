#pragma once
// DCMTK logs parse problems to stderr on its own. We report every problem through
// core::Error (naming file and tag), so DCMTK's own log is lowered to FATAL once, before the
// first parse. Set DIDYMOS_DCMTK_LOG=debug|info|warn|error to see it when diagnosing a file.

namespace twin::dicom {

class DcmtkLogging {
public:
    /// Idempotent and thread-safe.
    static void configureOnce();
};

}  // namespace twin::dicom
