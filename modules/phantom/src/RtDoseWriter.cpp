#include "RtDoseWriter.h"

#include "DicomModules.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <algorithm>
#include <cmath>

namespace twin::phantom {

namespace {

/// Samples from max(lo, first) to min(hi, last), `step` apart: origin and count.
void axisRange(double lo, double hi, double first, double last, double step, double &origin, int &count) {
    origin = std::max(lo, first);
    const double end = std::min(hi, last);
    count = end >= origin ? static_cast<int>(std::floor((end - origin) / step + 1e-9)) + 1 : 1;
}

}  // namespace

RtDoseWriter::RtDoseWriter(const PhantomRecord &record, const PhantomUids &uids, const PhantomAnatomy &anatomy,
                           const PhantomDoseModel &model, const core::VolumeGeometry &ctGeometry)
    : record_(record), uids_(uids), model_(model) {
    const Vec3 &body = anatomy.body().semiAxes();
    const Vec3 &centre = anatomy.body().centre();
    const auto ctFirst = ctGeometry.indexToPatient(0, 0, 0);
    const auto ctLast = ctGeometry.indexToPatient(ctGeometry.dimensions[0] - 1, ctGeometry.dimensions[1] - 1,
                                                  ctGeometry.dimensions[2] - 1);
    grid_.spacingMm = {kGridSpacingMm, kGridSpacingMm, kGridSpacingMm};
    for (int axis = 0; axis < 2; ++axis) {
        const auto a = static_cast<std::size_t>(axis);
        axisRange(centre[a] - body[a] - 1.0, centre[a] + body[a] + 1.0, ctFirst[a], ctLast[a], kGridSpacingMm,
                  grid_.originMm[a], grid_.dimensions[a]);
    }
    axisRange(ctFirst[2], ctLast[2], ctFirst[2], ctLast[2], kGridSpacingMm, grid_.originMm[2], grid_.dimensions[2]);
}

void RtDoseWriter::putDoseModule(DicomItemWriter &writer, double scalingGy) const {
    QStringList offsets;
    for (int k = 0; k < grid_.dimensions[2]; ++k) offsets << decimalString(k * grid_.spacingMm[2], 3);
    writer.put(DCM_DoseUnits, "GY")
        .put(DCM_DoseType, "PHYSICAL")
        .put(DCM_DoseComment, "Analytic dose model of the Didymos demo patient")
        .put(DCM_DoseSummationType, "PLAN")
        .put(DCM_GridFrameOffsetVector, offsets)
        .put(DCM_DoseGridScaling, decimalString(scalingGy, 8));
    writer.appendItem(DCM_ReferencedRTPlanSequence)
        .put(DCM_ReferencedSOPClassUID, sop::kRtPlan)
        .put(DCM_ReferencedSOPInstanceUID, uids_.rtPlanInstance());
}

core::Status RtDoseWriter::write(const QString &path) const {
    const int columns = grid_.dimensions[0], rows = grid_.dimensions[1], frames = grid_.dimensions[2];
    std::vector<double> gy(grid_.voxelCount());
    std::size_t index = 0;
    for (int k = 0; k < frames; ++k)
        for (int j = 0; j < rows; ++j)
            for (int i = 0; i < columns; ++i) gy[index++] = model_.doseGyAt(grid_.indexToPatient(i, j, k));
    const double maximum = gy.empty() ? 0.0 : *std::max_element(gy.begin(), gy.end());
    // The finest 1e-5 Gy step that keeps the maximum within 16 bits.
    const double scaling = std::max(1e-5, std::ceil(maximum / 65535.0 * 1e5) / 1e5);
    std::vector<Uint16> words(gy.size());
    std::transform(gy.begin(), gy.end(), words.begin(),
                   [scaling](double value) { return static_cast<Uint16>(std::lround(value / scaling)); });

    DcmFileFormat file;
    DicomItemWriter writer(*file.getDataset());
    dicom_modules::putSopCommon(writer, sop::kRtDose, uids_.rtDoseInstance(), record_.planDate, record_.planTime);
    dicom_modules::putPatientAndStudy(writer, record_);
    dicom_modules::putSeries(writer, {"RTDOSE", uids_.rtDoseSeries(), 4, QStringLiteral("Demo plan dose"),
                                      record_.planDate, record_.planTime});
    dicom_modules::putFrameOfReference(writer, record_);
    dicom_modules::putEquipment(writer);
    const auto position = grid_.indexToPatient(0, 0, 0);
    writer.put(DCM_InstanceNumber, "1")
        .put(DCM_ContentDate, PhantomRecord::dicomDate(record_.planDate))
        .put(DCM_ContentTime, PhantomRecord::dicomTime(record_.planTime))
        .put(DCM_PixelSpacing, QStringList{decimalString(grid_.spacingMm[1]), decimalString(grid_.spacingMm[0])})
        .put(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0")
        .put(DCM_ImagePositionPatient,
             QStringList{decimalString(position[0]), decimalString(position[1]), decimalString(position[2])})
        .put(DCM_SliceThickness, "")
        .put(DCM_NumberOfFrames, QString::number(frames))
        .putTagKey(DCM_FrameIncrementPointer, DCM_GridFrameOffsetVector)
        .putUint16(DCM_SamplesPerPixel, 1)
        .put(DCM_PhotometricInterpretation, "MONOCHROME2")
        .putUint16(DCM_Rows, static_cast<Uint16>(rows))
        .putUint16(DCM_Columns, static_cast<Uint16>(columns))
        .putUint16(DCM_BitsAllocated, 16)
        .putUint16(DCM_BitsStored, 16)
        .putUint16(DCM_HighBit, 15)
        .putUint16(DCM_PixelRepresentation, 0);
    putDoseModule(writer, scaling);
    writer.putWords(DCM_PixelData, words.data(), static_cast<unsigned long>(words.size()));

    if (const core::Status status = writer.status(path); !status) return status;
    return saveDicomFile(file, path);
}

}  // namespace twin::phantom
