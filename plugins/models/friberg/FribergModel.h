#pragma once
// FribergModel: the IModel of the "friberg" toxicity plugin. Neutrophil myelosuppression driven
// by the plasma concentration from the pk model (mg/L, converted to µmol/L with the drug's
// molar mass, since Friberg's slope and EC50 are per µM), with CTCAE v5.0 grading, a grade ≥ 3
// alert and the running nadir. Parameters, inputs and outputs are in model.json order (see the
// enums below, which must match model.json).
//
// State (saveState): the six FribergDynamics variables (Prol/Circ0, T1..T3/Circ0, Circ0/Circ,
// (Circ0/Circ)^γ), the running nadir (10⁹/L) and the held concentration (mg/L), saved because
// drug_effect, an output, is derived from it.

#include "DrugEffect.h"
#include "FribergDynamics.h"

#include "twin/sim_api/IModel.h"

#include <array>

namespace twin::models::friberg {

class FribergModel final : public sim_api::IModel {
public:
    /// model.json "parameters" order.
    enum Parameter : std::size_t {
        kCirc0,
        kMttHours,
        kGamma,
        kDrugEffectModel,
        kSlope,
        kEmax,
        kEc50,
        kHill,
        kMolarMass,
        kAncLln,
        kParameterCount
    };
    /// model.json "outputs" order.
    enum Output : std::size_t { kAnc, kCtcaeGrade, kGrade3Alert, kAncNadir, kDrugEffect, kOutputCount };
    static constexpr std::size_t kStateSize = 8;

    FribergModel();

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
    void updateDrugEffect();
    double anc() const { return circ0_ / x_[4]; }

    std::array<double, kParameterCount> parameters_{};
    FribergDynamics dynamics_;
    DrugEffect drugEffect_;
    double circ0_ = 0.0;
    double micromolarPerMgPerL_ = 0.0;  // 1000 / molar mass (g/mol)
    bool valid_ = false;

    FribergState x_{};
    double nadir_ = 0.0;
    double concentrationMgPerL_ = 0.0;
    double effect_ = 0.0;
};

}  // namespace twin::models::friberg
