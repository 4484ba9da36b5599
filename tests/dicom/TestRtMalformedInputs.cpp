// Every RT reader over every file of dicom/dicom-malformed: no crash, and each failure names
// the file (and a tag where the fault is in one).

#include "TestMain.h"
#include "TestData.h"

#include "twin/dicom/RtDoseReader.h"
#include "twin/dicom/RtPlanReader.h"
#include "twin/dicom/RtStructRasterizer.h"
#include "twin/dicom/RtStructReader.h"

#include <QDirIterator>

using namespace twin::dicom;

class TestRtMalformedInputs : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void everyReaderFailsCleanly();
};

void TestRtMalformedInputs::everyReaderFailsCleanly() {
    DIDYMOS_REQUIRE_TEST_DATA(root, "dicom/dicom-malformed");
    QStringList files;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.endsWith(QLatin1String(".txt")) && !path.endsWith(QLatin1String(".dump"))) files << path;
    }
    files.sort();
    QVERIFY(files.size() >= 20);
    twin::core::VolumeGeometry grid;
    grid.dimensions = {16, 16, 4};
    for (const QString &path : files) {
        const auto set = RtStructReader::read(path);
        if (set.ok()) {
            (void)RtStructRasterizer::rasterize(set.value(), {grid, {}, {}});
        } else {
            QCOMPARE(set.error().file(), path);
        }
        const auto dose = RtDoseReader::read(path);
        if (!dose.ok()) QCOMPARE(dose.error().file(), path);
        const auto plan = RtPlanReader::read(path);
        if (!plan.ok()) QCOMPARE(plan.error().file(), path);
        qInfo("%s\n  RTSTRUCT: %s\n  RTDOSE:   %s\n  RTPLAN:   %s", qPrintable(path.mid(root.size() + 1)),
              set.ok() ? "read" : qPrintable(set.error().message().mid(path.size() + 2)),
              dose.ok() ? "read" : qPrintable(dose.error().message().mid(path.size() + 2)),
              plan.ok() ? "read" : qPrintable(plan.error().message().mid(path.size() + 2)));
    }
}

DIDYMOS_TEST_MAIN(TestRtMalformedInputs)
#include "TestRtMalformedInputs.moc"
