// Benchmark: connected components on masks of the demo CT at 512×512×300 (issue 5, item 8:
// >= 5× faster than vtkImageConnectivityFilter).
//   ours: imaging::ConnectedComponents (runs + union-find), then the full label image by size
//         rank, so both sides deliver the same thing (the components alone, as the island
//         tools use them, are timed too and shown for information);
//   peer: vtkImageConnectivityFilter, all regions, size-rank labels, int output (face
//         connectivity, as ours).
// Masks: bone (>= 250 HU: spine plus noise specks), lung window [-1000, -400] HU (the air
// around the body, both lungs, specks), and soft tissue [-50, 50] HU (noisy: many islands).
// The mask is built untimed; prints median and min–max of N repetitions after a warm-up, the
// ratio, and checks that the two labellings are the same partition of the voxels.
// Run: ctest -L bench -R BenchConnectedComponents -V, or build/tests/BenchConnectedComponents [N].

#include "BenchPhantom.h"
#include "BenchTiming.h"
#include "VtkConnectivityPeer.h"
#include "twin/imaging/ConnectedComponents.h"
#include "twin/phantom/DemoPatientGenerator.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>

using namespace twin;

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    const std::optional<phantom::DemoPatient> built = test::benchPhantom512x512x300();
    if (!built) return 1;
    const core::ScalarVolume &ct = built->ct;
    const std::array<int, 3> dims{ct.dimension(0), ct.dimension(1), ct.dimension(2)};

    struct Case {
        const char *name;
        short lower, upper;
    };
    const Case cases[] = {{"bone, >= 250 HU", 250, 32767}, {"lung window, [-1000, -400] HU", -1000, -400},
                          {"soft tissue, [-50, 50] HU", -50, 50}};
    bool allSame = true, allFast = true;
    std::printf("| mask | components | ours: components only ms | ours ms | VTK ms | ratio VTK/ours (goal >= 5) | same partition |\n|---|---|---|---|---|---|---|\n");
    for (const Case &c : cases) {
        std::vector<std::uint8_t> mask(ct.voxels().size());
        for (std::size_t v = 0; v < mask.size(); ++v) mask[v] = ct.voxels()[v] >= c.lower && ct.voxels()[v] <= c.upper;
        const vtkSmartPointer<vtkImageData> image = test::vtkMaskImage(mask.data(), dims);  // not timed

        imaging::ConnectedComponents::LabelVolume ours;
        int oursCount = 0;
        const auto oursMs = test::measureMs(repetitions, [&] {
            auto components = imaging::ConnectedComponents::label(mask.data(), dims).value();
            oursCount = components.componentCount();
            ours = components.labelVolume();
        });
        const auto labelOnlyMs = test::measureMs(repetitions, [&] { oursCount = imaging::ConnectedComponents::label(mask.data(), dims).value().componentCount(); });
        test::VtkComponents peer;
        const auto peerMs = test::measureMs(repetitions, [&] { peer = test::vtkConnectedComponents(image); });
        const bool same = oursCount == peer.regionCount && test::samePartition(ours, peer.labels);
        const double ratio = peerMs.median / oursMs.median;
        allSame = allSame && same;
        allFast = allFast && ratio >= 5.0;
        std::printf("| %s | %d | %.1f | %.1f (%.1f–%.1f) | %.1f (%.1f–%.1f) | %.1f %s | %s |\n", c.name, oursCount,
                    labelOnlyMs.median, oursMs.median,
                    oursMs.min, oursMs.max, peerMs.median, peerMs.min, peerMs.max, ratio, ratio >= 5.0 ? "ok" : "FAIL",
                    same ? "yes" : "NO");
    }
    std::printf("volume %d×%d×%d, face connectivity, %d repetitions after a warm-up\n", dims[0], dims[1], dims[2], repetitions);
    return allSame && allFast ? 0 : 1;
}
