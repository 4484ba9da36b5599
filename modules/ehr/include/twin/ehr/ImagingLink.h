#pragma once
// Linking a patient record to loaded DICOM data: which DICOM patient is this record's patient
// (PatientMatcher, with a confidence and the reasons), and which loaded study each
// ImagingStudy resource refers to (linkImagingStudies, by Study Instance UID).
//
// Confidence (PatientMatcher::match):
//   1.0   DICOM PatientID equals Patient.id or any of the record's identifier values
//   0.95  the same, but the birth date or sex contradicts the record
//   0.8   family and given name and birth date equal (no identifier match)
//   0.3   name equal only        0.2   birth date equal only        0.0   nothing in common
// Names are compared case-, diacritic- and punctuation-insensitively ("Müller" = "MULLER",
// "O'Brien" = "OBRIEN"), digits dropped (Synthea appends numbers to names: "Jolie535"); the
// given names match when one list starts with the other ("John" ~ "John Paul").
// Contradictions (birth date, sex; and a different name under a matching identifier) are
// warnings naming both values, for the UI to show; they never raise a confidence.

#include "twin/ehr/ClinicalRecords.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace twin::ehr {

class PatientRecord;

/// One patient as the loaded DICOM data describes it.
struct DicomPatientSummary {
    QString patientId;    // (0010,0020)
    QString patientName;  // (0010,0010), PN: "Family^Given^Middle^Prefix^Suffix"
    QDate birthDate;      // (0010,0030); invalid when absent
    QString sex;          // (0010,0040): "M", "F", "O" or empty
    QStringList studyInstanceUids;
};

struct PatientMatch {
    enum class Basis { None, Identifier, NameAndBirthDate, NameOnly, BirthDateOnly };
    int candidateIndex = -1;  // index in the list given to matchAll()
    double confidence = 0.0;  // [0, 1]
    Basis basis = Basis::None;
    QStringList reasons;      // "patient ID 12345 equals the record identifier (MRN)"
    QStringList warnings;     // contradictions: "birth date differs: record 1960-05-01, DICOM 1960-01-05"

    bool hasContradictions() const { return !warnings.isEmpty(); }
};

class PatientMatcher {
public:
    /// How well `candidate` matches `patient`.
    static PatientMatch match(const Demographics &patient, const DicomPatientSummary &candidate);
    /// One match per candidate, in the order given (candidateIndex set).
    static QList<PatientMatch> matchAll(const Demographics &patient, const QList<DicomPatientSummary> &candidates);
    /// The index in `matches` of the most confident match of at least `minimumConfidence`
    /// (the first of equals), or -1.
    static int best(const QList<PatientMatch> &matches, double minimumConfidence = 0.8);

    /// Demographics::sex ("female") as DICOM writes it ("F"); empty when unknown.
    static QString dicomSex(const QString &administrativeGender);
    /// A name reduced for comparison: case-folded, without diacritics, digits or punctuation,
    /// words separated by single spaces ("Müller-Lüdenscheidt" -> "muller ludenscheidt").
    static QString comparableName(const QString &name);
};

/// An ImagingStudy resource and the loaded DICOM patient holding its study, if any.
struct ImagingStudyLink {
    QString imagingStudyId;
    QString studyInstanceUid;
    int summaryIndex = -1;    // index in the summaries given; -1 when the study is not loaded
    Provenance provenance;    // the ImagingStudy
    QStringList warnings;     // no UID; UID under several patients; that patient contradicts the record

    bool isLinked() const { return summaryIndex >= 0; }
};

/// For each ImagingStudyRecord of `record` (in its order), the summary that holds its
/// Study Instance UID. Warnings when the study has no UID, when several loaded patients hold
/// it (the first is linked), and when the holding patient's demographics contradict the record.
QList<ImagingStudyLink> linkImagingStudies(const PatientRecord &record, const QList<DicomPatientSummary> &summaries);

}  // namespace twin::ehr
