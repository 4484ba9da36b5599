// The Dose dock on the phantom in real views (Xvfb): the colourwash, legend and isodose lines
// appear in the slice through the tumour, isodose surfaces in 3D; the DVH metrics of each
// segment equal those computed here from the dose grid directly; levels in % follow the
// prescription and bad levels are a clear message; CSV export writes one table per segment.
// Writes a screenshot of views + panel.

#include "RenderTestMain.h"
#include "TestData.h"
#include "twin/imaging/Segmentation.h"
#include "twin/phantom/DemoPatientGenerator.h"
#include "twin/ui/DosePanel.h"
#include "twin/ui/DvhChart.h"
#include "twin/ui/PatientSceneController.h"
#include "twin/ui/SegmentationController.h"
#include "twin/ui/ViewGrid.h"
#include "twin/ui/VtkOpenGLView.h"
#include "twin/visualization/SliceViewScene.h"
#include "twin/visualization/VolumeOverviewScene.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>

#include <cmath>

using namespace twin;

class TestDosePanel : public test::StrictTestCase {
    Q_OBJECT
    std::shared_ptr<phantom::DemoPatient> patient_;
    std::shared_ptr<core::FloatVolume> doseGy_;
    std::unique_ptr<QWidget> window_;
    ui::ViewGrid *grid_ = nullptr;
    std::unique_ptr<ui::PatientSceneController> scene_;
    std::unique_ptr<ui::SegmentationController> segmentation_;
    ui::DosePanel *panel_ = nullptr;

    const phantom::PhantomStructure &structure(const QString &name) const {
        for (const auto &s : patient_->structures)
            if (s.name == name) return s;
        return patient_->structures.front();
    }

private slots:
    void initTestCase() {
        phantom::PhantomOptions options;
        options.columns = options.rows = 256;
        options.pixelSpacingMm = 460.0 / 256;
        auto built = phantom::DemoPatientGenerator::build(options);
        QVERIFY(built.ok());
        patient_ = std::make_shared<phantom::DemoPatient>(std::move(built).value());
        doseGy_ = std::make_shared<core::FloatVolume>(patient_->doseCgy.geometry());
        for (std::size_t v = 0; v < doseGy_->values().size(); ++v) doseGy_->values()[v] = patient_->doseCgy.voxels()[v] / 100.0f;

        window_ = std::make_unique<QWidget>();
        auto *layout = new QHBoxLayout(window_.get());  // owned by the window
        grid_ = new ui::ViewGrid(window_.get());
        scene_ = std::make_unique<ui::PatientSceneController>(grid_);
        segmentation_ = std::make_unique<ui::SegmentationController>(scene_.get());
        panel_ = new ui::DosePanel(scene_.get(), segmentation_.get(), window_.get());
        layout->addWidget(grid_, 3);
        layout->addWidget(panel_, 2);
        window_->resize(1500, 850);
        window_->show();
        scene_->showVolume(patient_->ct);
        imaging::Segmentation *segmentation = segmentation_->reset(patient_->ct.geometry());
        QList<core::LabelMap> masks;  // each phantom label as a structure, as an RTSTRUCT import gives them
        for (const auto &s : patient_->structures) {
            core::LabelMap mask{core::ScalarVolume(patient_->ct.geometry()), {}};
            for (std::size_t v = 0; v < mask.volume.voxels().size(); ++v) mask.volume.voxels()[v] = patient_->labels.voxels()[v] == s.label;
            core::LabelInfo info;
            info.name = s.name;
            info.rgb = s.rgb;
            mask.labels = {info};
            masks << mask;
        }
        QVERIFY(segmentation->importStructures(masks).ok());
        QSignalSpy dvh(panel_, &ui::DosePanel::dvhReady);
        panel_->setDose(doseGy_, patient_->prescriptionGy);
        QVERIFY(dvh.wait(60000));
    }

    void cleanupTestCase() {
        panel_ = nullptr;
        segmentation_.reset();
        scene_.reset();
        window_.reset();
    }

    void colourwashLinesAndLegendThroughTheTumour() {
        scene_->setCursor(structure(QStringLiteral("GTV")).interiorPointMm);
        for (int view = 0; view < 3; ++view) {
            visualization::DoseOverlay &dose = scene_->sliceScene(view)->doseOverlay();
            QVERIFY(dose.isVisible());
            QVERIFY2(dose.lineCount() > 20, qPrintable(QStringLiteral("view %1: %2 isodose segments").arg(view).arg(dose.lineCount())));
        }
        QVERIFY(scene_->overviewScene()->isodoseActor() != nullptr);
        QCOMPARE(panel_->levelsGy(), (std::vector<double>{60.0, 57.0, 48.0, 30.0, 18.0}));  // 100/95/80/50/30 % of 60 Gy
        // Far from the target, no isodose line at the highest levels crosses the slice.
        QVERIFY(panel_->setLevels(QStringLiteral("100%")));
        scene_->setCursor(structure(QStringLiteral("Kidney_L")).interiorPointMm);
        QCOMPARE(scene_->sliceScene(0)->doseOverlay().lineCount(), 0LL);
        QVERIFY(!panel_->setLevels(QStringLiteral("95%, plenty")));
        QVERIFY(panel_->message()->text().contains(QStringLiteral("plenty")));
        QVERIFY(panel_->setLevels(QStringLiteral("100%, 95%, 80%, 50%, 30%")));
    }

    void dvhMetricsMatchTheDoseGrid() {
        for (const QString name : {QStringLiteral("GTV"), QStringLiteral("Lung_R"), QStringLiteral("Heart")}) {
            const int label = structure(name).label;
            std::vector<double> doses;
            for (std::size_t v = 0; v < patient_->labels.voxels().size(); ++v)
                if (patient_->labels.voxels()[v] == label) doses.push_back(doseGy_->values()[v]);
            std::sort(doses.begin(), doses.end());
            double mean = 0;
            for (double d : doses) mean += d;
            mean /= double(doses.size());
            const double d95 = doses[doses.size() - std::size_t(std::ceil(0.95 * double(doses.size())))];
            int value = 0;
            for (const imaging::Segment &s : segmentation_->segmentation()->segments())
                if (s.name == name) value = s.value;
            const auto found = panel_->histograms().find(value);
            QVERIFY2(found != panel_->histograms().end(), qPrintable(name));
            QVERIFY2(std::abs(found->second.meanGy() - mean) < 0.01, qPrintable(QStringLiteral("%1: %2 vs %3").arg(name).arg(found->second.meanGy()).arg(mean)));
            QVERIFY(std::abs(found->second.doseAtVolumePercent(95) - d95) < 0.01);
            QCOMPARE(found->second.maxGy(), doses.back());
        }
        QCOMPARE(panel_->metricsTable()->rowCount(), int(panel_->histograms().size()));
        QCOMPARE(panel_->chart()->plotCount(), int(panel_->histograms().size()));
    }

    void csvExportWritesOneTablePerSegment() {
        const QString dir = test::scratchDir(QStringLiteral("dose-panel")) + QStringLiteral("/dvh");
        QDir(dir).removeRecursively();
        QVERIFY(panel_->exportCsv(dir));
        QCOMPARE(QDir(dir).entryList({QStringLiteral("dvh_*.csv")}, QDir::Files).size(), qsizetype(panel_->histograms().size()));
        QFile gtv(dir + QStringLiteral("/dvh_GTV.csv"));
        QVERIFY(gtv.open(QIODevice::ReadOnly));
        QVERIFY(gtv.readLine().startsWith("dose_gy"));
    }

    void screenshotOfTheDoseDock() {
        scene_->setCursor(structure(QStringLiteral("GTV")).interiorPointMm);
        QTest::qWait(300);
        const QString path = test::scratchDir(QStringLiteral("dose-panel")) + QStringLiteral("/dose-panel.png");
        QVERIFY(window_->grab().save(path, "PNG"));
        qInfo("screenshot: %s", qPrintable(path));
    }
};

DIDYMOS_VTK_TEST_MAIN(TestDosePanel)
#include "TestDosePanel.moc"
