#pragma once
// CTCAE v5.0 grade of "Neutrophil count decreased" (NCI Common Terminology Criteria for
// Adverse Events v5.0, 27 Nov 2017, Investigations): grade 1 < LLN – 1.5, grade 2 < 1.5 – 1.0,
// grade 3 < 1.0 – 0.5, grade 4 < 0.5 ×10⁹/L. The LLN is the laboratory's lower limit of normal
// (a model parameter). A count exactly on a boundary belongs to the milder grade (the grade's
// "<" applies to its upper bound): 1.5 is grade 1, 1.0 grade 2, 0.5 grade 3.

#include <cmath>

namespace twin::models::friberg {

/// Grade 0–4 as a double (NaN for a NaN count), anc and lln in 10⁹/L.
inline double ctcaeNeutrophilGrade(double anc, double lln) {
    if (std::isnan(anc)) return std::nan("");
    if (anc < 0.5) return 4.0;
    if (anc < 1.0) return 3.0;
    if (anc < 1.5) return 2.0;
    if (anc < lln) return 1.0;
    return 0.0;
}

}  // namespace twin::models::friberg
