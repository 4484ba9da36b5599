// Labelmap -> surfaces: closed, the right volume, one per non-empty label, cancellable.

#include "VtkTestMain.h"
#include "twin/core/ScalarVolume.h"
#include "twin/imaging/LabelSurfaceExtractor.h"
#include "twin/imaging/ScalarVolumeToVtk.h"

#include <vtkFeatureEdges.h>
#include <vtkImageData.h>
#include <vtkMassProperties.h>
#include <vtkNew.h>
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
