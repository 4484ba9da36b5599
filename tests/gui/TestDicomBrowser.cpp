// Opening a DICOM folder in the main window as a clinician does: the folder is scanned in a
// Job while the window answers, the browser shows patient → study → series, the single study's
// CT opens in the views, another series opens on double-click, unreadable files are listed,
// and a record's ImagingStudy UID opens its study.

#include "RenderTestMain.h"
#include "SyntheticDicomSeries.h"
#include "TestData.h"
#include "twin/core/Job.h"
#include "twin/dicom/DicomSourceSeries.h"
#include "twin/dicom/SegWriter.h"
#include "twin/imaging/Segmentation.h"
#include "twin/ui/SegmentationController.h"
#include "twin/phantom/DemoPatientGenerator.h"
#include "twin/reporting/SoftwareInventory.h"
#include "twin/ui/DicomFolderController.h"
#include "twin/ui/MainWindow.h"
#include "twin/ui/PatientBrowserPanel.h"
#include "twin/ui/PatientSceneController.h"
#include "twin/visualization/VolumeOverviewScene.h"
#include "twin/ui/ViewGrid.h"
#include "twin/ui/VtkOpenGLView.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

#include <memory>

using namespace twin;

class TestDicomBrowser : public test::StrictTestCase {
    Q_OBJECT
    std::unique_ptr<ui::MainWindow> window_;
    QString folder_;
    QString index_;
    phantom::DemoPatient patient_;

protected:
    void setUp() override {
        QSettings().clear();
        window_ = std::make_unique<ui::MainWindow>(reporting::SoftwareInventory{});
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }
    void tearDown() override { window_.reset(); }

private slots:
    void initTestCase();
    void scanShowsTheTreeAndOpensTheCt();
    void doubleClickOpensAnotherSeriesAndUnreadableFilesAreListed();
    void imagingStudyUidOpensItsStudy();
    void mixedSeriesListsItsLoadablesAndOpensTheOtherOne();
    void seriesWithAGapIsMarkedInTheBrowser();
    void segSegmentsOpenAsSegmentsWithTheirVoxels();
};

namespace {

// The whole thorax at low resolution (512 × 0.9 mm ≈ 64 × 7.2 mm), so every organ is on it.
phantom::PhantomOptions smallThorax() {
    phantom::PhantomOptions options;
    options.columns = 64;
    options.rows = 56;
    options.slices = 20;
    options.pixelSpacingMm = 7.2;
    options.sliceThicknessMm = 15.0;
    return options;
}

}  // namespace

void TestDicomBrowser::initTestCase() {
    const QString scratch = test::scratchDir(QStringLiteral("gui-dicom-browser"));
    folder_ = scratch + QStringLiteral("/patient");
    index_ = scratch + QStringLiteral("/index.sqlite");
    QFile::remove(index_);
    auto written = phantom::DemoPatientGenerator::generate(folder_, smallThorax());
    QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message()));
    patient_ = std::move(written).value();
    // A file that claims to be DICOM but is cut short: it must be listed, not crash the scan.
    QFile broken(folder_ + QStringLiteral("/broken.dcm"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    QFile source(patient_.files.ctFiles.first());
    QVERIFY(source.open(QIODevice::ReadOnly));
    broken.write(source.read(400));
}

void TestDicomBrowser::scanShowsTheTreeAndOpensTheCt() {
    int ticks = 0;
    QTimer heartbeat;
    connect(&heartbeat, &QTimer::timeout, this, [&ticks] { ++ticks; });
    heartbeat.start(10);
    QSignalSpy scanned(window_.get(), &ui::MainWindow::dicomFolderOpened);
    QSignalSpy opened(window_.get(), &ui::MainWindow::seriesOpened);
    QSignalSpy surfaces(window_.get(), &ui::MainWindow::surfacesReady);
    window_->openDicomFolder(folder_, index_);
    QVERIFY(window_->currentJob());
    QVERIFY(scanned.size() > 0 || scanned.wait(60000));  // it may have come already
    QVERIFY(ticks >= 1);  // the event loop ran while the scan worked

    // patient → study → CT, RTSTRUCT, RTPLAN, RTDOSE series
    QTreeWidget *tree = window_->patientBrowser()->tree();
    QVERIFY(tree->topLevelItemCount() >= 1);
    QTreeWidgetItem *patientItem = tree->topLevelItem(0);
    QVERIFY2(patientItem->text(0).contains(patient_.identity.familyName), qPrintable(patientItem->text(0)));
    QCOMPARE(patientItem->childCount(), 1);
    QStringList modalities;
    for (int i = 0; i < patientItem->child(0)->childCount(); ++i) modalities << patientItem->child(0)->child(i)->text(0).section(QLatin1Char(' '), 0, 0);
    modalities.sort();
    QCOMPARE(modalities, (QStringList{QStringLiteral("CT"), QStringLiteral("RTDOSE"), QStringLiteral("RTPLAN"), QStringLiteral("RTSTRUCT")}));

    // Each image series shows a thumbnail, its size and slice count; the demo CT has no warning.
    const dicom::IndexedSeries *ctRecord = nullptr;
    for (int i = 0; i < patientItem->child(0)->childCount(); ++i) {
        QTreeWidgetItem *item = patientItem->child(0)->child(i);
        if (!item->text(0).startsWith(QStringLiteral("CT"))) continue;
        QVERIFY2(item->text(0).contains(QStringLiteral("64 × 56 × 20")), qPrintable(item->text(0)));
        QVERIFY(!item->icon(0).isNull());
        const QImage thumbnail = item->icon(0).pixmap(48, 48).toImage();
        int bright = 0;
        for (int y = 0; y < thumbnail.height(); ++y)
            for (int x = 0; x < thumbnail.width(); ++x) bright += qGray(thumbnail.pixel(x, y)) > 60;
        QVERIFY2(bright > 48 * 48 / 10, "the CT thumbnail shows no body");
        QVERIFY2(!item->toolTip(0).contains(QStringLiteral("Warnings")), qPrintable(item->toolTip(0)));
        ctRecord = window_->dicomFolders()->folder()->findSeries(item->data(0, Qt::UserRole + 1).toString());
    }
    QVERIFY(ctRecord);

    // The study's CT opens by itself and fills the axial view.
    QVERIFY(opened.size() > 0 || opened.wait(60000));  // it may have come already
    const dicom::LoadedSeriesVolume *series = window_->dicomFolders()->series();
    QVERIFY(series);
    QCOMPARE(series->modality, QStringLiteral("CT"));
    QCOMPARE(series->volume().geometry().dimensions, (std::array<int, 3>{64, 56, 20}));
    QCOMPARE(series->volume().voxels(), patient_.ct.voxels());  // the files decode to the generator's CT
    ui::VtkOpenGLView *axial = window_->viewGrid()->view(ui::ViewGrid::Axial);
    axial->requestRender();
    QTest::qWait(100);
    const QImage frame = axial->grabFramebuffer();
    QVERIFY2(frame.pixelColor(frame.width() / 2, frame.height() / 2).lightness() > 30, "axial view shows no CT");
    QVERIFY(window_->windowTitle().contains(patient_.identity.patientId));

    // Then the study's RTSTRUCT is rasterised on the CT and its ROIs meshed into the 3D view.
    QVERIFY(surfaces.size() > 0 || surfaces.wait(120000));  // it may have come already
    const int shown = surfaces.first().first().toInt();
    QVERIFY2(shown >= static_cast<int>(patient_.structures.size()) - 2, qPrintable(QString::number(shown)));
    QCOMPARE(window_->scenes()->overviewScene()->surfaceCount(), shown);
    QStringList names;
    for (const auto &structure : window_->dicomFolders()->structures()) names << structure.name;
    for (const phantom::PhantomStructure &structure : patient_.structures) {
        if (structure.name == QStringLiteral("GTV") || structure.name.startsWith(QStringLiteral("Lung"))) {
            QVERIFY2(names.contains(structure.name), qPrintable(structure.name));
        }
    }
    QVERIFY2(window_->dicomFolders()->structureWarnings().isEmpty(),
             qPrintable(window_->dicomFolders()->structureWarnings().join(QLatin1Char('\n'))));
}

void TestDicomBrowser::doubleClickOpensAnotherSeriesAndUnreadableFilesAreListed() {
    QSignalSpy scanned(window_.get(), &ui::MainWindow::dicomFolderOpened);
    QSignalSpy opened(window_.get(), &ui::MainWindow::seriesOpened);
    window_->openDicomFolder(folder_, index_);
    QVERIFY(scanned.size() > 0 || scanned.wait(60000));  // it may have come already
    QVERIFY(opened.size() > 0 || opened.wait(60000));  // the CT (it may have come already)
    QTreeWidget *tree = window_->patientBrowser()->tree();

    // Unreadable files: a node naming the file, with the reason.
    QTreeWidgetItem *problems = nullptr;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0) == QStringLiteral("Unreadable files")) problems = tree->topLevelItem(i);
    }
    QVERIFY(problems);
    QCOMPARE(problems->childCount(), 1);
    QCOMPARE(problems->child(0)->text(0), QStringLiteral("broken.dcm"));
    QVERIFY(!problems->child(0)->text(1).isEmpty());

    // Double-click (activation) of the CT series item loads it again; a non-image series
    // (RTPLAN) fails with a message instead of crashing.
    QTreeWidgetItem *ct = window_->patientBrowser()->seriesItem(window_->dicomFolders()->series()->seriesInstanceUid);
    QVERIFY(ct);
    opened.clear();
    tree->scrollToItem(ct);
    const QRect rect = tree->visualItemRect(ct);
    // A real double-click: press, release, then the double-click event and its release.
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    QVERIFY(opened.size() > 0 || opened.wait(60000));  // it may have come already
    QCOMPARE(opened.size(), 1);

    QTreeWidgetItem *plan = nullptr;
    for (QTreeWidgetItemIterator it(tree); *it; ++it) {
        if ((*it)->text(0).startsWith(QStringLiteral("RTPLAN"))) plan = *it;
    }
    QVERIFY(plan);
    QSignalSpy failed(window_.get(), &ui::MainWindow::openFailed);
    emit tree->itemActivated(plan, 0);
    QVERIFY(failed.size() > 0 || failed.wait(60000));  // it may have come already
    QVERIFY2(!failed.first().first().toString().isEmpty(), "the failure names what went wrong");
}

void TestDicomBrowser::imagingStudyUidOpensItsStudy() {
    QSignalSpy scanned(window_.get(), &ui::MainWindow::dicomFolderOpened);
    QSignalSpy seriesOpened(window_.get(), &ui::MainWindow::seriesOpened);
    window_->openDicomFolder(folder_, index_);
    QVERIFY(scanned.size() > 0 || scanned.wait(60000));  // it may have come already
    QVERIFY(seriesOpened.size() > 0 || seriesOpened.wait(60000));  // it may have come already
    QSignalSpy studyOpened(window_.get(), &ui::MainWindow::imagingStudyOpened);
    window_->openImagingStudy(patient_.identity.studyInstanceUid);
    QVERIFY(studyOpened.size() > 0 || studyOpened.wait(60000));  // it may have come already
    QCOMPARE(studyOpened.first().first().toString(), patient_.identity.studyInstanceUid);
    QSignalSpy failed(window_.get(), &ui::MainWindow::openFailed);
    window_->openImagingStudy(QStringLiteral("1.2.3.4.5.6.7.8.9"));
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("1.2.3.4.5.6.7.8.9")));
}

void TestDicomBrowser::mixedSeriesListsItsLoadablesAndOpensTheOtherOne() {
    // One series, 5 slices of 8x8 and 3 of 10x6 (like a scout stored with the volume): two
    // loadables, the 8x8 one preselected.
    const QString folder = test::scratchDir(QStringLiteral("gui-dicom-mixed")) + QStringLiteral("/series");
    QVERIFY(QDir().mkpath(folder));
    for (int k = 0; k < 8; ++k) {
        test::Slice slice;
        slice.z = k < 5 ? 10.0 + 2.0 * k : 200.0 + 2.0 * k;
        slice.instance = k + 1;
        slice.patientName = QStringLiteral("Mixed^Series");
        if (k >= 5) {
            slice.rows = 6;
            slice.columns = 10;
        }
        QCOMPARE(test::writeSlice(folder + QStringLiteral("/s%1.dcm").arg(k), slice), QString());
    }
    QSignalSpy opened(window_.get(), &ui::MainWindow::seriesOpened);
    window_->openDicomFolder(folder, index_);
    QVERIFY(opened.size() > 0 || opened.wait(60000));  // it may have come already
    QCOMPARE(window_->dicomFolders()->series()->volume().geometry().dimensions, (std::array<int, 3>{8, 8, 5}));
    QTreeWidgetItem *series = window_->patientBrowser()->seriesItem(window_->dicomFolders()->series()->seriesInstanceUid);
    QVERIFY(series);
    QCOMPARE(series->childCount(), 2);
    QVERIFY2(series->text(0).contains(QStringLiteral("⚠")) && series->text(0).contains(QStringLiteral("8 × 8 × 5")),
             qPrintable(series->text(0)));
    QVERIFY2(series->toolTip(0).contains(QStringLiteral("2 loadables")), qPrintable(series->toolTip(0)));
    QVERIFY(series->child(0)->text(0).startsWith(QStringLiteral("▶ CT 8x8x5")));  // the one shown
    QVERIFY(series->child(1)->text(0).startsWith(QStringLiteral("CT 10x6x3")));
    QVERIFY2(series->child(1)->text(1).contains(QLatin1Char('%')), qPrintable(series->child(1)->text(1)));

    opened.clear();
    emit window_->patientBrowser()->tree()->itemActivated(series->child(1), 0);
    QVERIFY(opened.size() > 0 || opened.wait(60000));  // it may have come already
    QCOMPARE(window_->dicomFolders()->series()->volume().geometry().dimensions, (std::array<int, 3>{10, 6, 3}));
    series = window_->patientBrowser()->seriesItem(window_->dicomFolders()->series()->seriesInstanceUid);
    QVERIFY(series->child(1)->text(0).startsWith(QStringLiteral("▶ ")));
}

void TestDicomBrowser::seriesWithAGapIsMarkedInTheBrowser() {
    // Six slices 2 mm apart with the one at z = 16 missing: the browser marks the series and
    // its tooltip says which slices are missing, before the clinician opens it.
    const QString folder = test::scratchDir(QStringLiteral("gui-dicom-gap")) + QStringLiteral("/series");
    QVERIFY(QDir().mkpath(folder));
    int instance = 0;
    for (double z : {10.0, 12.0, 14.0, 18.0, 20.0, 22.0}) {
        test::Slice slice;
        slice.z = z;
        slice.instance = ++instance;
        slice.patientName = QStringLiteral("Gap^Series");
        slice.seriesInstanceUid = QStringLiteral("1.2.826.0.1.3680043.9.7777.2.9");
        QCOMPARE(test::writeSlice(folder + QStringLiteral("/s%1.dcm").arg(instance), slice), QString());
    }
    QSignalSpy scanned(window_.get(), &ui::MainWindow::dicomFolderOpened);
    window_->openDicomFolder(folder, index_);
    QVERIFY(scanned.size() > 0 || scanned.wait(60000));
    QTreeWidgetItem *series = window_->patientBrowser()->seriesItem(QStringLiteral("1.2.826.0.1.3680043.9.7777.2.9"));
    QVERIFY(series);
    QVERIFY2(series->text(0).contains(QStringLiteral("⚠")), qPrintable(series->text(0)));
    QVERIFY2(series->toolTip(0).contains(QStringLiteral("missing")), qPrintable(series->toolTip(0)));
    QVERIFY(!series->icon(0).isNull());
}

DIDYMOS_VTK_TEST_MAIN(TestDicomBrowser)

// A study with a DICOM SEG instead of an RTSTRUCT: its segments become segments of the CT's
// segmentation, named as in the SEG, with the same voxels as the phantom labels written.
void TestDicomBrowser::segSegmentsOpenAsSegmentsWithTheirVoxels() {
    const QString scratch = test::scratchDir(QStringLiteral("gui-dicom-browser-seg"));
    const QString folder = scratch + QStringLiteral("/patient");
    auto written = phantom::DemoPatientGenerator::generate(folder, smallThorax());
    QVERIFY(written.ok());
    const phantom::DemoPatient &patient = written.value();
    for (const QString &file : {patient.files.rtStructPath, patient.files.rtDosePath, patient.files.rtPlanPath}) QVERIFY(QFile::remove(file));
    QList<core::LabelMap> segments;
    QMap<QString, std::ptrdiff_t> expected;
    for (const phantom::PhantomStructure &structure : patient.structures) {
        if (structure.name != QStringLiteral("Heart") && structure.name != QStringLiteral("Liver")) continue;
        core::LabelMap map{core::ScalarVolume(patient.ct.geometry()), {}};
        for (std::size_t v = 0; v < map.volume.voxels().size(); ++v) map.volume.voxels()[v] = patient.labels.voxels()[v] == structure.label;
        core::LabelInfo info;
        info.name = structure.name + QStringLiteral(" (SEG)");
        info.rgb = structure.rgb;
        info.hasColour = true;
        map.labels = {info};
        expected.insert(info.name, std::count(map.volume.voxels().begin(), map.volume.voxels().end(), 1));
        segments << map;
    }
    auto source = dicom::DicomSourceSeries::fromFiles(patient.files.ctFiles, patient.ct.geometry());
    QVERIFY(source.ok());
    const auto segWritten = dicom::SegWriter::write(folder + QStringLiteral("/seg.dcm"), segments, source.value());
    QVERIFY2(segWritten.ok(), qPrintable(segWritten.ok() ? QString() : segWritten.error().message()));

    QSignalSpy surfaces(window_.get(), &ui::MainWindow::surfacesReady);
    window_->openDicomFolder(folder, scratch + QStringLiteral("/index.sqlite"));
    QVERIFY(surfaces.wait(120000));
    QCOMPARE(surfaces.first().first().toInt(), 2);
    const imaging::Segmentation *segmentation = window_->segmentationController()->segmentation();
    QCOMPARE(segmentation->segments().size(), 2);
    for (const imaging::Segment &segment : segmentation->segments()) {
        QVERIFY2(expected.contains(segment.name), qPrintable(segment.name));
        QCOMPARE(std::count(segmentation->labels().voxels().begin(), segmentation->labels().voxels().end(), segment.value),
                 expected.value(segment.name));
    }
}

#include "TestDicomBrowser.moc"
