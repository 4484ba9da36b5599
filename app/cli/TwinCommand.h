#pragma once
// `didymos-cli twin organs --dicom DIR [--rtstruct FILE | --seg FILE] [--json] [--meshes OUTDIR
// [--mesh-format vtp|stl|obj]] [--dvh-csv OUTDIR]`: the organ twin of a DICOM folder. Per
// structure: name, volumeMl, huMean, huStd, surfaceAreaCm2 and more (centroid, diameter, HU
// percentiles), and with an RTDOSE a `dose` object (meanGy, minGy, maxGy, d2Gy, d50Gy, d95Gy,
// d98Gy, v5GyPct … v70GyPct). --meshes writes one mesh per structure; --dvh-csv one
// cumulative/differential DVH table per structure.
//
// `didymos-cli twin course --dicom DIR [--dicom DIR ...] [--structure NAME] [--json]`: the
// tumour's volume over the studies of one patient (every study in the folders with an image
// series and an RTSTRUCT or SEG; see app/common/TumourCourseAssembler.h). Per time point:
// studyDate, daysFromBaseline, studyInstanceUid, frameOfReferenceUid, structure, volumeMl,
// volumeChangePct, longestAxialDiameterMm, diameterChangePct, response (RECIST 1.1),
// centroidInBaselineMm, centroidShiftMm and, on another frame of reference, registration
// {quality, nccBefore, nccAfter, translationMm, rotationDegrees, iterations, stopCondition};
// then growthRatePerDay and volumeDoublingTimeDays when two or more points have a volume.

#include "CliCommand.h"

namespace twin::cli {

class TwinCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("twin"); }
    QString summary() const override {
        return QStringLiteral("Build the organ twin of a DICOM folder (structure volumes, CT numbers, meshes, DVHs) or the "
                              "tumour's course over several studies.");
    }
    QString usage() const override {
        return QStringLiteral("organs --dicom DIR [--rtstruct FILE | --seg FILE] [--json] [--meshes OUTDIR [--mesh-format vtp|stl|obj]] "
                              "[--dvh-csv OUTDIR] | course --dicom DIR [--dicom DIR ...] [--structure NAME] [--json]");
    }
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;

private:
    int runCourse(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

}  // namespace twin::cli
