// VolumeFileWriter: an oblique, anisotropic int16 volume (and one with a value mapping) written
// as NRRD, MetaImage and NIfTI reads back through itk::ImageFileReader with the same voxels,
// spacing, origin and direction (LPS, 1e-4); unknown extensions are an error naming the file.

#include "TestData.h"
#include "TestMain.h"

#include "twin/dicom/VolumeFileWriter.h"

#include <itkImage.h>
#include <itkImageFileReader.h>
#include <itkMetaImageIOFactory.h>
#include <itkNiftiImageIOFactory.h>
#include <itkNrrdImageIOFactory.h>

#include <QDir>
#include <QFile>

#include <cmath>

using namespace twin;

namespace {

core::ScalarVolume testVolume() {
    core::VolumeGeometry g;
    g.dimensions = {7, 5, 4};
    g.spacingMm = {0.75, 1.25, 2.5};
    g.originMm = {-120.5, 33.25, 410.0};
    const double c = std::cos(0.3), s = std::sin(0.3);
    g.rowDirection = {c, s, 0.0};
    g.columnDirection = {-s, c, 0.0};
    g.sliceDirection = {0.0, 0.0, 1.0};
    core::ScalarVolume v(g);
    for (std::size_t n = 0; n < v.voxels().size(); ++n) v.voxels()[n] = std::int16_t(int(n * 37 % 3000) - 1024);
    return v;
}

template <typename Pixel>
typename itk::Image<Pixel, 3>::Pointer readBack(const QString &path) {
    auto reader = itk::ImageFileReader<itk::Image<Pixel, 3>>::New();
    reader->SetFileName(QFile::encodeName(path).toStdString());
    reader->Update();
    return reader->GetOutput();
}

template <typename Image>
void compareGeometry(const Image *image, const core::VolumeGeometry &g) {
    for (unsigned a = 0; a < 3; ++a) {
        QCOMPARE(int(image->GetLargestPossibleRegion().GetSize()[a]), g.dimensions[a]);
        QVERIFY(std::fabs(image->GetSpacing()[a] - g.spacingMm[a]) < 1e-4);
        QVERIFY(std::fabs(image->GetOrigin()[a] - g.originMm[a]) < 1e-4);
        QVERIFY(std::fabs(image->GetDirection()[a][0] - g.rowDirection[a]) < 1e-4);
        QVERIFY(std::fabs(image->GetDirection()[a][1] - g.columnDirection[a]) < 1e-4);
        QVERIFY(std::fabs(image->GetDirection()[a][2] - g.sliceDirection[a]) < 1e-4);
    }
}

}  // namespace

class TestVolumeFileWriter : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void initTestCase() {
        itk::NrrdImageIOFactory::RegisterOneFactory();
        itk::MetaImageIOFactory::RegisterOneFactory();
        itk::NiftiImageIOFactory::RegisterOneFactory();
    }
    void int16RoundTrip_data() {
        QTest::addColumn<QString>("name");
        for (const char *name : {"ct.nrrd", "ct.mha", "ct.nii", "ct.nii.gz", "ct.nhdr", "ct.mhd"}) QTest::newRow(name) << QString::fromLatin1(name);
    }
    void int16RoundTrip() {
        QFETCH(QString, name);
        const QString dir = test::scratchDir(QStringLiteral("export-volume"));
        const QString path = dir + QLatin1Char('/') + name;
        const core::ScalarVolume volume = testVolume();
        const core::Status written = dicom::VolumeFileWriter::write(path, volume);
        QVERIFY2(written.ok(), qPrintable(written.error().message()));
        QVERIFY(QDir(dir).entryList({QStringLiteral("*.tmp*")}, QDir::Hidden | QDir::Files).isEmpty());
        auto image = readBack<std::int16_t>(path);
        compareGeometry(image.GetPointer(), volume.geometry());
        const std::int16_t *buffer = image->GetBufferPointer();
        for (std::size_t n = 0; n < volume.voxels().size(); ++n) QCOMPARE(buffer[n], volume.voxels()[n]);
    }
    void valueMappingWritesRealValues() {
        core::ScalarVolume volume = testVolume();
        volume.setValueMapping(0.25, 10.0);
        const QString path = test::scratchDir(QStringLiteral("export-volume-real")) + QStringLiteral("/pet.nrrd");
        const core::Status written = dicom::VolumeFileWriter::write(path, volume);
        QVERIFY2(written.ok(), qPrintable(written.error().message()));
        auto image = readBack<float>(path);
        compareGeometry(image.GetPointer(), volume.geometry());
        for (std::size_t n = 0; n < volume.voxels().size(); ++n)
            QVERIFY(std::fabs(image->GetBufferPointer()[n] - volume.toReal(volume.voxels()[n])) < 1e-4);
    }
    void unknownExtensionNamesTheFile() {
        const QString path = test::scratchDir(QStringLiteral("export-volume-bad")) + QStringLiteral("/ct.vtk");
        const core::Status written = dicom::VolumeFileWriter::write(path, testVolume());
        QVERIFY(!written.ok());
        QVERIFY(written.error().message().contains(path));
        QVERIFY(!dicom::VolumeFileWriter::isSupported(path));
    }
};

DIDYMOS_TEST_MAIN(TestVolumeFileWriter)
#include "TestVolumeFileWriter.moc"
