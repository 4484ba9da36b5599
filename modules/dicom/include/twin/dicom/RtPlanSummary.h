#pragma once
// What an RT Plan / RT Ion Plan prescribes: dose, fractions, beams. Read by RtPlanReader.

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace twin::dicom {

struct RtBeamSummary {
    int number = 0;                  // (300A,00C0) BeamNumber
    QString name;                    // (300A,00C2) BeamName
    QString type;                    // (300A,00C4) BeamType: STATIC, DYNAMIC
    QString radiationType;           // (300A,00C6) PHOTON, PROTON, ...
    QString treatmentDeliveryType;   // (300A,00CE) TREATMENT, SETUP
    QList<double> gantryAnglesDeg;   // (300A,011E) of the control points that give one, in order
    std::optional<double> meterset;  // (300C,0004) BeamMeterset of the fraction group (MU or NP)
    std::optional<double> beamDoseGy;  // (300A,0084) BeamDose per fraction
};

struct RtPlanSummary {
    QString path;
    QString label;                     // (300A,0002) RTPlanLabel
    QString name;                      // (300A,0003) RTPlanName
    bool isIonPlan = false;
    std::optional<double> prescriptionGy;  // total prescribed dose
    QString prescriptionSource;        // "TargetPrescriptionDose" or "BeamDose x fractions"
    std::optional<int> fractionsPlanned;   // (300A,0078) NumberOfFractionsPlanned (first fraction group)
    QList<RtBeamSummary> beams;
    QString frameOfReferenceUid;
    QStringList warnings;
};

}  // namespace twin::dicom
