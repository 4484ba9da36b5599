// Labelmap -> surfaces: closed, the right volume, one per non-empty label, cancellable.

#include "VtkTestMain.h"
#include "twin/core/ScalarVolume.h"
#include "twin/imaging/LabelSurfaceExtractor.h"
#include "twin/imaging/ScalarVolumeToVtk.h"
#include "twin/imaging/SurfaceNets.h"

#include <vtkFeatureEdges.h>
#include <vtkImageData.h>
#include <vtkMassProperties.h>
#include <vtkNew.h>
#include <vtkDataArray.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkTriangleFilter.h>

#include <cmath>
#include <numbers>

using namespace twin;

namespace {

// Two spheres (labels 1 and 2) in a 64³ grid with 1.5 mm voxels, origin off zero.
core::ScalarVolume twoSpheres() {
    core::VolumeGeometry g;
    g.dimensions = {64, 64, 64};
    g.spacingMm = {1.5, 1.5, 1.5};
    g.originMm = {-10.0, 20.0, 5.0};
    core::ScalarVolume volume(g);
    for (int k = 0; k < 64; ++k)
        for (int j = 0; j < 64; ++j)
            for (int i = 0; i < 64; ++i) {
                const double d1 = std::hypot(i - 20.0, j - 32.0, k - 32.0) * 1.5;
                const double d2 = std::hypot(i - 46.0, j - 32.0, k - 32.0) * 1.5;
                if (d1 <= 15.0) volume.at(i, j, k) = 1;
                else if (d2 <= 9.0) volume.at(i, j, k) = 2;
            }
    return volume;
}

// Boundary plus non-manifold edges of a surface: 0 for a closed, manifold surface.
vtkIdType openOrNonManifoldEdges(vtkPolyData *mesh) {
    vtkNew<vtkFeatureEdges> edges;
    edges->SetInputData(mesh);
    edges->BoundaryEdgesOn();
    edges->NonManifoldEdgesOn();
    edges->FeatureEdgesOff();
    edges->ManifoldEdgesOff();
    edges->Update();
    return edges->GetOutput()->GetNumberOfCells();
}

double enclosedVolume(vtkPolyData *mesh) {
    vtkNew<vtkMassProperties> mass;
    mass->SetInputData(mesh);
    mass->Update();
    return mass->GetVolume();
}

// Fraction of points whose normal points away from `centre` (outward on a convex shape).
double outwardNormalFraction(vtkPolyData *mesh, const double centre[3]) {
    vtkDataArray *normals = mesh->GetPointData()->GetNormals();
    if (!normals) return 0.0;
    vtkIdType outward = 0;
    for (vtkIdType p = 0; p < mesh->GetNumberOfPoints(); ++p) {
        double x[3], n[3];
        mesh->GetPoint(p, x);
        normals->GetTuple(p, n);
        if ((x[0] - centre[0]) * n[0] + (x[1] - centre[1]) * n[1] + (x[2] - centre[2]) * n[2] > 0) ++outward;
    }
    return double(outward) / double(mesh->GetNumberOfPoints());
}

}  // namespace

class TestLabelSurfaceExtractor : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void conversionKeepsGeometryAndVoxels() {
        const core::ScalarVolume volume = twoSpheres();
        const vtkSmartPointer<vtkImageData> image = imaging::toVtkImage(volume);
        int dims[3];
        image->GetDimensions(dims);
        QCOMPARE(dims[0], 64);
        QCOMPARE(image->GetSpacing()[2], 1.5);
        QCOMPARE(image->GetOrigin()[1], 20.0);
        QCOMPARE(static_cast<int>(image->GetScalarComponentAsDouble(20, 32, 32, 0)), 1);
        QCOMPARE(static_cast<int>(image->GetScalarComponentAsDouble(46, 32, 32, 0)), 2);
        QCOMPARE(static_cast<int>(image->GetScalarComponentAsDouble(0, 0, 0, 0)), 0);
    }

    void surfacesAreClosedWithTheSphereVolume() {
        const vtkSmartPointer<vtkImageData> image = imaging::toVtkImage(twoSpheres());
        auto result = imaging::LabelSurfaceExtractor::extract(image, {1, 2, 7});
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        const auto &surfaces = result.value();
        QCOMPARE(static_cast<int>(surfaces.size()), 2);  // label 7 is empty: no entry
        const double radii[] = {15.0, 9.0};
        for (int s = 0; s < 2; ++s) {
            QCOMPARE(surfaces[s].label, s + 1);
            vtkNew<vtkFeatureEdges> edges;
            edges->SetInputData(surfaces[s].mesh);
            edges->BoundaryEdgesOn();
            edges->NonManifoldEdgesOn();
            edges->FeatureEdgesOff();
            edges->ManifoldEdgesOff();
            edges->Update();
            QCOMPARE(edges->GetOutput()->GetNumberOfCells(), vtkIdType(0));  // watertight
            vtkNew<vtkTriangleFilter> triangles;
            triangles->SetInputData(surfaces[s].mesh);
            vtkNew<vtkMassProperties> mass;
            mass->SetInputConnection(triangles->GetOutputPort());
            mass->Update();
            const double expected = 4.0 / 3.0 * std::numbers::pi * std::pow(radii[s], 3);
            const double error = std::abs(mass->GetVolume() - expected) / expected;
            // Voxelisation at 1.5 mm plus smoothing: within 6 % for a 9 mm sphere.
            QVERIFY2(error < 0.06, qPrintable(QStringLiteral("label %1: %2 vs %3 mm³").arg(s + 1).arg(mass->GetVolume()).arg(expected)));
            // In patient coordinates: the centre of sphere 1 is origin + 20*1.5 in x.
            double bounds[6];
            surfaces[s].mesh->GetBounds(bounds);
            const double centreX = (bounds[0] + bounds[1]) / 2.0;
            QVERIFY(std::abs(centreX - (-10.0 + (s == 0 ? 20.0 : 46.0) * 1.5)) < 1.0);
        }
    }

    void oneVoxelGivesACubeOfSixQuads() {
        // The surface net of a single voxel: one vertex per surrounding cell (8), one quad
        // per crossing edge (6), each quad wound outward (normal away from the voxel).
        core::VolumeGeometry g;
        g.dimensions = {3, 3, 3};
        core::ScalarVolume volume(g);
        volume.at(1, 1, 1) = 4;
        const imaging::LabelVolumeView view{volume.voxels().data(), {3, 3, 3}};
        imaging::SurfaceNetOptions noSmoothing;
        noSmoothing.smoothingIterations = 0;
        const imaging::SurfaceNetMesh net = imaging::SurfaceNets::extract(view, 4, {0, 0, 0}, {2, 2, 2}, noSmoothing);
        QCOMPARE(net.points.size(), std::size_t(8));
        QCOMPARE(net.quads.size(), std::size_t(6));
        for (const auto &p : net.points)
            for (float c : p) QVERIFY(c == 0.5f || c == 1.5f);  // cell centres around voxel (1,1,1)
        for (const auto &q : net.quads) {
            const auto &a = net.points[q[0]], &b = net.points[q[1]], &c = net.points[q[2]];
            const float u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]}, v[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
            const float n[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
            const float mid[3] = {(a[0] + c[0]) / 2 - 1.0f, (a[1] + c[1]) / 2 - 1.0f, (a[2] + c[2]) / 2 - 1.0f};
            QVERIFY(n[0] * mid[0] + n[1] * mid[1] + n[2] * mid[2] > 0);
        }
        // A label value that is not there, or a box that misses the voxel: no surface.
        QVERIFY(imaging::SurfaceNets::extract(view, 5, {0, 0, 0}, {2, 2, 2}).quads.empty());
        QVERIFY(imaging::SurfaceNets::extract(view, 4, {2, 2, 2}, {2, 2, 2}).quads.empty());
    }

    void smoothingStaysWithinTheConstraint() {
        const core::ScalarVolume volume = twoSpheres();
        const imaging::LabelVolumeView view{volume.voxels().data(), {64, 64, 64}};
        imaging::SurfaceNetOptions raw;
        raw.smoothingIterations = 0;
        const auto unsmoothed = imaging::SurfaceNets::extract(view, 1, {0, 0, 0}, {63, 63, 63}, raw);
        const auto smoothed = imaging::SurfaceNets::extract(view, 1, {0, 0, 0}, {63, 63, 63});
        QCOMPARE(smoothed.points.size(), unsmoothed.points.size());
        QCOMPARE(smoothed.quads, unsmoothed.quads);
        float largestMove = 0;
        for (std::size_t v = 0; v < smoothed.points.size(); ++v)
            for (int a = 0; a < 3; ++a)
                largestMove = std::max(largestMove, std::abs(smoothed.points[v][a] - unsmoothed.points[v][a]));
        QVERIFY(largestMove > 0.1f);  // it did smooth
        QVERIFY(largestMove <= imaging::SurfaceNetOptions{}.constraintVoxels + 1e-5f);
    }

    void normalsPointOutward() {
        const vtkSmartPointer<vtkImageData> image = imaging::toVtkImage(twoSpheres());
        auto result = imaging::LabelSurfaceExtractor::extract(image, {1});
        QVERIFY(result.ok());
        const double centre[3] = {-10.0 + 20 * 1.5, 20.0 + 32 * 1.5, 5.0 + 32 * 1.5};
        QCOMPARE(outwardNormalFraction(result.value()[0].mesh, centre), 1.0);
    }

    void mirroredDirectionKeepsNormalsOutwardAndVolumePositive() {
        core::ScalarVolume volume = twoSpheres();
        core::VolumeGeometry g = volume.geometry();
        g.sliceDirection = {0.0, 0.0, -1.0};  // left-handed: index k runs towards -z
        core::ScalarVolume mirrored(g);
        mirrored.voxels() = volume.voxels();
        auto result = imaging::LabelSurfaceExtractor::extract(imaging::toVtkImage(mirrored), {2});
        QVERIFY(result.ok());
        vtkPolyData *mesh = result.value()[0].mesh;
        const double centre[3] = {-10.0 + 46 * 1.5, 20.0 + 32 * 1.5, 5.0 - 32 * 1.5};
        QCOMPARE(outwardNormalFraction(mesh, centre), 1.0);
        QVERIFY(enclosedVolume(mesh) > 0.9 * 4.0 / 3.0 * std::numbers::pi * 9.0 * 9.0 * 9.0);
    }

    void labelTouchingTheVolumeEdgeIsClosed() {
        core::VolumeGeometry g;
        g.dimensions = {10, 12, 8};
        core::ScalarVolume volume(g);
        for (int k = 0; k < 8; ++k)
            for (int j = 0; j < 5; ++j)
                for (int i = 0; i < 10; ++i) volume.at(i, j, k) = 3;  // a slab through the whole volume
        auto result = imaging::LabelSurfaceExtractor::extract(imaging::toVtkImage(volume), {3});
        QVERIFY(result.ok());
        QCOMPARE(result.value().size(), std::size_t(1));
        QCOMPARE(openOrNonManifoldEdges(result.value()[0].mesh), vtkIdType(0));
        // 10×5×8 voxels of 1 mm³: smoothing rounds the box's edges without losing volume.
        const double volumeMm3 = enclosedVolume(result.value()[0].mesh);
        QVERIFY2(std::abs(volumeMm3 - 400.0) < 0.05 * 400.0, qPrintable(QString::number(volumeMm3)));
    }

    void decimatesOnlyAboveTheTriangleBudget() {
        const vtkSmartPointer<vtkImageData> image = imaging::toVtkImage(twoSpheres());
        auto full = imaging::LabelSurfaceExtractor::extract(image, {1});
        QVERIFY(full.ok());
        const vtkIdType fullTriangles = full.value()[0].mesh->GetNumberOfPolys();
        auto smallAlone = imaging::LabelSurfaceExtractor::extract(image, {2});
        const vtkIdType smallTriangles = smallAlone.value()[0].mesh->GetNumberOfPolys();
        imaging::SurfaceOptions options;
        options.triangleBudget = (smallTriangles + fullTriangles) / 2;  // only the big sphere is above it
        QVERIFY(smallTriangles < options.triangleBudget && options.triangleBudget < fullTriangles);
        auto reduced = imaging::LabelSurfaceExtractor::extract(image, {1, 2}, options);
        QVERIFY(reduced.ok());
        vtkPolyData *big = reduced.value()[0].mesh;
        QVERIFY2(big->GetNumberOfPolys() <= options.triangleBudget * 1.05,
                 qPrintable(QStringLiteral("%1 > %2").arg(big->GetNumberOfPolys()).arg(options.triangleBudget)));
        QVERIFY(big->GetPointData()->GetNormals() != nullptr);
        QCOMPARE(openOrNonManifoldEdges(big), vtkIdType(0));
        const double expected = 4.0 / 3.0 * std::numbers::pi * 15.0 * 15.0 * 15.0;
        QVERIFY(std::abs(enclosedVolume(big) - expected) / expected < 0.06);
        // The small sphere was under the budget: untouched.
        QCOMPARE(reduced.value()[1].mesh->GetNumberOfPolys(), smallTriangles);
    }

    void oneThreadAndManyThreadsGiveTheSameMeshes() {
        const vtkSmartPointer<vtkImageData> image = imaging::toVtkImage(twoSpheres());
        imaging::SurfaceOptions one, four;
        one.threads = 1;
        four.threads = 4;
        auto a = imaging::LabelSurfaceExtractor::extract(image, {2, 1}, one);
        auto b = imaging::LabelSurfaceExtractor::extract(image, {2, 1}, four);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a.value().size(), std::size_t(2));
        for (int s = 0; s < 2; ++s) {
            QCOMPARE(a.value()[s].label, b.value()[s].label);
            QCOMPARE(a.value()[s].mesh->GetNumberOfPoints(), b.value()[s].mesh->GetNumberOfPoints());
            double pa[3], pb[3];
            const vtkIdType last = a.value()[s].mesh->GetNumberOfPoints() - 1;
            a.value()[s].mesh->GetPoint(last, pa);
            b.value()[s].mesh->GetPoint(last, pb);
            QCOMPARE(pa[0], pb[0]);
        }
        QCOMPARE(a.value()[0].label, 2);  // in the order asked for, not the order computed
    }

    void cancellationStopsWithCancelled() {
        const vtkSmartPointer<vtkImageData> image = imaging::toVtkImage(twoSpheres());
        core::JobContext context;
        context.requestCancel();
        auto result = imaging::LabelSurfaceExtractor::extract(image, {1, 2}, {}, &context);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code(), core::Error::Code::Cancelled);
    }

    void rejectsEmptyAndWrongTypedInput() {
        QVERIFY(!imaging::LabelSurfaceExtractor::extract(nullptr, {1}).ok());
        vtkNew<vtkImageData> floats;
        floats->SetDimensions(4, 4, 4);
        floats->AllocateScalars(VTK_FLOAT, 1);
        auto result = imaging::LabelSurfaceExtractor::extract(floats, {1});
        QVERIFY(!result.ok());
        QVERIFY(result.error().message().contains(QStringLiteral("16-bit")));
    }
};

DIDYMOS_VTK_UNIT_TEST_MAIN(TestLabelSurfaceExtractor)
#include "TestLabelSurfaceExtractor.moc"
