#pragma once
// MinimalModelParameters: the parameters of the Bergman minimal model in the order and units of
// model.json "parameters" (per minute, mg/dL, uU/mL), read from the host's span, plus the values
// derived from them once per initialise() so that the right-hand side does no divisions.
//
// Design: the host's clock is in days, the published minimal-model constants are per minute; the
// model integrates in minutes and converts only the host's dt (dtDays × 1440), so every rate here
// is exactly the published number.

#include <array>
#include <cmath>
#include <cstddef>
#include <span>

namespace glucose_insulin {

struct MinimalModelParameters {
    /// Indices into model.json "parameters" (keep both in the same order).
    enum Index : std::size_t {
        kSg = 0,           // glucose effectiveness SG (p1), 1/min
        kP2,               // remote insulin action decay p2, 1/min
        kSi,               // insulin sensitivity SI = p3/p2, 1/min per uU/mL
        kN,                // insulin clearance n, 1/min
        kGamma,            // second-phase secretion gamma, uU/mL/min^2 per mg/dL
        kH,                // glucose threshold of secretion h, mg/dL
        kGb,               // basal glucose, mg/dL
        kIb,               // basal insulin, uU/mL
        kFirstPhaseGain,   // first-phase insulin rise per glucose rise at an IV bolus, (uU/mL)/(mg/dL)
        kGlucoseVolume,    // glucose distribution volume, dL/kg
        kWeight,           // body weight, kg
        kKaGut,            // gut absorption rate constant, 1/min
        kFGut,             // fraction of an oral dose that appears in plasma, 1
        kSecretionWindow,  // minutes after a glucose load during which gamma·(G − h)+·t acts
        kCount
    };

    double sg = 0, p2 = 0, si = 0, n = 0, gamma = 0, h = 0, gb = 0, ib = 0;
    double firstPhaseGain = 0, glucoseVolumeDlPerKg = 0, weightKg = 0, kaGut = 0, fGut = 0;
    double secretionWindowMin = 0;

    // Derived in derive():
    double p3 = 0;           // SI·p2, 1/min^2 per uU/mL
    double volumeDl = 0;     // glucose distribution volume of this patient, dL
    double gutToPlasma = 0;  // fGut·kaGut / volumeDl: mg in the gut -> mg/dL/min in plasma

    /// False when `values` has the wrong length; the fields are then left unchanged.
    bool read(std::span<const double> values) {
        if (values.size() != kCount) return false;
        sg = values[kSg];
        p2 = values[kP2];
        si = values[kSi];
        n = values[kN];
        gamma = values[kGamma];
        h = values[kH];
        gb = values[kGb];
        ib = values[kIb];
        firstPhaseGain = values[kFirstPhaseGain];
        glucoseVolumeDlPerKg = values[kGlucoseVolume];
        weightKg = values[kWeight];
        kaGut = values[kKaGut];
        fGut = values[kFGut];
        secretionWindowMin = values[kSecretionWindow];
        return true;
    }

    /// Computes the derived values; false when the set cannot describe a patient (non-finite
    /// values, a non-positive volume, weight or basal glucose, negative rates).
    bool derive() {
        const std::array<double, kCount> all = {sg,
                                                p2,
                                                si,
                                                n,
                                                gamma,
                                                h,
                                                gb,
                                                ib,
                                                firstPhaseGain,
                                                glucoseVolumeDlPerKg,
                                                weightKg,
                                                kaGut,
                                                fGut,
                                                secretionWindowMin};
        for (double v : all)
            if (!std::isfinite(v)) return false;
        if (glucoseVolumeDlPerKg <= 0 || weightKg <= 0 || gb <= 0) return false;
        if (sg < 0 || p2 < 0 || si < 0 || n < 0 || gamma < 0 || ib < 0 || kaGut < 0 || fGut < 0) return false;
        if (firstPhaseGain < 0 || secretionWindowMin < 0) return false;
        p3 = si * p2;
        volumeDl = glucoseVolumeDlPerKg * weightKg;
        gutToPlasma = fGut * kaGut / volumeDl;
        return true;
    }
};

}  // namespace glucose_insulin
