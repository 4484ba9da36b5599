// Dose display inputs: isodose levels as clinicians type them, and isodose surfaces that
// enclose the right region of a known dose distribution.

#include "VtkTestMain.h"
#include "twin/imaging/DoseDisplay.h"

#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkNew.h>
#include <vtkThreshold.h>
#include <vtkUnstructuredGrid.h>

#include <cmath>
#include <numbers>

using namespace twin;

class TestDoseDisplay : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void levelsInPercentAndGy() {
        auto levels = imaging::DoseDisplay::parseLevels(QStringLiteral("95%, 50 %;100%, 20 Gy, 20"), 60.0);
        QVERIFY(levels.ok());
        QCOMPARE(levels.value(), (std::vector<double>{60.0, 57.0, 30.0, 20.0}));  // sorted, duplicates dropped
        auto bad = imaging::DoseDisplay::parseLevels(QStringLiteral("95%, lots"), 60.0);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message().contains(QStringLiteral("\"lots\"")));
        auto noPrescription = imaging::DoseDisplay::parseLevels(QStringLiteral("95%"), 0.0);
        QVERIFY(!noPrescription.ok());
        QVERIFY(noPrescription.error().message().contains(QStringLiteral("prescription")));
        QVERIFY(!imaging::DoseDisplay::parseLevels(QStringLiteral(" , "), 60.0).ok());
    }

    void isodoseSurfacesEncloseTheirDose() {
        // A spherically symmetric dose, 60 Gy at the centre falling 1 Gy per mm: the 30 Gy
        // isodose is a 30 mm sphere, the 50 Gy one a 10 mm sphere.
        core::VolumeGeometry g;
        g.dimensions = {81, 81, 81};
        g.originMm = {-40, -40, -40};
        core::FloatVolume dose(g);
        for (int k = 0; k < 81; ++k)
            for (int j = 0; j < 81; ++j)
                for (int i = 0; i < 81; ++i) dose.at(i, j, k) = float(std::max(0.0, 60.0 - std::hypot(i - 40.0, j - 40.0, k - 40.0)));
        const auto image = imaging::DoseDisplay::toVtkImage(dose);
        QCOMPARE(image->GetScalarRange()[1], 60.0);
        const auto surfaces = imaging::DoseDisplay::isodoseSurfaces(image, {50.0, 30.0});
        QVERIFY(surfaces->GetNumberOfPolys() > 0);
        vtkDataArray *levels = surfaces->GetPointData()->GetArray("Level");
        QVERIFY(levels);
        for (double level : {50.0, 30.0}) {
            vtkNew<vtkThreshold> one;  // the surface of this level alone
            one->SetInputData(surfaces);
            one->SetInputArrayToProcess(0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS, "Level");
            one->SetLowerThreshold(level - 0.01);
            one->SetUpperThreshold(level + 0.01);
            one->Update();
            const double radius = 60.0 - level;
            double bounds[6];
            one->GetOutput()->GetBounds(bounds);
            QVERIFY2(std::abs((bounds[1] - bounds[0]) / 2 - radius) < 0.5, qPrintable(QString::number(bounds[1] - bounds[0])));
        }
    }
};

DIDYMOS_VTK_UNIT_TEST_MAIN(TestDoseDisplay)
#include "TestDoseDisplay.moc"
