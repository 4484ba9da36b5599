#pragma once
// The oncology facts the twin needs from codes and text, by small explicit tables (no
// terminology server): is a Condition a cancer, is a drug a cytotoxic chemotherapy, what kind of
// Procedure is it, and the stage group written in a label.
//
// Cancer: ICD-10 C00–C97 (and D00–D09, in situ), SNOMED CT codes of common malignant disorders,
// or text containing carcinoma/cancer/malignant/neoplasm/lymphoma/leukemia/leukaemia/sarcoma/
// melanoma/myeloma/glioblastoma/mesothelioma — unless it says suspected, history of, screening,
// benign, family history or risk (a "Suspected lung cancer (situation)" is not a diagnosis).
// Chemotherapy: RxNorm ingredient and Synthea product codes of common cytotoxics, or their names
// (cisplatin, carboplatin, oxaliplatin, paclitaxel, docetaxel, etoposide, gemcitabine, pemetrexed,
// fluorouracil/5-FU, capecitabine, cyclophosphamide, doxorubicin …). Leucovorin, hormones
// (leuprolide) and supportive drugs are not.
// Procedures: radiotherapy (including combined chemoradiation: the radiation is what a
// procedure adds; the drugs come as medications) > chemotherapy > biopsy > imaging > surgery.

#include "twin/ehr/ClinicalRecords.h"

#include <QString>

namespace twin::ehr {

class FhirOncologyClassifier {
public:
    static bool isCancer(const CodedConcept &condition);
    static bool isChemotherapy(const CodedConcept &medication);
    static ProcedureRecord::Category procedureCategory(const CodedConcept &procedure);
    /// The stage group in a label: "Stage IIIA" → "IIIA", "cT2a cN2 cM0, stage IIIA (AJCC 8th)"
    /// → "IIIA", "Non-small cell carcinoma of lung, TNM stage 1 (disorder)" → "1"; empty when
    /// there is none.
    static QString stageGroup(const QString &label);
};

}  // namespace twin::ehr
