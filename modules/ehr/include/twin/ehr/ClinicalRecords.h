#pragma once
// The clinical facts of a patient, one struct per FHIR resource kind we use. Synthea CSV rows
// map onto the same structs. Every record carries its Provenance.
// (Several small plain structs share this header on purpose: they are one vocabulary.)

#include "twin/ehr/CodedConcept.h"
#include "twin/ehr/ObservationValue.h"
#include "twin/ehr/Provenance.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace twin::ehr {

struct Identifier {
    QString system;
    QString value;
};

struct Demographics {
    QString id;                     // Patient.id / patients.csv Id
    QList<Identifier> identifiers;  // MRN, SSN … (kept for matching; never shown in shared output)
    QString familyName;
    QString givenName;              // given names joined by spaces
    std::optional<QDate> birthDate;
    QString sex;                    // FHIR administrative gender: female | male | other | unknown
    std::optional<QDate> deceasedDate;
    Provenance provenance;
};

struct EncounterRecord {
    QString id;
    CodedConcept type;
    QString encounterClass;  // ambulatory, inpatient, emergency …
    QDateTime start;
    QDateTime end;
    Provenance provenance;
};

struct ConditionRecord {
    QString id;
    CodedConcept code;
    QString clinicalStatus;       // active | resolved | …
    QDateTime onset;
    QDateTime abatement;          // invalid when still active
    QString stage;                // Condition.stage.summary (text or code label), e.g. "IIIA"
    QString stageType;            // Condition.stage.type label, e.g. "AJCC 8th clinical"
    QString histology;            // morphology (extension or bodySite-independent code), when given
    bool isCancer = false;        // classified from SNOMED/ICD-10 codes and text
    Provenance provenance;
};

struct ObservationComponent {
    CodedConcept code;
    ObservationValue value;
};

struct ObservationRecord {
    QString id;
    CodedConcept code;
    QString category;  // vital-signs, laboratory, survey …
    QDateTime effective;
    ObservationValue value;
    QList<ObservationComponent> components;  // e.g. systolic / diastolic blood pressure
    Provenance provenance;
};

struct MedicationRecord {
    enum class Kind { Request, Administration, Statement };
    QString id;
    Kind kind = Kind::Request;
    CodedConcept medication;  // from medicationCodeableConcept or the (contained) Medication
    QString status;
    QDateTime start;          // authoredOn / effective[x] start / START
    QDateTime end;            // effective end / STOP; invalid when ongoing
    std::optional<double> doseValue;
    QString doseUnit;         // UCUM, e.g. "mg", "mg/m2"
    CodedConcept route;
    QString timing;           // human-readable: "every 21 days", "BID" …
    bool isChemotherapy = false;
    Provenance provenance;
};

struct ProcedureRecord {
    enum class Category { Other, Surgery, Radiotherapy, Chemotherapy, Imaging, Biopsy };
    QString id;
    CodedConcept code;
    Category category = Category::Other;
    QDateTime start;
    QDateTime end;
    Provenance provenance;
};

struct DiagnosticReportRecord {
    QString id;
    CodedConcept code;
    QDateTime effective;
    QString conclusion;
    QStringList resultIds;  // referenced Observation ids
    Provenance provenance;
};

struct ImagingStudyRecord {
    QString id;
    QString studyInstanceUid;  // from identifier urn:oid:… (DICOM Study Instance UID)
    QDateTime started;
    QStringList modalities;    // CT, MR …
    QStringList seriesInstanceUids;
    QString description;
    Provenance provenance;
};

struct AllergyRecord {
    QString id;
    CodedConcept code;
    QString criticality;
    QDateTime recorded;
    Provenance provenance;
};

struct CarePlanRecord {
    QString id;
    QString status;
    CodedConcept category;
    QDateTime start;
    QDateTime end;
    QString title;
    Provenance provenance;
};

}  // namespace twin::ehr
