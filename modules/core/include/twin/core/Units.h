#pragma once
// Named units for typed quantities: twin::core::units::mg, units::L_per_h, units::cGy, ...
//
// Include this one header to use quantities. Names follow UCUM where UCUM's code is a valid C++
// identifier ("mg", "dL", "ug"); "/" is spelled "_per_" and brackets are dropped ("[lb_av]" is
// lb, "[in_i]" is inch, "mm[Hg]" is mmHg). Several names are one letter (m, g, s, h, d, L), so
// qualify them (units::h) rather than `using namespace twin::core::units`.
//
// Exact definitions used (SI Brochure, 9th ed.; NIST SP 811; UCUM 2.1):
//   1 [lb_av] = 0.45359237 kg,  1 [oz_av] = 1/16 [lb_av],  1 [in_i] = 2.54 cm,  1 [ft_i] = 12 [in_i]
//   1 L = 1 dm3,  1 min = 60 s,  1 h = 3600 s,  1 d = 86400 s,  1 wk = 7 d
//   1 Gy = 1 J/kg,  1 cGy = 0.01 Gy
//   1 mm[Hg] = 133.3220 Pa (UCUM's value, so typed and parsed pressures agree)
// Absolute temperatures (Cel, [degF]) are not quantities; see Temperature.

#include "twin/core/Quantity.h"
#include "twin/core/UnitOf.h"

namespace twin::core::units {

// Pure numbers
inline constexpr UnitOf<dim::none> one{1.0};
inline constexpr UnitOf<dim::none> percent{0.01};

// Mass (SI: kg)
inline constexpr UnitOf<dim::mass> kg{1.0};
inline constexpr UnitOf<dim::mass> g{1e-3};
inline constexpr UnitOf<dim::mass> mg{1e-6};
inline constexpr UnitOf<dim::mass> ug{1e-9};
inline constexpr UnitOf<dim::mass> ng{1e-12};
inline constexpr UnitOf<dim::mass> lb{0.45359237};       // [lb_av], exact
inline constexpr UnitOf<dim::mass> oz{0.45359237 / 16};  // [oz_av], exact

// Length (SI: m)
inline constexpr UnitOf<dim::length> m{1.0};
inline constexpr UnitOf<dim::length> cm{1e-2};
inline constexpr UnitOf<dim::length> mm{1e-3};
inline constexpr UnitOf<dim::length> inch{0.0254};  // [in_i], exact
inline constexpr UnitOf<dim::length> ft{0.3048};    // [ft_i], exact

// Area (SI: m2) — body surface area is in m2
inline constexpr UnitOf<dim::area> m2 = square(m);
inline constexpr UnitOf<dim::area> cm2 = square(cm);

// Volume (SI: m3)
inline constexpr UnitOf<dim::volume> m3 = cube(m);
inline constexpr UnitOf<dim::volume> L{1e-3};
inline constexpr UnitOf<dim::volume> dL{1e-4};
inline constexpr UnitOf<dim::volume> mL{1e-6};
inline constexpr UnitOf<dim::volume> uL{1e-9};

// Time (SI: s)
inline constexpr UnitOf<dim::time> s{1.0};
inline constexpr UnitOf<dim::time> min{60.0};
inline constexpr UnitOf<dim::time> h{3600.0};
inline constexpr UnitOf<dim::time> d{86400.0};
inline constexpr UnitOf<dim::time> wk{604800.0};

// Amount of substance (SI: mol)
inline constexpr UnitOf<dim::amount> mol{1.0};
inline constexpr UnitOf<dim::amount> mmol{1e-3};
inline constexpr UnitOf<dim::amount> umol{1e-6};
inline constexpr UnitOf<dim::amount> nmol{1e-9};

// Rate, 1/time: elimination and absorption rate constants (k, ka), heart rate
inline constexpr UnitOf<dim::rate> per_s = one / s;
inline constexpr UnitOf<dim::rate> per_min = one / min;
inline constexpr UnitOf<dim::rate> per_h = one / h;
inline constexpr UnitOf<dim::rate> per_d = one / d;

// Mass concentration (SI: kg/m3)
inline constexpr UnitOf<dim::massConcentration> g_per_L = g / L;
inline constexpr UnitOf<dim::massConcentration> g_per_dL = g / dL;
inline constexpr UnitOf<dim::massConcentration> mg_per_L = mg / L;
inline constexpr UnitOf<dim::massConcentration> mg_per_dL = mg / dL;
inline constexpr UnitOf<dim::massConcentration> ug_per_mL = ug / mL;
inline constexpr UnitOf<dim::massConcentration> ug_per_L = ug / L;
inline constexpr UnitOf<dim::massConcentration> ng_per_mL = ng / mL;

// Molar concentration (SI: mol/m3)
inline constexpr UnitOf<dim::molarConcentration> mol_per_L = mol / L;
inline constexpr UnitOf<dim::molarConcentration> mmol_per_L = mmol / L;
inline constexpr UnitOf<dim::molarConcentration> umol_per_L = umol / L;
inline constexpr UnitOf<dim::molarConcentration> nmol_per_L = nmol / L;

// Mass rate (SI: kg/s): infusion and dosing rates
inline constexpr UnitOf<dim::massRate> mg_per_h = mg / h;
inline constexpr UnitOf<dim::massRate> mg_per_min = mg / min;
inline constexpr UnitOf<dim::massRate> ug_per_min = ug / min;
inline constexpr UnitOf<dim::massRate> mg_per_d = mg / d;

// Volume rate (SI: m3/s): clearance, flow, GFR
inline constexpr UnitOf<dim::volumeRate> L_per_h = L / h;
inline constexpr UnitOf<dim::volumeRate> L_per_min = L / min;
inline constexpr UnitOf<dim::volumeRate> mL_per_min = mL / min;
inline constexpr UnitOf<dim::volumeRate> mL_per_h = mL / h;

// Amount rate (SI: mol/s)
inline constexpr UnitOf<dim::amountRate> mmol_per_h = mmol / h;

// Mass per area (SI: kg/m2): BSA-normalised doses (mg/m2), BMI (kg/m2)
inline constexpr UnitOf<dim::massPerArea> mg_per_m2 = mg / m2;
inline constexpr UnitOf<dim::massPerArea> kg_per_m2 = kg / m2;

// Molar mass (SI: kg/mol)
inline constexpr UnitOf<dim::molarMass> g_per_mol = g / mol;

// Energy and absorbed dose (SI: J = kg.m2/s2; Gy = J/kg = m2/s2)
inline constexpr UnitOf<dim::energy> J{1.0};
inline constexpr UnitOf<dim::absorbedDose> Gy{1.0};
inline constexpr UnitOf<dim::absorbedDose> cGy{1e-2};
inline constexpr UnitOf<dim::absorbedDose> mGy{1e-3};

// Pressure (SI: Pa)
inline constexpr UnitOf<dim::pressure> Pa{1.0};
inline constexpr UnitOf<dim::pressure> kPa{1e3};
inline constexpr UnitOf<dim::pressure> mmHg{133.3220};  // mm[Hg], UCUM

}  // namespace twin::core::units
