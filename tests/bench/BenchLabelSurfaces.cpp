// Benchmark: organ surfaces from the demo patient's labelmap (512×512×120, 10 structures).
//   ours: LabelSurfaceExtractor — one pass for label bounding boxes, then discrete flying
//         edges on each label's region, windowed-sinc smoothing, normals;
//   peer: vtkDiscreteMarchingCubes on the whole volume per label with the same smoothing and
//         normals (how a straightforward VTK pipeline does it).
// Both run in this process on the same input after one warm-up; prints median and min–max
// of N repetitions and the ratio. Run: ctest -L bench -V, or build/tests/BenchLabelSurfaces [N].

#include "twin/imaging/LabelSurfaceExtractor.h"
#include "twin/imaging/ScalarVolumeToVtk.h"
#include "twin/phantom/DemoPatientGenerator.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <vtkDiscreteMarchingCubes.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPolyData.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace twin;

namespace {

struct Timing {
    double median = 0, min = 0, max = 0;
};

Timing measure(int repetitions, const std::function<long long()> &run, long long &triangles) {
    triangles = run();  // warm-up
    std::vector<double> ms;
    for (int i = 0; i < repetitions; ++i) {
        QElapsedTimer timer;
        timer.start();
        triangles = run();
        ms.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front(), ms.back()};
}

long long peerSurfaces(vtkImageData *labels, const std::vector<int> &values) {
    long long triangles = 0;
    for (int value : values) {
        vtkNew<vtkDiscreteMarchingCubes> cubes;
        cubes->SetInputData(labels);
        cubes->SetValue(0, value);
        cubes->ComputeNormalsOff();
        cubes->ComputeGradientsOff();
        cubes->ComputeScalarsOff();
        triangles += imaging::LabelSurfaceExtractor::smoothSurface(cubes->GetOutputPort())->GetNumberOfPolys();
    }
    return triangles;
}

}  // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int repetitions = argc > 1 ? std::max(1, atoi(argv[1])) : 3;
    auto patient = phantom::DemoPatientGenerator::build();
    if (!patient.ok()) {
        std::fprintf(stderr, "BenchLabelSurfaces: error: %s\n", qPrintable(patient.error().message()));
        return 1;
    }
    std::vector<int> values;
    for (const auto &structure : patient.value().structures) {
        if (structure.rtRoiInterpretedType != QStringLiteral("EXTERNAL")) values.push_back(structure.label);
    }
    const vtkSmartPointer<vtkImageData> labels = imaging::toVtkImage(patient.value().labels);
    long long oursTriangles = 0, peerTriangles = 0;
    const Timing ours = measure(repetitions, [&] {
        long long triangles = 0;
        auto result = imaging::LabelSurfaceExtractor::extract(labels, values);
        for (const auto &surface : result.value()) triangles += surface.mesh->GetNumberOfPolys();
        return triangles;
    }, oursTriangles);
    const Timing peer = measure(repetitions, [&] { return peerSurfaces(labels, values); }, peerTriangles);
    std::printf("label surfaces, demo labelmap 512x512x120, %zu labels, %d repetitions\n", values.size(), repetitions);
    std::printf("  ours (ROI discrete flying edges): median %.1f ms (min %.1f, max %.1f), %lld triangles\n", ours.median,
                ours.min, ours.max, oursTriangles);
    std::printf("  peer (vtkDiscreteMarchingCubes):  median %.1f ms (min %.1f, max %.1f), %lld triangles\n", peer.median,
                peer.min, peer.max, peerTriangles);
    std::printf("  speed-up peer/ours: %.2fx\n", peer.median / ours.median);
    return 0;
}
