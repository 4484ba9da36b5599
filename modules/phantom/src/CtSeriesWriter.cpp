#include "CtSeriesWriter.h"

#include "DicomModules.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <algorithm>
#include <vector>

namespace twin::phantom {

CtSeriesWriter::CtSeriesWriter(const PhantomRecord &record, const PhantomUids &uids) : record_(record), uids_(uids) {}

core::Status CtSeriesWriter::writeSlice(const core::ScalarVolume &ct, int k, const QString &path) const {
    const core::VolumeGeometry &geometry = ct.geometry();
    const auto position = geometry.indexToPatient(0, 0, k);
    const int columns = geometry.dimensions[0];
    const int rows = geometry.dimensions[1];

    DcmFileFormat file;
    DicomItemWriter writer(*file.getDataset());
    dicom_modules::putSopCommon(writer, sop::kCtImage, uids_.ctInstance(k), record_.studyDate, record_.studyTime);
    dicom_modules::putPatientAndStudy(writer, record_);
    dicom_modules::putSeries(writer, {"CT", uids_.ctSeries(), 1, QStringLiteral("Thorax 2.5 mm (synthetic)"),
                                      record_.studyDate, record_.studyTime});
    writer.put(DCM_PatientPosition, "HFS").put(DCM_BodyPartExamined, "CHEST");
    dicom_modules::putFrameOfReference(writer, record_);
    dicom_modules::putEquipment(writer);

    // General Image, Image Plane.
    writer.put(DCM_InstanceNumber, QString::number(k + 1))
        .put(DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL")
        .put(DCM_AcquisitionNumber, "1")
        .put(DCM_AcquisitionDate, PhantomRecord::dicomDate(record_.studyDate))
        .put(DCM_AcquisitionTime, PhantomRecord::dicomTime(record_.studyTime))
        .put(DCM_ContentDate, PhantomRecord::dicomDate(record_.studyDate))
        .put(DCM_ContentTime, PhantomRecord::dicomTime(record_.studyTime))
        .put(DCM_BurnedInAnnotation, "NO")
        .put(DCM_PixelSpacing, QStringList{decimalString(geometry.spacingMm[1]), decimalString(geometry.spacingMm[0])})
        .put(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0")
        .put(DCM_ImagePositionPatient,
             QStringList{decimalString(position[0]), decimalString(position[1]), decimalString(position[2])})
        .put(DCM_SliceThickness, decimalString(geometry.spacingMm[2]))
        .put(DCM_SliceLocation, decimalString(position[2]));

    // Image Pixel, CT Image, VOI LUT.
    writer.putUint16(DCM_SamplesPerPixel, 1)
        .put(DCM_PhotometricInterpretation, "MONOCHROME2")
        .putUint16(DCM_Rows, static_cast<Uint16>(rows))
        .putUint16(DCM_Columns, static_cast<Uint16>(columns))
        .putUint16(DCM_BitsAllocated, 16)
        .putUint16(DCM_BitsStored, 16)
        .putUint16(DCM_HighBit, 15)
        .putUint16(DCM_PixelRepresentation, 1)
        .put(DCM_RescaleIntercept, QString::number(kRescaleIntercept))
        .put(DCM_RescaleSlope, "1")
        .put(DCM_RescaleType, "HU")
        .put(DCM_KVP, "120")
        .put(DCM_XRayTubeCurrent, "200")
        .put(DCM_ExposureTime, "1000")
        .put(DCM_ConvolutionKernel, "STANDARD")
        .put(DCM_DataCollectionDiameter, "500")
        .put(DCM_ReconstructionDiameter, decimalString(columns * geometry.spacingMm[0], 2))
        .put(DCM_GantryDetectorTilt, "0")
        .put(DCM_RotationDirection, "CW")
        .put(DCM_WindowCenter, "40\\-600")
        .put(DCM_WindowWidth, "400\\1500")
        .put(DCM_WindowCenterWidthExplanation, "SOFT TISSUE\\LUNG");

    const std::size_t count = static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
    const std::int16_t *hu = ct.slice(k);
    std::vector<Uint16> words(count);
    std::transform(hu, hu + count, words.begin(), [](std::int16_t value) {
        return static_cast<Uint16>(static_cast<std::int16_t>(value - kRescaleIntercept));
    });
    writer.putWords(DCM_PixelData, words.data(), static_cast<unsigned long>(count));

    if (const core::Status status = writer.status(path); !status) return status;
    return saveDicomFile(file, path);
}

}  // namespace twin::phantom
