#include "twin/ehr/FhirOncologyClassifier.h"

#include <QRegularExpression>
#include <QSet>

#include <initializer_list>

namespace twin::ehr {

using namespace Qt::StringLiterals;

namespace {

using Category = ProcedureRecord::Category;

/// " word word " in lower case, punctuation as spaces, so " ct " matches the word only.
QString words(const CodedConcept &coded) {
    QString text = QLatin1Char(' ') + coded.text;
    for (const Coding &coding : coded.codings) text += QLatin1Char(' ') + coding.display;
    text += QLatin1Char(' ');
    for (QChar &c : text) c = c.isLetterOrNumber() ? c.toLower() : QLatin1Char(' ');
    return text;
}

bool containsAny(const QString &text, std::initializer_list<const char *> needles) {
    for (const char *needle : needles) {
        if (text.contains(QLatin1StringView(needle))) return true;
    }
    return false;
}

bool hasCodeIn(const CodedConcept &coded, const QString &system, const QSet<QString> &codes) {
    for (const Coding &coding : coded.codings) {
        if (coding.system == system && codes.contains(coding.code)) return true;
    }
    return false;
}

bool isIcd10Malignant(const CodedConcept &coded) {
    for (const Coding &coding : coded.codings) {
        if (coding.system != code_system::kIcd10 && coding.system != code_system::kIcd10Cm) continue;
        const QString &code = coding.code;
        if (code.size() < 3 || !code.at(1).isDigit() || !code.at(2).isDigit()) continue;
        const int number = code.mid(1, 2).toInt();
        if (code.at(0) == QLatin1Char('C') && number <= 97) return true;
        if (code.at(0) == QLatin1Char('D') && number <= 9) return true;  // in situ
    }
    return false;
}

}  // namespace

bool FhirOncologyClassifier::isCancer(const CodedConcept &condition) {
    static const QSet<QString> snomed{
        QStringLiteral("363346000"),      QStringLiteral("254637007"),      QStringLiteral("424132000"),
        QStringLiteral("425048006"),      QStringLiteral("422968005"),      QStringLiteral("423121009"),
        QStringLiteral("254632001"),      QStringLiteral("67811000119102"), QStringLiteral("67821000119109"),
        QStringLiteral("67831000119107"), QStringLiteral("67841000119103"), QStringLiteral("93880001"),
        QStringLiteral("363358000"),      QStringLiteral("92691004"),       QStringLiteral("399068003"),
        QStringLiteral("254837009"),      QStringLiteral("363406005"),      QStringLiteral("109838007"),
        QStringLiteral("94260004"),       QStringLiteral("93761005"),       QStringLiteral("363418001"),
        QStringLiteral("372244006"),      QStringLiteral("93143009"),       QStringLiteral("118600007"),
        QStringLiteral("109989006"),
    };
    if (hasCodeIn(condition, code_system::kSnomed, snomed) || isIcd10Malignant(condition)) return true;
    const QString text = words(condition);
    if (containsAny(text, {" suspected ", " history of ", " screening ", " benign ", " risk ", " fear of "})) {
        return false;
    }
    return containsAny(text, {"carcinoma", "cancer", "malignan", "neoplasm", "lymphoma", "leukemia", "leukaemia",
                              "sarcoma", "melanoma", "myeloma", "glioblastoma", "mesothelioma"});
}

bool FhirOncologyClassifier::isChemotherapy(const CodedConcept &medication) {
    static const QSet<QString> rxnorm{
        // Ingredients: cisplatin, carboplatin, oxaliplatin, paclitaxel, docetaxel, etoposide,
        // gemcitabine, pemetrexed, fluorouracil, capecitabine, cyclophosphamide, doxorubicin.
        QStringLiteral("2555"), QStringLiteral("40048"), QStringLiteral("32592"), QStringLiteral("56946"),
        QStringLiteral("72962"), QStringLiteral("4179"), QStringLiteral("12574"), QStringLiteral("68446"),
        QStringLiteral("4492"), QStringLiteral("194000"), QStringLiteral("3002"), QStringLiteral("3639"),
        // Synthea's products: cisplatin 50 MG, paclitaxel 100 MG, etoposide 100 MG injections,
        // oxaliplatin 5 MG/ML, docetaxel 20 MG/ML.
        QStringLiteral("1736854"), QStringLiteral("583214"), QStringLiteral("1734340"), QStringLiteral("1736776"),
        QStringLiteral("1860480"),
    };
    if (hasCodeIn(medication, code_system::kRxNorm, rxnorm)) return true;
    return containsAny(words(medication),
                       {"cisplatin", "carboplatin", "oxaliplatin", "paclitaxel", "docetaxel", "cabazitaxel",
                        "etoposide", "gemcitabine", "pemetrexed", "fluorouracil", " 5 fu ", "capecitabine",
                        "cyclophosphamide", "ifosfamide", "doxorubicin", "epirubicin", "daunorubicin", "vinorelbine",
                        "vincristine", "vinblastine", "irinotecan", "topotecan", "methotrexate", "temozolomide",
                        "bleomycin", "mitomycin", "dacarbazine", "cytarabine", "bendamustine", "chlorambucil",
                        "melphalan", "busulfan", "carmustine", "lomustine", "eribulin", "trabectedin"});
}

ProcedureRecord::Category FhirOncologyClassifier::procedureCategory(const CodedConcept &procedure) {
    static const QSet<QString> radiotherapy{QStringLiteral("108290001"), QStringLiteral("703423002"),
                                            QStringLiteral("33195004"), QStringLiteral("152198000")};
    static const QSet<QString> chemotherapy{QStringLiteral("367336001")};
    static const QSet<QString> biopsy{QStringLiteral("86273004"), QStringLiteral("432231006"),
                                      QStringLiteral("65575008")};
    static const QSet<QString> imaging{QStringLiteral("418891003"), QStringLiteral("399208008"),
                                       QStringLiteral("698354004"), QStringLiteral("77477000"),
                                       QStringLiteral("113091000"), QStringLiteral("433236007")};
    static const QSet<QString> surgery{QStringLiteral("80146002"), QStringLiteral("90470006"),
                                       QStringLiteral("43075005"), QStringLiteral("274031008"),
                                       QStringLiteral("387607004")};
    const QString &snomed = code_system::kSnomed;
    const QString text = words(procedure);
    if (hasCodeIn(procedure, snomed, radiotherapy) ||
        containsAny(text, {"radiotherapy", "radiation therapy", "radiation oncology", "brachytherapy", "irradiation",
                           "chemoradiation", "chemoradiotherapy", "proton therapy", "stereotactic body"})) {
        return Category::Radiotherapy;
    }
    if (hasCodeIn(procedure, snomed, chemotherapy) || containsAny(text, {"chemotherapy", "antineoplastic"})) {
        return Category::Chemotherapy;
    }
    if (hasCodeIn(procedure, snomed, biopsy) || text.contains("biopsy"_L1)) return Category::Biopsy;
    if (hasCodeIn(procedure, snomed, imaging) ||
        containsAny(text, {" ct ", " mri ", " pet ", "tomography", "magnetic resonance", " x ray ", "radiograph",
                           "ultrasound", "ultrasonograph", "echocardiog", "mammogra", "scintigra", "angiogra",
                           "fluoroscop", " imaging "})) {
        return Category::Imaging;
    }
    if (hasCodeIn(procedure, snomed, surgery) ||
        containsAny(text, {"ectomy", "resection", "excision", "surgery", "surgical", "ostomy", "otomy", "amputation",
                           "transplant", "repair", "construction of", "extraction", "plasty", "ablation"})) {
        return Category::Surgery;
    }
    return Category::Other;
}

QString FhirOncologyClassifier::stageGroup(const QString &label) {
    static const QRegularExpression roman(QStringLiteral("\\bstage\\s+(IV|I{1,3}|0)([A-C][0-9]?)?\\b"),
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression arabic(QStringLiteral("\\bstage\\s+([0-4])([A-C][0-9]?)?\\b"),
                                           QRegularExpression::CaseInsensitiveOption);
    for (const QRegularExpression *pattern : {&roman, &arabic}) {
        const QRegularExpressionMatch match = pattern->match(label);
        if (match.hasMatch()) return (match.captured(1) + match.captured(2)).toUpper();
    }
    return {};
}

}  // namespace twin::ehr
