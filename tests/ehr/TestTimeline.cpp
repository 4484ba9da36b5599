// buildTimeline on a hand-built record: one event per dated record in its lane, sorted by start,
// with labels, tooltips, codes and provenance; imaging events carry the Study Instance UID.

#include "TestMain.h"

#include "twin/ehr/PatientRecord.h"
#include "twin/ehr/TimelineEvent.h"

using namespace twin::ehr;
using Lane = TimelineEvent::Lane;

namespace {

QDateTime at(int year, int month, int day, int hour = 0) {
    return QDateTime(QDate(year, month, day), QTime(hour, 0), Qt::UTC);
}

Provenance entry(const QString &type, const QString &id, int index) {
    Provenance provenance;
    provenance.file = QStringLiteral("/data/fhir/patient.json");
    provenance.resourceType = type;
    provenance.resourceId = id;
    provenance.entryIndex = index;
    return provenance;
}

PatientRecord sampleRecord() {
    PatientRecord record;

    EncounterRecord visit;
    visit.id = QStringLiteral("enc1");
    visit.type.codings = {{code_system::kSnomed, QStringLiteral("185347001"), QStringLiteral("Encounter for problem")}};
    visit.encounterClass = QStringLiteral("ambulatory");
    visit.start = at(2024, 3, 1, 9);
    visit.end = at(2024, 3, 1, 10);
    visit.provenance = entry(QStringLiteral("Encounter"), visit.id, 1);
    record.encounters << visit;

    ConditionRecord nsclc;
    nsclc.id = QStringLiteral("cond1");
    nsclc.code.codings = {{code_system::kIcd10Cm, QStringLiteral("C34.90"), QStringLiteral("Lung cancer")},
                          {code_system::kSnomed, QStringLiteral("254637007"), QStringLiteral("Non-small cell lung cancer")}};
    nsclc.code.text = QStringLiteral("Non-small cell lung cancer");
    nsclc.clinicalStatus = QStringLiteral("active");
    nsclc.onset = at(2024, 3, 1, 9);  // same time as the encounter: Conditions come first
    nsclc.stage = QStringLiteral("IIIA");
    nsclc.stageType = QStringLiteral("AJCC 8th clinical");
    nsclc.histology = QStringLiteral("Adenocarcinoma");
    nsclc.isCancer = true;
    nsclc.provenance = entry(QStringLiteral("Condition"), nsclc.id, 2);
    record.conditions << nsclc;

    ConditionRecord undated;  // no onset: cannot be placed
    undated.id = QStringLiteral("cond2");
    undated.code.text = QStringLiteral("History of smoking");
    record.conditions << undated;

    ObservationRecord creatinine;
    creatinine.id = QStringLiteral("obs1");
    creatinine.code.codings = {{code_system::kLoinc, QStringLiteral("2160-0"),
                                QStringLiteral("Creatinine [Mass/volume] in Serum or Plasma")}};
    creatinine.category = QStringLiteral("laboratory");
    creatinine.effective = at(2024, 2, 20, 8);
    creatinine.value.kind = ObservationValue::Kind::Quantity;
    creatinine.value.number = 1.1;
    creatinine.value.unit = QStringLiteral("mg/dL");
    creatinine.provenance = entry(QStringLiteral("Observation"), creatinine.id, 3);
    record.observations << creatinine;

    ObservationRecord weight;
    weight.id = QStringLiteral("obs2");
    weight.code.codings = {{code_system::kLoinc, QStringLiteral("29463-7"), QStringLiteral("Body weight")}};
    weight.category = QStringLiteral("vital-signs");
    weight.effective = at(2024, 4, 2, 8);
    weight.value.kind = ObservationValue::Kind::Quantity;
    weight.value.number = 154.0;
    weight.value.unit = QStringLiteral("[lb_av]");
    weight.provenance = entry(QStringLiteral("Observation"), weight.id, 4);
    record.observations << weight;

    ObservationRecord pressure;
    pressure.id = QStringLiteral("obs3");
    pressure.code.codings = {{code_system::kLoinc, QStringLiteral("85354-9"), QStringLiteral("Blood pressure panel")}};
    pressure.effective = at(2024, 4, 2, 8);
    ObservationComponent systolic;
    systolic.code.text = QStringLiteral("Systolic");
    systolic.value.kind = ObservationValue::Kind::Quantity;
    systolic.value.number = 128;
    systolic.value.unit = QStringLiteral("mm[Hg]");
    ObservationComponent diastolic = systolic;
    diastolic.code.text = QStringLiteral("Diastolic");
    diastolic.value.number = 82;
    pressure.components = {systolic, diastolic};
    pressure.provenance = entry(QStringLiteral("Observation"), pressure.id, 5);
    record.observations << pressure;

    MedicationRecord cisplatin;
    cisplatin.id = QStringLiteral("med1");
    cisplatin.kind = MedicationRecord::Kind::Administration;
    cisplatin.medication.codings = {{code_system::kRxNorm, QStringLiteral("2555"), QStringLiteral("Cisplatin")}};
    cisplatin.status = QStringLiteral("completed");
    cisplatin.start = at(2024, 4, 1, 10);
    cisplatin.end = at(2024, 4, 1, 12);
    cisplatin.doseValue = 50.0;
    cisplatin.doseUnit = QStringLiteral("mg/m2");
    cisplatin.route.text = QStringLiteral("intravenous");
    cisplatin.timing = QStringLiteral("every 21 days");
    cisplatin.isChemotherapy = true;
    cisplatin.provenance = entry(QStringLiteral("MedicationAdministration"), cisplatin.id, 6);
    record.medications << cisplatin;

    ProcedureRecord rt;
    rt.id = QStringLiteral("proc1");
    rt.code.codings = {{code_system::kSnomed, QStringLiteral("33195004"), QStringLiteral("Teleradiotherapy")}};
    rt.category = ProcedureRecord::Category::Radiotherapy;
    rt.start = at(2024, 4, 15, 9);
    rt.end = at(2024, 5, 24, 9);
    rt.provenance = entry(QStringLiteral("Procedure"), rt.id, 7);
    record.procedures << rt;

    ImagingStudyRecord ct;
    ct.id = QStringLiteral("img1");
    ct.studyInstanceUid = QStringLiteral("1.2.826.0.1.3680043.8.498.1");
    ct.started = at(2024, 2, 25, 14);
    ct.modalities = {QStringLiteral("CT")};
    ct.description = QStringLiteral("Chest with contrast");
    ct.seriesInstanceUids = {QStringLiteral("1.2.3.1"), QStringLiteral("1.2.3.2")};
    ct.provenance = entry(QStringLiteral("ImagingStudy"), ct.id, 8);
    record.imagingStudies << ct;
    return record;
}

const TimelineEvent *find(const QList<TimelineEvent> &events, const QString &resourceId) {
    for (const TimelineEvent &event : events) {
        if (event.provenance.resourceId == resourceId) return &event;
    }
    return nullptr;
}

}  // namespace

class TestTimeline : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void laneNames();
    void sortedByStartWithUndatedLeftOut();
    void conditionEvent();
    void medicationEvent();
    void procedureEvent();
    void labEvents();
    void imagingEvent();
    void encounterEvent();
    void emptyRecord();
};

void TestTimeline::laneNames() {
    QCOMPARE(TimelineEvent::laneName(Lane::Condition), QStringLiteral("Conditions"));
    QCOMPARE(TimelineEvent::laneName(Lane::Medication), QStringLiteral("Medications"));
    QCOMPARE(TimelineEvent::laneName(Lane::Procedure), QStringLiteral("Procedures"));
    QCOMPARE(TimelineEvent::laneName(Lane::Lab), QStringLiteral("Labs"));
    QCOMPARE(TimelineEvent::laneName(Lane::Imaging), QStringLiteral("Imaging"));
    QCOMPARE(TimelineEvent::laneName(Lane::Encounter), QStringLiteral("Encounters"));
}

void TestTimeline::sortedByStartWithUndatedLeftOut() {
    const QList<TimelineEvent> events = buildTimeline(sampleRecord());
    QStringList order;
    for (const TimelineEvent &event : events) order << event.provenance.resourceId;
    // 02-20 creatinine, 02-25 CT, 03-01 09:00 condition then encounter (lane order at equal
    // starts), 04-01 cisplatin, 04-02 08:00 weight then blood pressure (record order), 04-15 RT.
    QCOMPARE(order, (QStringList{"obs1", "img1", "cond1", "enc1", "med1", "obs2", "obs3", "proc1"}));
    QVERIFY(find(events, QStringLiteral("cond2")) == nullptr);
    for (qsizetype i = 1; i < events.size(); ++i) QVERIFY(events.at(i - 1).start <= events.at(i).start);
}

void TestTimeline::conditionEvent() {
    const QList<TimelineEvent> events = buildTimeline(sampleRecord());
    const TimelineEvent *event = find(events, QStringLiteral("cond1"));
    QVERIFY(event);
    QCOMPARE(event->lane, Lane::Condition);
    QCOMPARE(event->label, QStringLiteral("Non-small cell lung cancer (stage IIIA)"));
    QCOMPARE(event->code, QStringLiteral("254637007"));  // SNOMED preferred over ICD-10
    QCOMPARE(event->start, at(2024, 3, 1, 9));
    QVERIFY(!event->end.isValid());  // still active
    QVERIFY(event->detail.contains(QStringLiteral("ongoing")));
    QVERIFY(event->detail.contains(QStringLiteral("Stage: IIIA (AJCC 8th clinical)")));
    QVERIFY(event->detail.contains(QStringLiteral("Histology: Adenocarcinoma")));
    QVERIFY(event->detail.contains(QStringLiteral("ICD-10 C34.90")));
    QVERIFY(event->detail.contains(QStringLiteral("Source: Condition/cond1 (patient.json, Bundle.entry[2])")));
    QCOMPARE(event->provenance.entryIndex, 2);
}

void TestTimeline::medicationEvent() {
    const QList<TimelineEvent> events = buildTimeline(sampleRecord());
    const TimelineEvent *event = find(events, QStringLiteral("med1"));
    QVERIFY(event);
    QCOMPARE(event->lane, Lane::Medication);
    QCOMPARE(event->label, QStringLiteral("Cisplatin 50 mg/m2"));
    QCOMPARE(event->code, QStringLiteral("2555"));
    QCOMPARE(event->end, at(2024, 4, 1, 12));
    QVERIFY(event->detail.contains(QStringLiteral("administration, completed, chemotherapy")));
    QVERIFY(event->detail.contains(QStringLiteral("Route: intravenous")));
    QVERIFY(event->detail.contains(QStringLiteral("Timing: every 21 days")));
}

void TestTimeline::procedureEvent() {
    const QList<TimelineEvent> events = buildTimeline(sampleRecord());
    const TimelineEvent *event = find(events, QStringLiteral("proc1"));
    QVERIFY(event);
    QCOMPARE(event->lane, Lane::Procedure);
    QCOMPARE(event->label, QStringLiteral("Teleradiotherapy"));
    QCOMPARE(event->code, QStringLiteral("33195004"));
    QCOMPARE(event->end, at(2024, 5, 24, 9));
    QVERIFY(event->detail.contains(QStringLiteral("Category: radiotherapy")));
}

void TestTimeline::labEvents() {
    const QList<TimelineEvent> events = buildTimeline(sampleRecord());
    const TimelineEvent *creatinine = find(events, QStringLiteral("obs1"));
    QVERIFY(creatinine);
    QCOMPARE(creatinine->lane, Lane::Lab);
    QCOMPARE(creatinine->label, QStringLiteral("Creatinine 1.1 mg/dL"));  // LOINC long name shortened
    QCOMPARE(creatinine->code, QStringLiteral("2160-0"));
    QVERIFY(!creatinine->end.isValid());
    QVERIFY(creatinine->detail.contains(QStringLiteral("Creatinine [Mass/volume] in Serum or Plasma")));

    // Vital signs go to the Labs lane too; the tooltip adds the canonical unit.
    const TimelineEvent *weight = find(events, QStringLiteral("obs2"));
    QVERIFY(weight);
    QCOMPARE(weight->lane, Lane::Lab);
    QCOMPARE(weight->label, QStringLiteral("Body weight 154 [lb_av]"));
    QVERIFY2(weight->detail.contains(QStringLiteral("= 69.8532 kg")), qPrintable(weight->detail));  // 154 × 0.45359237

    const TimelineEvent *pressure = find(events, QStringLiteral("obs3"));
    QVERIFY(pressure);
    QCOMPARE(pressure->label, QStringLiteral("Blood pressure panel 128 mm[Hg] / 82 mm[Hg]"));
    QVERIFY(pressure->detail.contains(QStringLiteral("Systolic: 128 mm[Hg]")));
}

void TestTimeline::imagingEvent() {
    const QList<TimelineEvent> events = buildTimeline(sampleRecord());
    const TimelineEvent *event = find(events, QStringLiteral("img1"));
    QVERIFY(event);
    QCOMPARE(event->lane, Lane::Imaging);
    QCOMPARE(event->label, QStringLiteral("CT Chest with contrast"));
    QCOMPARE(event->studyInstanceUid, QStringLiteral("1.2.826.0.1.3680043.8.498.1"));
    QVERIFY(event->detail.contains(QStringLiteral("Study Instance UID: 1.2.826.0.1.3680043.8.498.1")));
    QVERIFY(event->detail.contains(QStringLiteral("Series: 2")));
    for (const TimelineEvent &other : events) {
        if (other.lane != Lane::Imaging) QVERIFY(other.studyInstanceUid.isEmpty());
    }
}

void TestTimeline::encounterEvent() {
    const QList<TimelineEvent> events = buildTimeline(sampleRecord());
    const TimelineEvent *event = find(events, QStringLiteral("enc1"));
    QVERIFY(event);
    QCOMPARE(event->lane, Lane::Encounter);
    QCOMPARE(event->label, QStringLiteral("Encounter for problem"));
    QCOMPARE(event->end, at(2024, 3, 1, 10));
    QVERIFY(event->detail.contains(QStringLiteral("Class: ambulatory")));
}

void TestTimeline::emptyRecord() {
    QVERIFY(buildTimeline(PatientRecord()).isEmpty());
}

DIDYMOS_TEST_MAIN(TestTimeline)
#include "TestTimeline.moc"
