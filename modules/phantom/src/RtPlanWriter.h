#pragma once
// Writes the RT Plan the dose belongs to (PS3.3 A.20): 60 Gy in 30 fractions to the PTV,
// five static 6 MV photon beams from the right and the back, isocentre at the tumour centre,
// jaws fitted to the PTV. A plausible, not a calculated, plan: the dose is the analytic
// model's (PhantomDoseModel).

#include "PhantomAnatomy.h"
#include "PhantomRecord.h"
#include "PhantomUids.h"

#include "twin/core/Result.h"

#include <array>

namespace twin::phantom {

class DicomItemWriter;

class RtPlanWriter {
public:
    RtPlanWriter(const PhantomRecord &record, const PhantomUids &uids, const PhantomAnatomy &anatomy);

    core::Status write(const QString &path) const;

    struct Beam {
        int number = 0;
        double gantryAngle = 0.0;
        double meterset = 0.0;  // MU per fraction
    };
    static const std::array<Beam, 5> &beams();

private:
    void putPrescription(DicomItemWriter &writer) const;
    void putFractionScheme(DicomItemWriter &writer) const;
    void putBeam(DicomItemWriter &writer, const Beam &beam) const;

    const PhantomRecord &record_;
    const PhantomUids &uids_;
    const PhantomAnatomy &anatomy_;
};

}  // namespace twin::phantom
