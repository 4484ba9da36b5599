#pragma once
// An event on the patient's timeline: what the timeline dock draws in swimlanes.

#include "twin/ehr/Provenance.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace twin::ehr {

class PatientRecord;

struct TimelineEvent {
    enum class Lane { Condition, Medication, Procedure, Lab, Imaging, Encounter };
    Lane lane = Lane::Condition;
    QDateTime start;
    QDateTime end;          // invalid for instants and ongoing items
    QString label;          // short: "Cisplatin 50 mg/m2", "Creatinine 1.1 mg/dL"
    QString detail;         // tooltip
    QString code;           // the primary code (LOINC, SNOMED, RxNorm …)
    QString studyInstanceUid;  // Imaging lane: the DICOM study to open
    Provenance provenance;

    static QString laneName(Lane lane);
};

/// All events of a record, sorted by start time.
QList<TimelineEvent> buildTimeline(const PatientRecord &record);

}  // namespace twin::ehr
