// Benchmark: region growing on the demo CT at 512×512×300 (issue 5, item 8: >= 10× faster than
// itk::ConnectedThresholdImageFilter with the identical voxel set).
//   ours: imaging::RegionGrower (scanline flood fill, face connected);
//   peer: itk::ConnectedThresholdImageFilter, default (face) connectivity, same seed and window.
// Two cases: the right lung from one seed, window [-1000, -400] HU (a compact organ), and the
// soft tissue of the body from one seed, window [-200, 200] HU (a large, branching region).
// Both run in this process on the same buffer after one warm-up (ITK's image import is not
// timed); prints median and min–max of N repetitions, the ratio, and checks that the voxel sets
// are identical. Run: ctest -L bench -V, or build/tests/BenchRegionGrowing [N].

#include "twin/core/VolumeIndexing.h"
#include "twin/imaging/RegionGrower.h"
#include "twin/phantom/DemoPatientGenerator.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include "BenchPhantom.h"
#include "BenchTiming.h"
#include "ItkConnectedThreshold.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

using namespace twin;

namespace {

using Timing = test::BenchTiming;
using test::measureMs;

}  // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    const std::optional<phantom::DemoPatient> built = test::benchPhantom512x512x300();
    if (!built) return 1;
    const phantom::DemoPatient &patient = *built;
    const core::ScalarVolume &ct = patient.ct;

    const test::ItkShortImage::Pointer image = test::itkImageOf(ct);  // not timed

    struct Case {
        const char *name;
        QString structure;
        short lower, upper;
    };
    const Case cases[] = {{"right lung, [-1000, -400] HU", QStringLiteral("Lung_R"), -1000, -400},
                          {"soft tissue, [-200, 200] HU", QStringLiteral("Liver"), -200, 200}};
    bool allIdentical = true, allFast = true;
    std::printf("| case | voxels | ours ms | ITK ms | ratio ITK/ours (goal >= 10) | identical |\n|---|---|---|---|---|---|\n");
    for (const Case &c : cases) {
        std::array<int, 3> seed{};
        for (const phantom::PhantomStructure &s : patient.structures) {
            if (s.name != c.structure) continue;
            const auto index = core::patientToIndex(ct.geometry(), s.interiorPointMm);
            for (int a = 0; a < 3; ++a) seed[a] = int(std::lround((*index)[a]));
        }
        imaging::RegionGrowResult ours;
        const Timing oursMs = measureMs(repetitions, [&] { ours = imaging::RegionGrower::grow(ct, {seed}, c.lower, c.upper).value(); });
        test::ItkShortImage::Pointer theirs;
        const Timing itkMs = measureMs(repetitions, [&] { theirs = test::itkConnectedThreshold(image, {seed}, c.lower, c.upper); });
        const short *theirMask = theirs->GetBufferPointer();
        bool identical = true;
        for (std::size_t i = 0; i < ours.mask.size() && identical; ++i) identical = ours.mask[i] == theirMask[i];
        const double ratio = itkMs.median / oursMs.median;
        allIdentical = allIdentical && identical;
        allFast = allFast && ratio >= 10.0;
        std::printf("| %s | %lld | %.1f (%.1f–%.1f) | %.1f (%.1f–%.1f) | %.1f %s | %s |\n", c.name, static_cast<long long>(ours.voxelCount),
                    oursMs.median, oursMs.min, oursMs.max, itkMs.median, itkMs.min, itkMs.max, ratio, ratio >= 10.0 ? "ok" : "FAIL",
                    identical ? "yes" : "NO");
    }
    std::printf("volume %d×%d×%d, %d repetitions after a warm-up\n", ct.dimension(0), ct.dimension(1), ct.dimension(2), repetitions);
    return allIdentical && allFast ? 0 : 1;
}
