#pragma once
// RigidRegistration: aligns a later CT of a patient (moving) to an earlier one (fixed) when
// the two do not share a frame of reference, so that a structure of one can be compared with
// the same structure of the other (the tumour's course over time).
//
// Method (ITK v4): both images are block-averaged to about 3 mm voxels, the translation is
// initialised by the centroids of the bodies (voxels above -500 HU, so the air around the
// patient, which dominates the field of view, does not pull), then a versor rigid transform
// (3 rotations, 3 translations) is optimised by regular-step gradient descent on Mattes
// mutual information (50 bins, 10 % of the voxels sampled on a fixed seed, so two runs give
// the same result) over two resolution levels. Mutual information rather than mean squares:
// it also holds across scanners, reconstruction kernels and contrast phases.
//
// Quality, shown to the clinician: the normalised cross-correlation (NCC) of the two images
// over the fixed body (at the 3 mm working resolution), before (identity) and after
// registration, and a verdict: "good" (NCC after >= 0.75), "acceptable" (>= 0.60) or
// "poor", with the optimiser's stop condition beside it. The thresholds come from
// TestRigidRegistration: on the demo patient's follow-up CT (noise, a shrunken tumour) the
// found alignment scores 0.80 and the same alignment 2 / 5 / 10 mm off 0.70 / 0.52 / 0.42; on
// a noiseless synthetic body 0.89 and 0.77 / 0.51 / 0.28. So "good" is within about 2 mm,
// "acceptable" within about 4 mm, and "poor" means: look at the images before trusting the
// comparison. The NCC drops fast with misalignment because CT edges (skin, lung, bone) are
// sharp; it is a measure of alignment, not of image similarity in general. Runs as a job
// step: progress per iteration,
// cancel stops the optimiser (Error::Code::Cancelled).

#include "twin/core/JobContext.h"
#include "twin/core/Result.h"
#include "twin/core/ScalarVolume.h"

#include <QString>

#include <array>

namespace twin::imaging {

struct RigidRegistrationOptions {
    double workingSpacingMm = 3.0;      ///< block-average to at least this voxel size
    int iterationsPerLevel = 200;
    unsigned int randomSeed = 20241;    ///< metric sampling seed (determinism)
    double samplingFraction = 0.1;
};

struct RigidRegistrationResult {
    /// Maps a point of the fixed image (LPS mm) to the moving image: m = R (f - c) + c + t.
    std::array<double, 9> rotation{1, 0, 0, 0, 1, 0, 0, 0, 1};  ///< row-major
    std::array<double, 3> centreMm{};
    std::array<double, 3> translationMm{};
    double rotationDegrees = 0.0;  ///< angle of the rotation about its axis
    double mutualInformation = 0.0;  ///< final Mattes metric (negative; lower is better)
    double nccBefore = 0.0;
    double nccAfter = 0.0;
    int iterations = 0;
    bool reachedIterationLimit = false;
    QString quality;  ///< "good", "acceptable" or "poor"
    QString stopCondition;  ///< the optimiser's own words

    std::array<double, 3> fixedToMoving(const std::array<double, 3> &fixedPoint) const;
    std::array<double, 3> movingToFixed(const std::array<double, 3> &movingPoint) const;
    /// "NCC 0.97 (was 0.41), 12.1 mm, 0.3°: good"
    QString summary() const;
};

class RigidRegistration {
public:
    /// CT numbers are taken as stored (HU). Errors: empty images, images without overlap of
    /// their bodies, ITK exceptions (their text), cancel.
    static core::Result<RigidRegistrationResult> align(const core::ScalarVolume &fixed, const core::ScalarVolume &moving,
                                                       const RigidRegistrationOptions &options = {},
                                                       core::JobContext *context = nullptr);
    /// The NCC quality measure of any rigid mapping `fixedToMoving` (as align() computes it).
    static double crossCorrelation(const core::ScalarVolume &fixed, const core::ScalarVolume &moving,
                                   const RigidRegistrationResult &fixedToMoving,
                                   const RigidRegistrationOptions &options = {});
};

}  // namespace twin::imaging
