#pragma once
// NtcpLkbModel: the IModel of the "ntcp_lkb" plugin. Lyman–Kutcher–Burman NTCP of lung, heart,
// rectum and parotid from each organ twin's planned DVH, with every bin's dose converted to
// EQD2 (per-organ α/β) for the fractions actually delivered (rt_fraction actions), plus the
// projection for the whole plan as planned. Parameters, tables and outputs are in model.json
// order (the enums below must match model.json).
//
// Cost: initialise() is O(bins) (DVH reduction and the planned projection), an rt_fraction is
// O(bins) when the fraction size changes and O(1) otherwise (see LkbOrgan.h), step() is O(1):
// nothing here depends on time between fractions (late effects, complete repair assumed
// between fractions, no time factor). outputs() copies values computed when they changed.
//
// State (saveState): the FractionCourse sums (5 doubles); everything else follows from the
// parameters and tables.

#include "FractionCourse.h"
#include "LkbOrgan.h"

#include "twin/sim_api/IModel.h"

#include <array>

namespace twin::models::ntcp_lkb {

class NtcpLkbModel final : public sim_api::IModel {
public:
    /// Organs, in model.json "tables" order; each has four parameters and four outputs.
    enum Organ : std::size_t { kLung, kHeart, kRectum, kParotid };
    static constexpr std::size_t kOrganCount = 4;
    /// model.json "parameters" order: the plan, then per organ (kOrganParameterCount each).
    enum Parameter : std::size_t { kPlanTotalDoseGy, kPlanFractions, kReferenceAlphaBetaGy, kFirstOrganParameter };
    enum OrganParameter : std::size_t { kTd50Gy, kM, kN, kAlphaBetaGy };
    static constexpr std::size_t kOrganParameterCount = 4;
    static constexpr std::size_t kParameterCount = kFirstOrganParameter + kOrganCount * kOrganParameterCount;
    /// model.json "outputs" order: per organ (kOrganOutputCount each), then the prescription.
    enum OrganOutput : std::size_t { kNtcp, kGeudGy, kMeanDoseGy, kNtcpPlanned };
    static constexpr std::size_t kOrganOutputCount = 4;
    enum Output : std::size_t {
        kFractionsDelivered = kOrganCount * kOrganOutputCount,
        kPrescriptionDeliveredGy,
        kPrescriptionBedGy,
        kPrescriptionEqd2Gy,
        kOutputCount
    };

    void setParameters(std::span<const double> values) noexcept override;
    void setTable(std::size_t index, const sim_api::Table &table) noexcept override;
    void initialise() noexcept override;
    void setInputs(std::span<const double> values) noexcept override;
    void step(double dtDays) noexcept override;
    bool apply(const sim_api::Action &action) noexcept override;
    void outputs(std::span<double> out) const noexcept override;
    std::vector<double> saveState() const noexcept override;
    bool restoreState(std::span<const double> state) noexcept override;

private:
    LkbParameters organParameters(std::size_t organ) const;
    void updatePlannedOutputs();
    void updateDeliveredOutputs();
    double &organOutput(std::size_t organ, OrganOutput which) { return outputs_[organ * kOrganOutputCount + which]; }

    std::array<double, kParameterCount> parameters_{};
    std::array<sim_api::Table, kOrganCount> tables_{};
    std::array<bool, kOrganCount> tableUnreadable_{};
    std::array<LkbOrgan, kOrganCount> organs_{};
    FractionCourse course_;
    std::array<double, kOutputCount> outputs_{};
};

}  // namespace twin::models::ntcp_lkb
