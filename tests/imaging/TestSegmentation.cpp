// Segmentation model: edits are undo steps that store only the changed voxels; undo/redo give
// back the exact labelmap; segment add/remove/rename undo; import keeps the smaller of two
// overlapping structures; labelsChanged names the labels and box that changed.

#include "TestMain.h"
#include "twin/imaging/Segmentation.h"
#include "twin/imaging/SegmentationTools.h"

#include <QSignalSpy>

using namespace twin;
using imaging::PaintMode;
using imaging::Segmentation;

namespace {

core::VolumeGeometry grid(int nx, int ny, int nz) {
    core::VolumeGeometry g;
    g.dimensions = {nx, ny, nz};
    return g;
}

core::LabelMap boxStructure(const core::VolumeGeometry &g, const QString &name, std::array<int, 3> lo, std::array<int, 3> hi) {
    core::LabelMap map{core::ScalarVolume(g), {}};
    core::LabelInfo info;
    info.name = name;
    info.rgb = {10, 20, 30};
    map.labels.push_back(info);
    for (int k = lo[2]; k <= hi[2]; ++k)
        for (int j = lo[1]; j <= hi[1]; ++j)
            for (int i = lo[0]; i <= hi[0]; ++i) map.volume.at(i, j, k) = 1;
    return map;
}

}  // namespace

class TestSegmentation : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void editUndoRedoRestoresExactly() {
        Segmentation segmentation(grid(40, 30, 20));
        const int liver = segmentation.addSegment(QStringLiteral("Liver"), {200, 100, 50});
        const int tumour = segmentation.addSegment(QStringLiteral("Tumour"), {255, 0, 0});
        QCOMPARE(liver, 1);
        QCOMPARE(tumour, 2);
        const core::VolumeGeometry &g = segmentation.labels().geometry();
        QVERIFY(segmentation.apply(imaging::SegmentationTools::brush(g, {20, 15, 10}, 6.0, imaging::BrushShape::Sphere, liver)));
        const std::vector<std::int16_t> afterLiver = segmentation.labels().voxels();
        QVERIFY(segmentation.apply(imaging::SegmentationTools::brush(g, {24, 15, 10}, 3.0, imaging::BrushShape::Sphere, tumour)));
        const std::vector<std::int16_t> afterTumour = segmentation.labels().voxels();
        QVERIFY(afterTumour != afterLiver);
        QCOMPARE(segmentation.undoStack().count(), 4);  // two segments, two strokes

        segmentation.undoStack().undo();
        QCOMPARE(segmentation.labels().voxels(), afterLiver);
        segmentation.undoStack().undo();
        QVERIFY(std::all_of(segmentation.labels().voxels().begin(), segmentation.labels().voxels().end(),
                            [](std::int16_t v) { return v == 0; }));
        segmentation.undoStack().redo();
        segmentation.undoStack().redo();
        QCOMPARE(segmentation.labels().voxels(), afterTumour);
    }

    void editStoresOnlyTheChangedVoxels() {
        Segmentation segmentation(grid(256, 256, 100));  // 13 MB of labels
        const int value = segmentation.addSegment(QStringLiteral("Lesion"), {255, 0, 0});
        const auto stroke = imaging::SegmentationTools::brush(segmentation.labels().geometry(), {128, 128, 50}, 4.0,
                                                              imaging::BrushShape::Sphere, value);
        const auto delta = imaging::LabelmapDelta::fromMask(segmentation.labels(), stroke.mask, value, PaintMode::Overwrite);
        QCOMPARE(delta.changedVoxels(), std::int64_t(std::count(stroke.mask.begin(), stroke.mask.end(), 1)));
        QVERIFY2(delta.memoryBytes() < 4096, qPrintable(QString::number(delta.memoryBytes())));
        QCOMPARE(delta.box().lo, (std::array<int, 3>{124, 124, 46}));
        QCOMPARE(delta.box().hi, (std::array<int, 3>{132, 132, 54}));
        QCOMPARE(delta.touchedLabels(), QList<int>{value});
        // The brush's own box gives the same change without scanning the volume.
        QCOMPARE(stroke.within.lo, delta.box().lo);
        QCOMPARE(stroke.within.hi, delta.box().hi);
        const auto boxed = imaging::LabelmapDelta::fromMask(segmentation.labels(), stroke.mask, value, PaintMode::Overwrite, stroke.within);
        QCOMPARE(boxed.changedVoxels(), delta.changedVoxels());
        QCOMPARE(boxed.box().lo, delta.box().lo);
    }

    void paintModes() {
        Segmentation segmentation(grid(10, 1, 1));
        const int a = segmentation.addSegment(QStringLiteral("A"), {1, 1, 1});
        const int b = segmentation.addSegment(QStringLiteral("B"), {2, 2, 2});
        imaging::VolumeMask left(10), right(10);
        for (int i = 0; i < 6; ++i) left[i] = 1;
        for (int i = 4; i < 10; ++i) right[i] = 1;
        QVERIFY(segmentation.edit(QStringLiteral("A"), left, a, PaintMode::Overwrite));
        QVERIFY(segmentation.edit(QStringLiteral("B"), right, b, PaintMode::BackgroundOnly));
        QCOMPARE(segmentation.labels().voxels(), (std::vector<std::int16_t>{1, 1, 1, 1, 1, 1, 2, 2, 2, 2}));
        QVERIFY(segmentation.edit(QStringLiteral("B over"), right, b, PaintMode::Overwrite));
        QCOMPARE(segmentation.labels().voxels(), (std::vector<std::int16_t>{1, 1, 1, 1, 2, 2, 2, 2, 2, 2}));
        QVERIFY(segmentation.edit(QStringLiteral("erase A"), right, a, PaintMode::Erase) == false);  // no A there
        QVERIFY(segmentation.edit(QStringLiteral("erase B"), left, b, PaintMode::Erase));
        QCOMPARE(segmentation.labels().voxels(), (std::vector<std::int16_t>{1, 1, 1, 1, 0, 0, 2, 2, 2, 2}));
        QVERIFY(!segmentation.edit(QStringLiteral("no such segment"), left, 9, PaintMode::Overwrite));
    }

    void segmentAddRemoveRenameUndo() {
        Segmentation segmentation(grid(8, 8, 8));
        QSignalSpy segmentsChanged(&segmentation, &Segmentation::segmentsChanged);
        const int a = segmentation.addSegment(QStringLiteral("Heart"), {200, 0, 0});
        QVERIFY(segmentation.apply(imaging::SegmentationTools::brush(segmentation.labels().geometry(), {4, 4, 4}, 2.0,
                                                                     imaging::BrushShape::Sphere, a)));
        const auto painted = segmentation.labels().voxels();
        segmentation.renameSegment(a, QStringLiteral("Heart (edited)"));
        QCOMPARE(segmentation.segment(a)->name, QStringLiteral("Heart (edited)"));
        segmentation.removeSegment(a);
        QVERIFY(segmentation.segment(a) == nullptr);
        QCOMPARE(std::count(segmentation.labels().voxels().begin(), segmentation.labels().voxels().end(), a), std::ptrdiff_t(0));
        segmentation.undoStack().undo();  // removal
        QCOMPARE(segmentation.segment(a)->name, QStringLiteral("Heart (edited)"));
        QCOMPARE(segmentation.labels().voxels(), painted);
        segmentation.undoStack().undo();  // rename
        QCOMPARE(segmentation.segment(a)->name, QStringLiteral("Heart"));
        QCOMPARE(segmentation.undoStack().undoText(), QStringLiteral("Paint sphere (2 mm)"));
        QVERIFY(segmentsChanged.count() >= 4);
    }

    void labelsChangedNamesLabelsAndBox() {
        Segmentation segmentation(grid(20, 20, 20));
        const int a = segmentation.addSegment(QStringLiteral("A"), {1, 1, 1});
        QSignalSpy changed(&segmentation, &Segmentation::labelsChanged);
        QVERIFY(segmentation.apply(imaging::SegmentationTools::brush(segmentation.labels().geometry(), {5, 6, 7}, 1.0,
                                                                     imaging::BrushShape::Disc, a)));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QList<int>>(), QList<int>{a});
        const auto box = changed.at(0).at(1).value<imaging::IndexBox>();
        QCOMPARE(box.lo, (std::array<int, 3>{4, 5, 7}));
        QCOMPARE(box.hi, (std::array<int, 3>{6, 7, 7}));
        segmentation.undoStack().undo();
        QCOMPARE(changed.count(), 2);
    }

    void importKeepsTheSmallerOfOverlappingStructures() {
        const core::VolumeGeometry g = grid(20, 20, 20);
        Segmentation segmentation(g);
        const QList<core::LabelMap> structures{boxStructure(g, QStringLiteral("GTV"), {8, 8, 8}, {10, 10, 10}),
                                               boxStructure(g, QStringLiteral("PTV"), {5, 5, 5}, {13, 13, 13})};
        QVERIFY(segmentation.importStructures(structures).ok());
        QCOMPARE(segmentation.segments().size(), 2);
        const imaging::Segment &ptv = segmentation.segments()[0];
        const imaging::Segment &gtv = segmentation.segments()[1];
        QCOMPARE(ptv.name, QStringLiteral("PTV"));  // the larger is painted first
        QCOMPARE(gtv.name, QStringLiteral("GTV"));
        QCOMPARE(segmentation.labels().at(9, 9, 9), std::int16_t(gtv.value));
        QCOMPARE(segmentation.labels().at(5, 5, 5), std::int16_t(ptv.value));
        QCOMPARE(std::count(segmentation.labels().voxels().begin(), segmentation.labels().voxels().end(), gtv.value), std::ptrdiff_t(27));
        QCOMPARE(segmentation.undoStack().count(), 0);  // the starting state, not an edit

        Segmentation other(grid(21, 20, 20));
        const auto refused = other.importStructures(structures);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message().contains(QStringLiteral("GTV")));
    }
};

DIDYMOS_TEST_MAIN(TestSegmentation)
#include "TestSegmentation.moc"
