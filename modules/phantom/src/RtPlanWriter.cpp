#include "RtPlanWriter.h"

#include "DicomModules.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <cmath>

namespace twin::phantom {

namespace {

constexpr const char *kMachine = "DEMO_LINAC";

QString number(double value) {
    return decimalString(value, 2);
}

}  // namespace

RtPlanWriter::RtPlanWriter(const PhantomRecord &record, const PhantomUids &uids, const PhantomAnatomy &anatomy)
    : record_(record), uids_(uids), anatomy_(anatomy) {}

const std::array<RtPlanWriter::Beam, 5> &RtPlanWriter::beams() {
    // IEC 61217 gantry angles, head first supine: 270 enters from the patient's right.
    static const std::array<Beam, 5> list{
        {{1, 0.0, 52.0}, {2, 300.0, 49.0}, {3, 250.0, 47.0}, {4, 210.0, 55.0}, {5, 180.0, 58.0}}};
    return list;
}

void RtPlanWriter::putPrescription(DicomItemWriter &writer) const {
    const double prescription = record_.prescriptionGy;
    int ptvRoiNumber = 0;  // ROI number = label
    for (const AnatomyStructure &structure : anatomy_.structures()) {
        if (structure.info.rtRoiInterpretedType == QLatin1String("PTV")) ptvRoiNumber = structure.info.label;
    }
    writer.put(DCM_PrescriptionDescription,
               QStringLiteral("%1 Gy in %2 fractions to the PTV").arg(prescription).arg(record_.fractions));
    writer.appendItem(DCM_DoseReferenceSequence)
        .put(DCM_DoseReferenceNumber, "1")
        .put(DCM_DoseReferenceUID, uids_.uid(QStringLiteral("dose-reference/1")))
        .put(DCM_DoseReferenceStructureType, "VOLUME")
        .put(DCM_DoseReferenceDescription, "PTV")
        .put(DCM_ReferencedROINumber, QString::number(ptvRoiNumber))
        .put(DCM_DoseReferenceType, "TARGET")
        .put(DCM_TargetMinimumDose, number(0.95 * prescription))
        .put(DCM_TargetPrescriptionDose, number(prescription))
        .put(DCM_TargetMaximumDose, number(1.07 * prescription));
}

void RtPlanWriter::putFractionScheme(DicomItemWriter &writer) const {
    DicomItemWriter group = writer.appendItem(DCM_FractionGroupSequence);
    group.put(DCM_FractionGroupNumber, "1")
        .put(DCM_NumberOfFractionsPlanned, QString::number(record_.fractions))
        .put(DCM_NumberOfBeams, QString::number(beams().size()))
        .put(DCM_NumberOfBrachyApplicationSetups, "0");
    for (const Beam &beam : beams()) {
        group.appendItem(DCM_ReferencedBeamSequence)
            .put(DCM_ReferencedBeamNumber, QString::number(beam.number))
            .put(DCM_BeamMeterset, number(beam.meterset));
    }
}

void RtPlanWriter::putBeam(DicomItemWriter &writer, const Beam &beam) const {
    const Vec3 &isocentre = anatomy_.tumourCentre();
    // Jaws: the PTV plus 8 mm penumbra margin, at the isocentre.
    const double jaw = std::ceil(anatomy_.tumourRadiusMm() + anatomy_.ptvMarginMm() + 8.0);
    const QString jaws = QStringLiteral("%1\\%2").arg(number(-jaw), number(jaw));

    DicomItemWriter item = writer.appendItem(DCM_BeamSequence);
    item.put(DCM_BeamNumber, QString::number(beam.number))
        .put(DCM_BeamName, QStringLiteral("G%1").arg(static_cast<int>(beam.gantryAngle), 3, 10, QLatin1Char('0')))
        .put(DCM_BeamType, "STATIC")
        .put(DCM_RadiationType, "PHOTON")
        .put(DCM_TreatmentMachineName, kMachine)
        .put(DCM_Manufacturer, "Didymos")
        .put(DCM_PrimaryDosimeterUnit, "MU")
        .put(DCM_SourceAxisDistance, "1000");
    for (const char *device : {"ASYMX", "ASYMY"}) {
        item.appendItem(DCM_BeamLimitingDeviceSequence)
            .put(DCM_RTBeamLimitingDeviceType, device)
            .put(DCM_NumberOfLeafJawPairs, "1");
    }
    item.put(DCM_ReferencedPatientSetupNumber, "1")
        .put(DCM_TreatmentDeliveryType, "TREATMENT")
        .put(DCM_NumberOfWedges, "0")
        .put(DCM_NumberOfCompensators, "0")
        .put(DCM_NumberOfBoli, "0")
        .put(DCM_NumberOfBlocks, "0")
        .put(DCM_FinalCumulativeMetersetWeight, "1")
        .put(DCM_NumberOfControlPoints, "2");

    DicomItemWriter first = item.appendItem(DCM_ControlPointSequence);
    first.put(DCM_ControlPointIndex, "0").put(DCM_NominalBeamEnergy, "6").put(DCM_DoseRateSet, "600");
    for (const char *device : {"ASYMX", "ASYMY"}) {
        first.appendItem(DCM_BeamLimitingDevicePositionSequence)
            .put(DCM_RTBeamLimitingDeviceType, device)
            .put(DCM_LeafJawPositions, jaws);
    }
    first.put(DCM_GantryAngle, number(beam.gantryAngle))
        .put(DCM_GantryRotationDirection, "NONE")
        .put(DCM_BeamLimitingDeviceAngle, "0")
        .put(DCM_BeamLimitingDeviceRotationDirection, "NONE")
        .put(DCM_PatientSupportAngle, "0")
        .put(DCM_PatientSupportRotationDirection, "NONE")
        .put(DCM_TableTopEccentricAngle, "0")
        .put(DCM_TableTopEccentricRotationDirection, "NONE")
        .put(DCM_TableTopVerticalPosition, "")
        .put(DCM_TableTopLongitudinalPosition, "")
        .put(DCM_TableTopLateralPosition, "")
        .put(DCM_IsocenterPosition, QStringList{number(isocentre[0]), number(isocentre[1]), number(isocentre[2])})
        .put(DCM_CumulativeMetersetWeight, "0");
    item.appendItem(DCM_ControlPointSequence).put(DCM_ControlPointIndex, "1").put(DCM_CumulativeMetersetWeight, "1");
}

core::Status RtPlanWriter::write(const QString &path) const {
    DcmFileFormat file;
    DicomItemWriter writer(*file.getDataset());
    dicom_modules::putSopCommon(writer, sop::kRtPlan, uids_.rtPlanInstance(), record_.planDate, record_.planTime);
    dicom_modules::putPatientAndStudy(writer, record_);
    dicom_modules::putSeries(
        writer, {"RTPLAN", uids_.rtPlanSeries(), 3, QStringLiteral("Demo plan"), record_.planDate, record_.planTime});
    dicom_modules::putFrameOfReference(writer, record_);
    dicom_modules::putEquipment(writer);

    // RT General Plan.
    writer.put(DCM_InstanceNumber, "1")
        .put(DCM_RTPlanLabel, "LUNG_R_60GY")
        .put(DCM_RTPlanName, "Right lung 60 Gy / 30 fx")
        .put(DCM_RTPlanDescription, "Synthetic conformal plan of the Didymos demo patient")
        .put(DCM_RTPlanDate, PhantomRecord::dicomDate(record_.planDate))
        .put(DCM_RTPlanTime, PhantomRecord::dicomTime(record_.planTime))
        .put(DCM_PlanIntent, "CURATIVE")
        .put(DCM_RTPlanGeometry, "PATIENT");
    writer.appendItem(DCM_ReferencedStructureSetSequence)
        .put(DCM_ReferencedSOPClassUID, sop::kRtStructureSet)
        .put(DCM_ReferencedSOPInstanceUID, uids_.rtStructInstance());

    putPrescription(writer);
    putFractionScheme(writer);
    for (const Beam &beam : beams()) putBeam(writer, beam);
    writer.appendItem(DCM_PatientSetupSequence).put(DCM_PatientSetupNumber, "1").put(DCM_PatientPosition, "HFS");
    writer.put(DCM_ApprovalStatus, "UNAPPROVED");

    if (const core::Status status = writer.status(path); !status) return status;
    return saveDicomFile(file, path);
}

}  // namespace twin::phantom
