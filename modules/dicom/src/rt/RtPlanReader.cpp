#include "twin/dicom/RtPlanReader.h"

#include "RtDataset.h"

#include <dcmtk/dcmdata/dcdeftag.h>

#include <QHash>

namespace twin::dicom {

namespace {

constexpr const char *kRtPlanStorage = "1.2.840.10008.5.1.4.1.1.481.5";
constexpr const char *kRtIonPlanStorage = "1.2.840.10008.5.1.4.1.1.481.8";

}  // namespace

core::Result<RtPlanSummary> RtPlanReader::read(const QString &path) {
    auto loaded = rt::loadDataset(path);
    if (!loaded) return loaded.error();
    DcmDataset &data = *loaded.value()->getDataset();

    RtPlanSummary plan;
    plan.path = path;
    const QString sopClass = rt::stringOf(data, DCM_SOPClassUID);
    const bool hasBeams = rt::sequenceOf(data, DCM_BeamSequence) != nullptr;
    const bool hasIonBeams = rt::sequenceOf(data, DCM_IonBeamSequence) != nullptr;
    const bool hasFractions = rt::sequenceOf(data, DCM_FractionGroupSequence) != nullptr;
    if (sopClass != QLatin1String(kRtPlanStorage) && sopClass != QLatin1String(kRtIonPlanStorage)) {
        if (!hasBeams && !hasIonBeams && !hasFractions)
            return rt::fault(path, DCM_SOPClassUID,
                             QStringLiteral("not an RT Plan (SOP class %1)").arg(sopClass.isEmpty() ? QStringLiteral("missing") : sopClass));
        plan.warnings << QStringLiteral("%1: %2 is not an RT (Ion) Plan SOP class; read anyway")
                             .arg(rt::tagName(DCM_SOPClassUID), sopClass.isEmpty() ? QStringLiteral("(missing)") : sopClass);
    }
    plan.isIonPlan = sopClass == QLatin1String(kRtIonPlanStorage) || (hasIonBeams && !hasBeams);
    plan.label = rt::stringOf(data, DCM_RTPlanLabel);
    plan.name = rt::stringOf(data, DCM_RTPlanName);
    plan.frameOfReferenceUid = rt::stringOf(data, DCM_FrameOfReferenceUID);

    for (DcmItem *reference : rt::itemsOf(data, DCM_DoseReferenceSequence)) {
        if (const auto dose = rt::numberOf(*reference, DCM_TargetPrescriptionDose)) {
            if (!plan.prescriptionGy || *dose > *plan.prescriptionGy) plan.prescriptionGy = *dose;
            plan.prescriptionSource = QStringLiteral("TargetPrescriptionDose");
        }
    }

    QHash<int, int> beamIndex;
    for (DcmItem *item : rt::itemsOf(data, plan.isIonPlan ? DCM_IonBeamSequence : DCM_BeamSequence)) {
        RtBeamSummary beam;
        const auto number = rt::integerOf(*item, DCM_BeamNumber);
        if (!number) {
            plan.warnings << QStringLiteral("%1: beam without a number skipped").arg(rt::tagName(DCM_BeamNumber));
            continue;
        }
        beam.number = static_cast<int>(*number);
        beam.name = rt::stringOf(*item, DCM_BeamName);
        beam.type = rt::stringOf(*item, DCM_BeamType);
        beam.radiationType = rt::stringOf(*item, DCM_RadiationType);
        beam.treatmentDeliveryType = rt::stringOf(*item, DCM_TreatmentDeliveryType);
        for (DcmItem *point : rt::itemsOf(*item, plan.isIonPlan ? DCM_IonControlPointSequence : DCM_ControlPointSequence))
            if (const auto angle = rt::numberOf(*point, DCM_GantryAngle)) beam.gantryAnglesDeg << *angle;
        beamIndex.insert(beam.number, plan.beams.size());
        plan.beams << beam;
    }

    const std::vector<DcmItem *> groups = rt::itemsOf(data, DCM_FractionGroupSequence);
    if (groups.empty()) {
        plan.warnings << QStringLiteral("%1 missing: no fractions or beam doses").arg(rt::tagName(DCM_FractionGroupSequence));
    } else {
        if (groups.size() > 1)
            plan.warnings << QStringLiteral("%1 has %2 fraction groups; the first is summarised")
                                 .arg(rt::tagName(DCM_FractionGroupSequence))
                                 .arg(groups.size());
        DcmItem &group = *groups.front();
        if (const auto fractions = rt::integerOf(group, DCM_NumberOfFractionsPlanned); fractions && *fractions > 0)
            plan.fractionsPlanned = static_cast<int>(*fractions);
        else
            plan.warnings << QStringLiteral("%1 missing or not positive").arg(rt::tagName(DCM_NumberOfFractionsPlanned));
        double beamDoseSum = 0.0;
        bool anyBeamDose = false;
        for (DcmItem *reference : rt::itemsOf(group, DCM_ReferencedBeamSequence)) {
            const auto number = rt::integerOf(*reference, DCM_ReferencedBeamNumber);
            if (!number || !beamIndex.contains(static_cast<int>(*number))) {
                plan.warnings << QStringLiteral("%1 %2 is not a beam of the plan")
                                     .arg(rt::tagName(DCM_ReferencedBeamNumber),
                                          number ? QString::number(*number) : QStringLiteral("(missing)"));
                continue;
            }
            RtBeamSummary &beam = plan.beams[beamIndex.value(static_cast<int>(*number))];
            beam.meterset = rt::numberOf(*reference, DCM_BeamMeterset);
            beam.beamDoseGy = rt::numberOf(*reference, DCM_BeamDose);
            if (beam.beamDoseGy) {
                beamDoseSum += *beam.beamDoseGy;
                anyBeamDose = true;
            }
        }
        if (!plan.prescriptionGy && anyBeamDose && plan.fractionsPlanned) {
            plan.prescriptionGy = beamDoseSum * *plan.fractionsPlanned;
            plan.prescriptionSource = QStringLiteral("BeamDose x fractions");
        }
    }
    if (!plan.prescriptionGy)
        plan.warnings << QStringLiteral("no prescription: neither %1 nor %2 given")
                             .arg(rt::tagName(DCM_TargetPrescriptionDose), rt::tagName(DCM_BeamDose));
    return plan;
}

}  // namespace twin::dicom
