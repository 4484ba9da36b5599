#pragma once
// An RT Dose grid in gray, as read by RtDoseReader, with the attributes that say what it is.

#include "twin/core/FloatVolume.h"

#include <QString>
#include <QStringList>

namespace twin::dicom {

struct RtDoseGrid {
    core::FloatVolume doseGy;        // stored value x DoseGridScaling, LPS geometry
    QString doseUnits;               // (3004,0002) GY or RELATIVE
    QString doseType;                // (3004,0004) PHYSICAL, EFFECTIVE, ERROR
    QString summationType;           // (3004,000A) PLAN, FRACTION, BEAM, ...
    double gridScaling = 1.0;        // (3004,000E)
    QString frameOfReferenceUid;
    QString referencedPlanUid;       // (300C,0002) ReferencedRTPlanSequence
    QList<int> referencedBeamNumbers;  // for BEAM doses, when given
    QStringList warnings;

    double maximumGy() const { return doseGy.maximum(); }
    /// The dose sampled (trilinear) onto an image grid, 0 outside the dose grid.
    core::FloatVolume resampledOnto(const core::VolumeGeometry &image) const { return doseGy.resampledOnto(image, 0.0f); }
};

}  // namespace twin::dicom
