#pragma once
// TumourModel: the built-in "tumour" IModel — tumour volume under growth, radiotherapy
// (linear-quadratic with repopulation), exposure-driven chemotherapy and surgery, with BED,
// EQD2 and Poisson TCP. model.json (same folder) declares the parameters, input, outputs,
// actions and validity; the equations and their sources are there and in TumourGrowth.h and
// RadiotherapyCourse.h.
//
// State: two volume compartments, both exact between events —
//   viable    V_v: grows by TumourGrowth (closed forms), is killed by the drug, multiplied by
//                  the repopulation factor and the LQ surviving fraction at each fraction;
//   lethally hit V_d: receives what a fraction (or the drug) kills and is cleared with the
//                  half-life t½: V_d(t + dt) = V_d(t)·2^{−dt/t½}, so the visible volume
//                  V = V_v + V_d shrinks over weeks rather than at the fraction.
// Surgery removes the stated fraction of both compartments and of the clonogens.
//
// Design decisions:
// - The drug's kill in a step is the viable volume the drug took away (drug-free minus with
//   drug, both closed forms over the same step); it moves to V_d, and its log ratio reduces the
//   TCP clonogens during a course. For the exponential law that ratio is exactly e^{−kC·dt}.
// - Between fractions during a course the viable compartment keeps its growth law (natural
//   growth, Td of months) and the repopulation factor adds the treatment-triggered
//   proliferation on top; for the defaults ln2/Td is < 2 % of ln2/Tpot, so the overlap barely
//   matters. TCP/BED follow the standard formula exactly (no natural-growth term).
// - Nothing throws: invalid parameters make every output NaN until the next initialise().

#include "RadiotherapyCourse.h"
#include "TumourGrowth.h"
#include "TumourParameters.h"

#include "twin/sim_api/IModel.h"

namespace twin::models::tumour {

class TumourModel : public sim_api::IModel {
public:
    /// Output positions, in model.json "outputs" order.
    enum Output : std::size_t {
        kTumourVolumeMl,
        kViableFraction,
        kSurvivingFractionRt,
        kBedGy,
        kEqd2Gy,
        kTcp,
        kFractionsDelivered,
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
    void deliverFraction(double doseGy, double timeDays);
    void resect(double fractionRemoved);

    TumourParameters parameters_;
    bool usable_ = false;
    TumourGrowth growth_;
    RadiotherapyCourse course_;
    // derived per dt: the clearance factor of the lethally hit compartment
    double clearanceDt_ = -1.0;
    double clearanceFactor_ = 1.0;

    // state
    double viableMl_ = 0.0;
    double doomedMl_ = 0.0;
    double concentrationMgL_ = 0.0;  // input held until the next setInputs()
};

}  // namespace twin::models::tumour
