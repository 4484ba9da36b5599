#pragma once
// A FHIR CodeableConcept: codings from several systems plus free text.

#include <QList>
#include <QString>

namespace twin::ehr {

namespace code_system {
inline const QString kLoinc = QStringLiteral("http://loinc.org");
inline const QString kSnomed = QStringLiteral("http://snomed.info/sct");
inline const QString kRxNorm = QStringLiteral("http://www.nlm.nih.gov/research/umls/rxnorm");
inline const QString kIcd10 = QStringLiteral("http://hl7.org/fhir/sid/icd-10");
inline const QString kIcd10Cm = QStringLiteral("http://hl7.org/fhir/sid/icd-10-cm");
inline const QString kUcum = QStringLiteral("http://unitsofmeasure.org");
}  // namespace code_system

struct Coding {
    QString system;
    QString code;
    QString display;
};

struct CodedConcept {
    QList<Coding> codings;
    QString text;

    bool hasCode(const QString &system, const QString &code) const;
    /// The code in `system`, empty when absent.
    QString codeIn(const QString &system) const;
    /// Human-readable: text, else the first display, else the first code.
    QString label() const;
    bool isEmpty() const { return codings.isEmpty() && text.isEmpty(); }
};

}  // namespace twin::ehr
