#pragma once
// The facts about the demo patient that more than one file states: identity, dates, body
// size, the prescription. DICOM and FHIR writers read them from here so they cannot disagree.

#include "PhantomUids.h"

#include "twin/phantom/DemoPatient.h"

#include <QDate>
#include <QString>
#include <QTime>

namespace twin::phantom {

struct PhantomRecord {
    DemoPatientIdentity identity;
    QDate birthDate;
    QDate diagnosisDate;  // biopsy, first labs
    QDate studyDate;      // planning CT
    QTime studyTime;
    QDate planDate;  // structure set, plan and dose
    QTime planTime;
    QDate chemotherapyStart;
    QString studyId;
    QString accessionNumber;
    QString studyDescription;
    double weightKg = 0.0;
    double heightCm = 0.0;
    double prescriptionGy = 0.0;
    int fractions = 0;

    static PhantomRecord standard(const PhantomUids &uids);

    QString dicomPatientName() const;             // "Demo^Didymos"
    QString dicomSex() const;                     // "F" / "M"
    QString dicomAge() const;                     // "065Y" at the study date
    static QString dicomDate(const QDate &date);  // YYYYMMDD
    static QString dicomTime(const QTime &time);  // HHMMSS
};

}  // namespace twin::phantom
