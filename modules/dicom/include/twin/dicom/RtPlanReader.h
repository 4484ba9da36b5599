#pragma once
// Reads an RT Plan or RT Ion Plan into an RtPlanSummary. The prescription is the largest
// TargetPrescriptionDose of the DoseReferenceSequence, or else the sum of the first fraction
// group's BeamDose values times its NumberOfFractionsPlanned. Errors name the file and tag.

#include "twin/core/Result.h"
#include "twin/dicom/RtPlanSummary.h"

namespace twin::dicom {

class RtPlanReader {
public:
    static core::Result<RtPlanSummary> read(const QString &path);
};

}  // namespace twin::dicom
