// CT presets on the demo phantom, against its own analytic structures: body, lungs and bones
// found by threshold + connectivity overlap the phantom's labels (Dice), and the lungs come
// out as two components, the bones without noise specks.

#include "TestMain.h"
#include "twin/imaging/ConnectedComponents.h"
#include "twin/imaging/CtPresets.h"
#include "twin/phantom/DemoPatientGenerator.h"

using namespace twin;

namespace {

double dice(const imaging::VolumeMask &found, const std::vector<bool> &truth) {
    std::int64_t both = 0, a = 0, b = 0;
    for (std::size_t v = 0; v < found.size(); ++v) {
        a += found[v];
        b += truth[v];
        both += found[v] && truth[v];
    }
    return a + b == 0 ? 0.0 : 2.0 * both / double(a + b);
}

std::vector<bool> truthOf(const phantom::DemoPatient &patient, const QStringList &names) {
    QList<int> values;
    for (const auto &s : patient.structures)
        if (names.contains(s.name)) values.push_back(s.label);
    std::vector<bool> truth(patient.labels.voxels().size());
    for (std::size_t v = 0; v < truth.size(); ++v) truth[v] = values.contains(patient.labels.voxels()[v]);
    return truth;
}

}  // namespace

class TestCtPresets : public test::StrictTestCase {
    Q_OBJECT
    phantom::DemoPatient patient_;

private slots:
    void initTestCase() {
        phantom::PhantomOptions options;
        options.columns = options.rows = 256;
        options.pixelSpacingMm = 1.8;
        options.slices = 100;
        options.sliceThicknessMm = 3.0;
        auto built = phantom::DemoPatientGenerator::build(options);
        QVERIFY2(built.ok(), qPrintable(built.ok() ? QString() : built.error().message()));
        patient_ = std::move(built.value());
    }

    void bodyIsTheWholePatient() {
        auto body = imaging::CtPresets::body(patient_.ct);
        QVERIFY(body.ok());
        std::vector<bool> inside(patient_.labels.voxels().size());
        for (std::size_t v = 0; v < inside.size(); ++v) inside[v] = patient_.labels.voxels()[v] != 0;
        const double d = dice(body.value(), inside);
        QVERIFY2(d > 0.97, qPrintable(QString::number(d)));
    }

    void lungsAreTwoAndMatchThePhantom() {
        auto lungs = imaging::CtPresets::lungs(patient_.ct);
        QVERIFY(lungs.ok());
        const double d = dice(lungs.value(), truthOf(patient_, {QStringLiteral("Lung_R"), QStringLiteral("Lung_L")}));
        QVERIFY2(d > 0.95, qPrintable(QString::number(d)));
        auto components = imaging::ConnectedComponents::label(
            lungs.value().data(), {patient_.ct.dimension(0), patient_.ct.dimension(1), patient_.ct.dimension(2)});
        QCOMPARE(components.value().componentCount(), 2);
    }

    void bonesAreTheSpineWithoutSpecks() {
        auto bones = imaging::CtPresets::bones(patient_.ct);
        QVERIFY(bones.ok());
        const double d = dice(bones.value(), truthOf(patient_, {QStringLiteral("Spine")}));
        QVERIFY2(d > 0.9, qPrintable(QString::number(d)));
        auto components = imaging::ConnectedComponents::label(
            bones.value().data(), {patient_.ct.dimension(0), patient_.ct.dimension(1), patient_.ct.dimension(2)});
        const double smallest = components.value().sizes().back() * patient_.ct.geometry().voxelVolumeMm3() / 1000.0;
        QVERIFY2(smallest >= 0.5, qPrintable(QString::number(smallest)));
    }

    void cancelled() {
        core::JobContext context;
        context.requestCancel();
        QCOMPARE(imaging::CtPresets::lungs(patient_.ct, &context).error().code(), core::Error::Code::Cancelled);
    }
};

DIDYMOS_TEST_MAIN(TestCtPresets)
#include "TestCtPresets.moc"
