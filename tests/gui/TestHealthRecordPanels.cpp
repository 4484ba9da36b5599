// The patient summary panel and the timeline as a clinician uses them: what they show for a
// known record, tooltips with provenance, zoom and pan, and a click on an imaging event.

#include "TestMain.h"
#include "twin/ui/PatientSummaryPanel.h"
#include "twin/ui/SparklineWidget.h"
#include "twin/ui/TimelineView.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>

#include <memory>

using namespace twin;

namespace {

QDateTime day(int y, int m, int d) { return QDateTime(QDate(y, m, d), QTime(12, 0), Qt::UTC); }

ehr::PatientSummary knownSummary() {
    ehr::PatientSummary s;
    s.patientId = QStringLiteral("P-7");
    s.displayName = QStringLiteral("Curie, Marie");
    s.sex = QStringLiteral("female");
    s.birthDate = QDate(1960, 3, 1);
    s.diagnoses << QStringLiteral("Non-small cell lung cancer — stage IIIA (2026-06-01)");
    s.currentMedications << QStringLiteral("cisplatin 50 mg/m2 (since 2026-07-01)");
    ehr::LabSeries creatinine;
    creatinine.label = QStringLiteral("Creatinine");
    creatinine.unit = QStringLiteral("mg/dL");
    creatinine.points << ehr::LabSeries::Point{day(2026, 6, 1), 0.82, QStringLiteral("Observation/c1 (b.json)")}
                      << ehr::LabSeries::Point{day(2026, 7, 1), 0.95, QStringLiteral("Observation/c2 (b.json)")};
    s.keyLabs << creatinine;
    ehr::Covariate age;
    age.name = QStringLiteral("age");
    age.known = true;
    age.value = 66;
    age.unit = QStringLiteral("a");
    ehr::Covariate bsa;
    bsa.name = QStringLiteral("bsa");
    bsa.known = true;
    bsa.value = 1.7658;
    bsa.unit = QStringLiteral("m2");
    bsa.source = QStringLiteral("Observation/h1; Observation/w1");
    bsa.method = QStringLiteral("Mosteller");
    bsa.date = QDate(2026, 7, 1);
    ehr::Covariate medications;  // a list covariate: value = item count, text = the items
    medications.name = QStringLiteral("current_medications");
    medications.known = true;
    medications.value = 1;
    medications.text = QStringLiteral("cisplatin 50 mg/m2");
    s.covariates << age << bsa << ehr::Covariate::unknown(QStringLiteral("anc"), QStringLiteral("no neutrophil count"))
                 << medications;
    return s;
}

ehr::TimelineEvent timelineEvent(ehr::TimelineEvent::Lane lane, QDateTime start, QDateTime end, QString label) {
    ehr::TimelineEvent e;
    e.lane = lane;
    e.start = std::move(start);
    e.end = std::move(end);
    e.label = std::move(label);
    return e;
}

}  // namespace

class TestHealthRecordPanels : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void summaryShowsWhoWhatAndWhere() {
        ui::PatientSummaryPanel panel;
        panel.resize(420, 700);
        panel.showSummary(knownSummary());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.header()->text().contains(QStringLiteral("Curie, Marie")));
        QVERIFY(panel.header()->text().contains(QStringLiteral("66 y")));
        QVERIFY(panel.header()->text().contains(QStringLiteral("1960-03-01")));
        QVERIFY(panel.diagnoses()->text().contains(QStringLiteral("stage IIIA")));
        QVERIFY(panel.medications()->text().contains(QStringLiteral("cisplatin 50 mg/m2")));
        QCOMPARE(panel.labs()->rowCount(), 1);
        QCOMPARE(panel.labs()->item(0, 2)->text(), QStringLiteral("0.95 mg/dL"));
        QVERIFY(panel.labs()->item(0, 2)->toolTip().contains(QStringLiteral("Observation/c2")));
        auto *sparkline = qobject_cast<ui::SparklineWidget *>(panel.labs()->cellWidget(0, 1));
        QVERIFY(sparkline);
        const QList<QPointF> points = sparkline->mappedPoints();
        QCOMPARE(points.size(), 2);
        QVERIFY(points[1].x() > points[0].x());  // later to the right
        QVERIFY(points[1].y() < points[0].y());  // higher value higher up
        // Covariates: value with unit, provenance and method on hover, unknown says why.
        QCOMPARE(panel.covariates()->rowCount(), 4);
        QCOMPARE(panel.covariates()->item(3, 1)->text(), QStringLiteral("cisplatin 50 mg/m2"));
        QCOMPARE(panel.covariates()->item(1, 1)->text(), QStringLiteral("1.77 m2"));
        const QString tip = panel.covariates()->item(1, 0)->toolTip();
        QVERIFY(tip.contains(QStringLiteral("Observation/h1")) && tip.contains(QStringLiteral("Mosteller")) &&
                tip.contains(QStringLiteral("2026-07-01")));
        QCOMPARE(panel.covariates()->item(2, 1)->text(), QStringLiteral("unknown"));
        QVERIFY(panel.covariates()->item(2, 1)->toolTip().contains(QStringLiteral("no neutrophil count")));
        QCOMPARE(panel.covariates()->columnCount(), 2);  // provenance is on hover, not a column
        QVERIFY(panel.importNotes()->isHidden());  // a clean import has nothing to say
        ehr::PatientSummary noisy = knownSummary();
        noisy.warnings << QStringLiteral("patients.csv: 27 patients and no patient chosen; read the first")
                       << QStringLiteral("b.json: Bundle.entry[3] Observation/x: field valueQuantity.value: not a number")
                       << QStringLiteral("n3") << QStringLiteral("n4");
        panel.showSummary(noisy);
        QVERIFY(panel.importNotes()->isVisible());
        QVERIFY(panel.importNotes()->text().contains(QStringLiteral("4 import note(s)")));
        QVERIFY(panel.importNotes()->text().contains(QStringLiteral("27 patients")));
        QVERIFY(!panel.importNotes()->text().contains(QStringLiteral("n4")));  // only the first three inline
        QVERIFY(panel.importNotes()->toolTip().contains(QStringLiteral("n4")));
        panel.showImagingLink(QStringLiteral("Images: DICOM patient P-7"), {QStringLiteral("birth date differs")});
        QVERIFY(panel.imagingLink()->text().contains(QStringLiteral("birth date differs")));
    }

    void timelineZoomsPansAndOpensImaging() {
        ui::TimelineView view;
        view.resize(800, 200);
        using Lane = ehr::TimelineEvent::Lane;
        QList<ehr::TimelineEvent> events;
        events << timelineEvent(Lane::Condition, day(2025, 1, 10), {}, QStringLiteral("NSCLC"))
               << timelineEvent(Lane::Medication, day(2025, 3, 1), day(2025, 6, 1), QStringLiteral("cisplatin"))
               << timelineEvent(Lane::Imaging, day(2025, 9, 1), {}, QStringLiteral("CT thorax"));
        events.last().studyInstanceUid = QStringLiteral("2.25.42");
        view.setEvents(events);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // Fit: everything visible.
        QVERIFY(view.visibleStart() < day(2025, 1, 10).toMSecsSinceEpoch());
        QVERIFY(view.visibleEnd() > day(2025, 9, 1).toMSecsSinceEpoch());
        for (int i = 0; i < 3; ++i) QVERIFY(!view.eventRect(i).isEmpty());
        QVERIFY(view.eventRect(1).width() > view.eventRect(1).height());  // an interval is a bar

        // Zoom ×2 around the centre halves the visible span.
        const double span = view.visibleEnd() - view.visibleStart();
        QWheelEvent wheel(QPointF(450, 100), view.mapToGlobal(QPointF(450, 100)), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheel);
        QVERIFY(std::abs((view.visibleEnd() - view.visibleStart()) - span / 1.25) < 1.0);
        // Drag right by 100 px pans back in time; it is not a click.
        QSignalSpy opened(&view, &ui::TimelineView::imagingStudyActivated);
        const double before = view.visibleStart();
        QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(300, 100));
        QMouseEvent move(QEvent::MouseMove, QPointF(400, 100), view.mapToGlobal(QPointF(400, 100)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&view, &move);
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(400, 100));
        QVERIFY(view.visibleStart() < before);
        QCOMPARE(opened.count(), 0);

        // Home fits again; a click on the imaging event asks to open its study.
        QTest::keyClick(&view, Qt::Key_Home);
        const QPoint imaging = view.eventRect(2).center().toPoint();
        QCOMPARE(view.eventAt(imaging), 2);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, imaging);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), QStringLiteral("2.25.42"));
    }
};

DIDYMOS_GUI_TEST_MAIN(TestHealthRecordPanels)
#include "TestHealthRecordPanels.moc"
