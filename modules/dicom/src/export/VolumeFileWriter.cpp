#include "twin/dicom/VolumeFileWriter.h"

#include "ExportFiles.h"

#include <itkImage.h>
#include <itkImageFileWriter.h>
#include <itkMetaImageIOFactory.h>
#include <itkNiftiImageIOFactory.h>
#include <itkNrrdImageIOFactory.h>

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <mutex>

namespace twin::dicom {

namespace {

void registerFactories() {
    static std::once_flag once;
    std::call_once(once, [] {
        itk::NrrdImageIOFactory::RegisterOneFactory();
        itk::MetaImageIOFactory::RegisterOneFactory();
        itk::NiftiImageIOFactory::RegisterOneFactory();
    });
}

// The extension (with its dot) ITK picks the ImageIO from; ".nii.gz" counts as one.
QString extensionOf(const QString &path) {
    const QString lower = QFileInfo(path).fileName().toLower();
    for (const char *ext : {".nii.gz", ".nrrd", ".nhdr", ".mha", ".mhd", ".nii"})
        if (lower.endsWith(QLatin1String(ext)) && lower.size() > qsizetype(qstrlen(ext))) return QString::fromLatin1(ext);
    return {};
}

template <typename Pixel>
core::Status writeImage(const QString &path, const QString &target, const core::ScalarVolume &volume, Pixel (*convert)(const core::ScalarVolume &, std::int16_t)) {
    using Image = itk::Image<Pixel, 3>;
    const core::VolumeGeometry &g = volume.geometry();
    auto image = Image::New();
    typename Image::RegionType region;
    typename Image::SizeType size;
    for (unsigned a = 0; a < 3; ++a) size[a] = static_cast<itk::SizeValueType>(g.dimensions[a]);
    region.SetSize(size);
    image->SetRegions(region);
    typename Image::SpacingType spacing;
    typename Image::PointType origin;
    typename Image::DirectionType direction;
    for (unsigned a = 0; a < 3; ++a) {
        spacing[a] = g.spacingMm[a];
        origin[a] = g.originMm[a];
        direction[a][0] = g.rowDirection[a];
        direction[a][1] = g.columnDirection[a];
        direction[a][2] = g.sliceDirection[a];
    }
    image->SetSpacing(spacing);
    image->SetOrigin(origin);
    image->SetDirection(direction);
    image->Allocate();
    Pixel *buffer = image->GetBufferPointer();
    const auto &voxels = volume.voxels();
    for (std::size_t n = 0; n < voxels.size(); ++n) buffer[n] = convert(volume, voxels[n]);

    auto writer = itk::ImageFileWriter<Image>::New();
    writer->SetInput(image);
    writer->SetFileName(QFile::encodeName(target).toStdString());
    writer->SetUseCompression(true);
    try {
        writer->Update();
    } catch (const itk::ExceptionObject &e) {
        return core::Error::io(QStringLiteral("cannot write volume: %1").arg(QString::fromLocal8Bit(e.GetDescription())))
            .inFile(path);
    }
    return {};
}

std::int16_t storedValue(const core::ScalarVolume &, std::int16_t v) { return v; }
float realValue(const core::ScalarVolume &volume, std::int16_t v) { return static_cast<float>(volume.toReal(v)); }

}  // namespace

bool VolumeFileWriter::isSupported(const QString &path) { return !extensionOf(path).isEmpty(); }

core::Status VolumeFileWriter::write(const QString &path, const core::ScalarVolume &volume) {
    const QString extension = extensionOf(path);
    if (extension.isEmpty())
        return core::Error::unsupported(QStringLiteral("unknown volume format (use .nrrd, .nhdr, .mha, .mhd, .nii or .nii.gz)"))
            .inFile(path);
    if (volume.isEmpty()) return core::Error::invalidInput(QStringLiteral("empty volume")).inFile(path);
    if (extension == QLatin1String(".nhdr") || extension == QLatin1String(".mhd")) {
        // Header + separate data file: no single rename makes both atomic; written in place.
        registerFactories();
        return volume.hasIdentityValueMapping() ? writeImage<std::int16_t>(path, path, volume, storedValue)
                                                : writeImage<float>(path, path, volume, realValue);
    }
    registerFactories();
    // Same folder, same extension (ITK chooses the format by it).
    const QString temporary = exportfiles::temporaryPathFor(path) + extension;
    const core::Status written = volume.hasIdentityValueMapping() ? writeImage<std::int16_t>(path, temporary, volume, storedValue)
                                                                  : writeImage<float>(path, temporary, volume, realValue);
    if (!written.ok()) return exportfiles::discard(temporary, written.error());
    return exportfiles::commit(temporary, path);
}

}  // namespace twin::dicom
