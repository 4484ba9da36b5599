// The project's demo patient written as DICOM by twin::phantom and read back by
// SeriesVolumeLoader: the CT equals the generator's in-memory volume voxel for voxel, with the
// same geometry, whatever the order the files are given in.

#include "TestMain.h"

#include "twin/dicom/DicomFileProbe.h"
#include "twin/dicom/SeriesVolumeLoader.h"
#include "twin/phantom/DemoPatientGenerator.h"

#include <QSet>

#include <algorithm>
#include <random>

using twin::dicom::SeriesVolumeLoader;

class TestSeriesDemoPatientRoundTrip : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void loadedCtEqualsGeneratedCt();
};

void TestSeriesDemoPatientRoundTrip::loadedCtEqualsGeneratedCt() {
    const QString dir = twin::test::scratchDir(QStringLiteral("series-demo")) + QStringLiteral("/demo");
    const auto patient = twin::phantom::DemoPatientGenerator::generate(dir, {48, 40, 24, 7.5, 5.0});
    QVERIFY2(patient.ok(), qPrintable(patient.error().message()));
    QStringList files = patient.value().files.ctFiles;
    QCOMPARE(files.size(), 24);
    std::shuffle(files.begin(), files.end(), std::mt19937(42));

    twin::core::JobContext context;
    const auto loaded = SeriesVolumeLoader::loadSeries(files, {}, &context);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message()));
    QCOMPARE(context.progress(), 1.0);
    QVERIFY(loaded.value().findings.isEmpty());
    const auto &expected = patient.value().ct;
    const auto &actual = loaded.value().volume();
    const auto &e = expected.geometry();
    const auto &a = actual.geometry();
    QCOMPARE(a.dimensions, e.dimensions);
    for (int axis = 0; axis < 3; ++axis) {
        QVERIFY(std::fabs(a.spacingMm[axis] - e.spacingMm[axis]) < 1e-4);
        QVERIFY(std::fabs(a.originMm[axis] - e.originMm[axis]) < 1e-4);
        QVERIFY(std::fabs(a.rowDirection[axis] - e.rowDirection[axis]) < 1e-9);
        QVERIFY(std::fabs(a.columnDirection[axis] - e.columnDirection[axis]) < 1e-9);
        QVERIFY(std::fabs(a.sliceDirection[axis] - e.sliceDirection[axis]) < 1e-9);
    }
    QVERIFY(actual.hasIdentityValueMapping());
    QVERIFY(actual.voxels() == expected.voxels());
    QCOMPARE(loaded.value().modality, QStringLiteral("CT"));
    QCOMPARE(loaded.value().seriesInstanceUid, patient.value().identity.ctSeriesInstanceUid);
    QCOMPARE(loaded.value().studyInstanceUid, patient.value().identity.studyInstanceUid);
    QCOMPARE(loaded.value().frameOfReferenceUid, patient.value().identity.frameOfReferenceUid);
    QVERIFY(!loaded.value().frameOfReferenceUid.isEmpty());

    // One SOPInstanceUID per slice, in slice order: ct/CT_0000.dcm is slice 0 (the generator's
    // file order), whatever order the files were given in.
    const QStringList &sops = loaded.value().sliceSopInstanceUids;
    QCOMPARE(sops.size(), e.dimensions[2]);
    QStringList ordered = patient.value().files.ctFiles;
    std::sort(ordered.begin(), ordered.end());
    for (int k = 0; k < sops.size(); ++k) {
        const auto header = twin::dicom::DicomFileProbe::read(ordered[k]);
        QVERIFY2(header.ok(), qPrintable(header.error().message()));
        QCOMPARE(sops[k], header.value().sopInstanceUid);
    }
    QCOMPARE(QSet<QString>(sops.begin(), sops.end()).size(), sops.size());
}

DIDYMOS_TEST_MAIN(TestSeriesDemoPatientRoundTrip)
#include "TestSeriesDemoPatientRoundTrip.moc"
