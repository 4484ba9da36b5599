#pragma once
// TwinOrganRoles: which organ-twin structures play which role for the models, by name
// (case-insensitive; spaces, '_' and '-' between words are equivalent, except "-GTV" meaning
// minus the GTV), and how several structures combine into one organ:
//   tumour   "GTV", a name starting with "GTV" (GTVp, GTV_1), or containing "tumour", "tumor"
//            or "lesion" (the rule of app::TumourCourseAssembler). With several, the largest
//            by volume is the tumour (the primary); the others are listed in `notes`.
//   lung     "Lungs-GTV"/"Lung-GTV" (total lung minus GTV, what lung NTCP fits use) if present,
//            else "Lungs"/"Lung"/"Lungs_Total", else Lung_L + Lung_R combined (also Lung_Left,
//            Left_Lung, Lt_Lung ...): the volumes add, the DVHs merge weighted by volume.
//   heart    "Heart".
//   rectum   "Rectum".
//   parotid  "Parotids"/"Parotid" if present, else Parotid_L + Parotid_R combined as one organ
//            (the mean-dose parotid NTCP models treat the glands together; a single gland
//            alone is used as it is).
// Anything else (PTV, CTV, body, cord, ...) plays no role.

#include "twin/sim_api/Table.h"
#include "twin/simulation/TwinInputs.h"

#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace twin::simulation {

/// One structure of the organ twin, as plain values.
struct TwinStructure {
    QString name;
    double volumeMl = 0.0;
    sim_api::Table dvh;  // differential (Gy bin centres, volume fractions summing to 1); may be empty
    QString provenance;  // e.g. the RTSTRUCT and RTDOSE files
};

class TwinOrganRoles {
public:
    enum class Side { None, Both, Left, Right, MinusGtv };
    struct Match {
        QString role;  // "" = no role
        Side side = Side::None;
    };

    static Match classify(const QString &structureName);
    /// The organs by role, combined as described above; `notes` says what was chosen when a
    /// choice was made (several tumours, a lung minus GTV preferred, left and right combined).
    static std::map<QString, TwinOrgan> assign(const std::vector<TwinStructure> &structures,
                                               QStringList *notes = nullptr);
    /// Differential DVHs merged with volume weights (identical dose bins added), sorted by dose.
    static sim_api::Table combineDvhs(const std::vector<const TwinStructure *> &parts);
};

}  // namespace twin::simulation
