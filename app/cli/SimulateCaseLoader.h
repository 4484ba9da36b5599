#pragma once
// SimulateCaseLoader: the app-layer binding of a patient case to the simulation's TwinInputs
// (the simulation module stays headless and sees only plain numbers and tables):
//   covariates  twin::ehr (EhrImporter + CovariateCalculator) -> covariate:<id> as model.json
//               names them: bsa -> bsa_m2, weight -> weight_kg, height -> height_cm,
//               age -> age_years, crcl -> crcl_ml_min, egfr -> egfr, anc -> anc_baseline,
//               sex -> sex_male (1 male, 0 female); unknown ones are listed in `missing`
//               with the EHR's reason. The record is read as of `asOf`, by default the end of
//               the day of its newest observation (the pre-treatment baseline), so the same
//               record always gives the same twin.
//   organs      app::OrganTwinAssembler on the DICOM folder (only structures that play a role,
//               TwinOrganRoles) -> volumes and differential DVHs (0.1-Gy bins from the exact
//               voxel doses, bin centres, empty bins dropped).
//   plan        the RT Plan of the folder (dicom::RtPlanReader) -> plan:prescriptionGy,
//               plan:fractions.
// A case is a FHIR file, a FHIR/Synthea folder, a DICOM folder, or a folder holding both as
// `didymos-cli demo write DIR` writes it (DIR/fhir/ + DICOM). Paths in provenance are given
// relative to the case folder, so output does not depend on where the case lies.

#include "twin/core/Result.h"
#include "twin/ehr/Covariate.h"
#include "twin/simulation/TwinInputs.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace twin::cli {

struct SimulateCase {
    simulation::TwinInputs inputs;
    QString ehrPath;    // relative to the case root; empty: no EHR
    QString dicomPath;  // relative; empty: no DICOM
    QDateTime asOf;
};

class SimulateCaseLoader {
public:
    static core::Result<SimulateCase> load(const QString &path, const QDateTime &asOf = {});
    /// EHR covariates (CovariateCalculator::compute) into `inputs`.
    static void addCovariates(const QList<ehr::Covariate> &covariates, simulation::TwinInputs &inputs);
    /// The model.json covariate id of an EHR covariate name ("" when models use none).
    static QString covariateId(const QString &ehrName);
    /// Writes the demo patient (DICOM + FHIR) into `dir` on a 128 x 128 x 60 grid (the full
    /// field of view at 3.6 x 3.6 x 5 mm: seconds instead of a minute); returns its patient id.
    static core::Result<QString> writeDemoPatient(const QString &dir);
};

}  // namespace twin::cli
