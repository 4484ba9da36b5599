#pragma once
// The project's own synthetic patient: a CT with organs and a tumour, the matching RT
// structure set and RT dose, and an EHR (FHIR R4) bundle. Used by `didymos --demo`, the demo
// README command and as the self-contained test patient of every module.

#include "twin/core/ScalarVolume.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <array>

namespace twin::phantom {

/// One structure of the phantom (organ, body outline or tumour).
struct PhantomStructure {
    int label = 0;                    // value in DemoPatient::labels (1-based)
    QString name;                     // ROI name written to the RTSTRUCT, e.g. "Liver", "GTV"
    std::array<int, 3> rgb{0, 0, 0};  // ROI display colour
    QString rtRoiInterpretedType;     // EXTERNAL, ORGAN, GTV, ...
    double meanHu = 0.0;              // nominal CT number of the tissue
    // A point (LPS, mm) well inside the structure, >= 3 mm from any other label, where the
    // label is `label` and the CT reads meanHu (plus noise). For the PTV, a point in the
    // margin around the GTV (lung tissue).
    std::array<double, 3> interiorPointMm{0.0, 0.0, 0.0};
};

/// Where the generator wrote each object.
struct DemoPatientFiles {
    QString rootDir;
    QString ctDir;        // one file per slice: CT_0000.dcm …
    QStringList ctFiles;  // in slice order
    QString rtStructPath;
    QString rtDosePath;
    QString rtPlanPath;  // the plan the RTDOSE references (prescription, fractions, beams)
    QString fhirBundlePath;
};

struct DemoPatientIdentity {
    QString patientId;  // "DIDYMOS-DEMO-001"
    QString familyName;
    QString givenName;
    QString birthDate;  // ISO 8601
    QString sex;        // FHIR administrative gender: "female" / "male"
    QString studyInstanceUid;
    QString ctSeriesInstanceUid;
    QString frameOfReferenceUid;
};

struct DemoPatient {
    core::ScalarVolume ct;       // Hounsfield units
    core::ScalarVolume labels;   // 0 = outside body, else PhantomStructure::label (the innermost)
    core::ScalarVolume doseCgy;  // planned dose on the CT grid, centi-gray
    QList<PhantomStructure> structures;
    DemoPatientIdentity identity;
    DemoPatientFiles files;
    double prescriptionGy = 60.0;
    int fractions = 30;
    // The tumour (GTV) is a sphere; the PTV is the same sphere grown by ptvMarginMm.
    std::array<double, 3> tumourCentreMm{0.0, 0.0, 0.0};
    double tumourRadiusMm = 0.0;
    double ptvMarginMm = 0.0;
    // Shared by the DICOM headers (PatientWeight, PatientSize) and the FHIR Observations.
    double weightKg = 0.0;
    double heightCm = 0.0;
};

}  // namespace twin::phantom
