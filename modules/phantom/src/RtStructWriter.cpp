#include "RtStructWriter.h"

#include "DicomModules.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace twin::phantom {

namespace {

// Cross-sections thinner than this would not cover a voxel centre: no contour.
constexpr double kSmallestSemiAxisMm = 0.5;
// PS3.3 C.8.8.5.3.1: the Referenced SOP Class UID of an RT Referenced Study.
constexpr const char *kStudyComponentManagement = "1.2.840.10008.3.1.2.3.1";

}  // namespace

RtStructWriter::RtStructWriter(const PhantomRecord &record, const PhantomUids &uids, const PhantomAnatomy &anatomy,
                               const core::VolumeGeometry &ctGeometry)
    : record_(record), uids_(uids), anatomy_(anatomy), ct_(ctGeometry) {}

QStringList RtStructWriter::contourData(const EllipseSection &ellipse, double z) {
    // Ramanujan's perimeter of an ellipse.
    const double a = ellipse.a, b = ellipse.b;
    const double perimeter = std::numbers::pi * (3.0 * (a + b) - std::sqrt((3.0 * a + b) * (a + 3.0 * b)));
    const int points = std::clamp(static_cast<int>(std::ceil(perimeter / 3.0)), 16, 256);
    QStringList values;
    values.reserve(3 * points);
    const QString zText = decimalString(z, 2);
    for (int n = 0; n < points; ++n) {
        const double angle = 2.0 * std::numbers::pi * n / points;
        values << decimalString(ellipse.cx + a * std::cos(angle), 2)
               << decimalString(ellipse.cy + b * std::sin(angle), 2) << zText;
    }
    return values;
}

void RtStructWriter::putStructureSet(DicomItemWriter &writer) const {
    writer.put(DCM_StructureSetLabel, "DEMO_THORAX")
        .put(DCM_StructureSetName, "Demo thorax")
        .put(DCM_StructureSetDescription, "Analytic organs and tumour of the Didymos demo patient")
        .put(DCM_InstanceNumber, "1")
        .put(DCM_StructureSetDate, PhantomRecord::dicomDate(record_.planDate))
        .put(DCM_StructureSetTime, PhantomRecord::dicomTime(record_.planTime));

    DicomItemWriter frame = writer.appendItem(DCM_ReferencedFrameOfReferenceSequence);
    frame.put(DCM_FrameOfReferenceUID, record_.identity.frameOfReferenceUid);
    DicomItemWriter study = frame.appendItem(DCM_RTReferencedStudySequence);
    study.put(DCM_ReferencedSOPClassUID, kStudyComponentManagement)
        .put(DCM_ReferencedSOPInstanceUID, record_.identity.studyInstanceUid);
    DicomItemWriter series = study.appendItem(DCM_RTReferencedSeriesSequence);
    series.put(DCM_SeriesInstanceUID, record_.identity.ctSeriesInstanceUid);
    for (int k = 0; k < ct_.dimensions[2]; ++k) {
        series.appendItem(DCM_ContourImageSequence)
            .put(DCM_ReferencedSOPClassUID, sop::kCtImage)
            .put(DCM_ReferencedSOPInstanceUID, uids_.ctInstance(k));
    }

    for (const AnatomyStructure &structure : anatomy_.structures()) {
        writer.appendItem(DCM_StructureSetROISequence)
            .put(DCM_ROINumber, QString::number(structure.info.label))
            .put(DCM_ReferencedFrameOfReferenceUID, record_.identity.frameOfReferenceUid)
            .put(DCM_ROIName, structure.info.name)
            .put(DCM_ROIGenerationAlgorithm, "AUTOMATIC")
            .put(DCM_ROIGenerationDescription, "Analytic phantom shape");
    }
    for (const AnatomyStructure &structure : anatomy_.structures()) {
        writer.appendItem(DCM_RTROIObservationsSequence)
            .put(DCM_ObservationNumber, QString::number(structure.info.label))
            .put(DCM_ReferencedROINumber, QString::number(structure.info.label))
            .put(DCM_ROIObservationLabel, structure.info.name)
            .put(DCM_RTROIInterpretedType, structure.info.rtRoiInterpretedType)
            .put(DCM_ROIInterpreter, "");
    }
}

void RtStructWriter::putRoiContours(DicomItemWriter &writer) const {
    for (const AnatomyStructure &structure : anatomy_.structures()) {
        DicomItemWriter roi = writer.appendItem(DCM_ROIContourSequence);
        const auto &rgb = structure.info.rgb;
        roi.put(DCM_ROIDisplayColor,
                QStringList{QString::number(rgb[0]), QString::number(rgb[1]), QString::number(rgb[2])});
        int contourNumber = 0;
        for (int k = 0; k < ct_.dimensions[2]; ++k) {
            const double z = ct_.indexToPatient(0, 0, k)[2];
            const auto section = structure.shape.sectionAt(z);
            if (!section || std::min(section->a, section->b) < kSmallestSemiAxisMm) continue;
            const QStringList data = contourData(*section, z);
            DicomItemWriter contour = roi.appendItem(DCM_ContourSequence);
            contour.appendItem(DCM_ContourImageSequence)
                .put(DCM_ReferencedSOPClassUID, sop::kCtImage)
                .put(DCM_ReferencedSOPInstanceUID, uids_.ctInstance(k));
            contour.put(DCM_ContourNumber, QString::number(++contourNumber))
                .put(DCM_ContourGeometricType, "CLOSED_PLANAR")
                .put(DCM_NumberOfContourPoints, QString::number(data.size() / 3))
                .put(DCM_ContourData, data);
        }
        roi.put(DCM_ReferencedROINumber, QString::number(structure.info.label));
    }
}

core::Status RtStructWriter::write(const QString &path) const {
    DcmFileFormat file;
    DicomItemWriter writer(*file.getDataset());
    dicom_modules::putSopCommon(writer, sop::kRtStructureSet, uids_.rtStructInstance(), record_.planDate,
                                record_.planTime);
    dicom_modules::putPatientAndStudy(writer, record_);
    dicom_modules::putSeries(writer, {"RTSTRUCT", uids_.rtStructSeries(), 2, QStringLiteral("Demo structures"),
                                      record_.planDate, record_.planTime});
    dicom_modules::putFrameOfReference(writer, record_);  // the current IOD has it; dciodvfy requires it
    dicom_modules::putEquipment(writer);
    putStructureSet(writer);
    putRoiContours(writer);
    if (const core::Status status = writer.status(path); !status) return status;
    return saveDicomFile(file, path);
}

}  // namespace twin::phantom
