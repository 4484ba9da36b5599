#pragma once
// `didymos-cli twin organs --dicom DIR [--rtstruct FILE | --seg FILE] [--json] [--meshes OUTDIR
// [--mesh-format vtp|stl|obj]] [--dvh-csv OUTDIR]`: the organ twin of a DICOM folder. Per
// structure: name, volumeMl, huMean, huStd, surfaceAreaCm2 and more (centroid, diameter, HU
// percentiles), and with an RTDOSE a `dose` object (meanGy, minGy, maxGy, d2Gy, d50Gy, d95Gy,
// d98Gy, v5GyPct … v70GyPct). --meshes writes one mesh per structure; --dvh-csv one
// cumulative/differential DVH table per structure.

#include "CliCommand.h"

namespace twin::cli {

class TwinCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("twin"); }
    QString summary() const override {
        return QStringLiteral("Build the organ twin of a DICOM folder: structure volumes, CT numbers, meshes and DVHs.");
    }
    QString usage() const override {
        return QStringLiteral("organs --dicom DIR [--rtstruct FILE | --seg FILE] [--json] [--meshes OUTDIR [--mesh-format vtp|stl|obj]] "
                              "[--dvh-csv OUTDIR]");
    }
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
};

}  // namespace twin::cli
