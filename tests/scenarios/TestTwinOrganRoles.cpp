// TwinOrganRoles: structure names to roles (tumour, lung, heart, rectum, parotid) as documented
// in TwinOrganRoles.h, and the combination of left and right organs: volumes add and the DVH
// is the volume-weighted merge (checked against a mean dose computed by hand).

#include "TestMain.h"

#include "twin/simulation/TwinOrganRoles.h"

#include <cmath>

using namespace twin::simulation;
using Side = TwinOrganRoles::Side;

namespace {

double meanDose(const twin::sim_api::Table &t) {
    double sum = 0.0, weight = 0.0;
    for (std::size_t i = 0; i < t.x.size(); ++i) {
        sum += t.x[i] * t.y[i];
        weight += t.y[i];
    }
    return sum / weight;
}

}  // namespace

class TestTwinOrganRoles : public twin::test::StrictTestCase {
    Q_OBJECT
private slots:
    void classifiesNames_data();
    void classifiesNames();
    void combinesLeftAndRight();
    void prefersTheWholeOrganAndTheLargestTumour();
};

void TestTwinOrganRoles::classifiesNames_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("side");
    QTest::newRow("GTV") << "GTV"
                         << "tumour" << int(Side::None);
    QTest::newRow("GTVp") << "GTVp"
                          << "tumour" << int(Side::None);
    QTest::newRow("tumor") << "Primary tumor"
                           << "tumour" << int(Side::None);
    QTest::newRow("lesion") << "Lesion_2"
                            << "tumour" << int(Side::None);
    QTest::newRow("Lungs") << "Lungs"
                           << "lung" << int(Side::Both);
    QTest::newRow("Lung total") << "Lung Total"
                                << "lung" << int(Side::Both);
    QTest::newRow("Lungs-GTV") << "Lungs-GTV"
                               << "lung" << int(Side::MinusGtv);
    QTest::newRow("Lung_L") << "Lung_L"
                            << "lung" << int(Side::Left);
    QTest::newRow("Left Lung") << "Left Lung"
                               << "lung" << int(Side::Left);
    QTest::newRow("Lung_R") << "Lung_R"
                            << "lung" << int(Side::Right);
    QTest::newRow("Heart") << "HEART"
                           << "heart" << int(Side::None);
    QTest::newRow("Rectum") << "Rectum"
                            << "rectum" << int(Side::None);
    QTest::newRow("Parotid_L") << "Parotid_L"
                               << "parotid" << int(Side::Left);
    QTest::newRow("Parotid Rt") << "Parotid Rt"
                                << "parotid" << int(Side::Right);
    QTest::newRow("Parotids") << "Parotids"
                              << "parotid" << int(Side::Both);
    QTest::newRow("PTV") << "PTV"
                         << "" << int(Side::None);
    QTest::newRow("cord") << "SpinalCord"
                          << "" << int(Side::None);
    QTest::newRow("lung nodule ring") << "Lungring"
                                      << "" << int(Side::None);
}

void TestTwinOrganRoles::classifiesNames() {
    QFETCH(QString, name);
    QFETCH(QString, role);
    QFETCH(int, side);
    const TwinOrganRoles::Match m = TwinOrganRoles::classify(name);
    QCOMPARE(m.role, role);
    if (!role.isEmpty()) QCOMPARE(int(m.side), side);
}

void TestTwinOrganRoles::combinesLeftAndRight() {
    // Left 1000 mL: half at 5 Gy, half at 15 Gy (mean 10). Right 3000 mL: all at 20 Gy.
    // Combined mean dose by hand: (1000 x 10 + 3000 x 20) / 4000 = 17.5 Gy.
    const std::vector<TwinStructure> structures{
        {QStringLiteral("Lung_L"), 1000.0, {{5.0, 15.0}, {0.5, 0.5}}, QStringLiteral("rs.dcm")},
        {QStringLiteral("Lung_R"), 3000.0, {{20.0}, {1.0}}, QStringLiteral("rs.dcm")},
        {QStringLiteral("PTV"), 200.0, {{60.0}, {1.0}}, QStringLiteral("rs.dcm")},
    };
    QStringList notes;
    const auto organs = TwinOrganRoles::assign(structures, &notes);
    QCOMPARE(organs.size(), std::size_t(1));
    const TwinOrgan &lung = organs.at(QStringLiteral("lung"));
    QCOMPARE(lung.structures, QStringList({"Lung_L", "Lung_R"}));
    QCOMPARE(lung.volumeMl->value, 4000.0);
    QVERIFY(lung.volumeMl->provenance.contains(QStringLiteral("Lung_L + Lung_R")));
    QCOMPARE(lung.dvh.x, std::vector<double>({5.0, 15.0, 20.0}));
    QVERIFY(std::abs(meanDose(lung.dvh) - 17.5) < 1e-12);
    double sum = 0.0;
    for (double y : lung.dvh.y) sum += y;
    QVERIFY(std::abs(sum - 1.0) < 1e-12);
    QVERIFY(notes.join(' ').contains(QStringLiteral("combined")));
}

void TestTwinOrganRoles::prefersTheWholeOrganAndTheLargestTumour() {
    const std::vector<TwinStructure> structures{
        {QStringLiteral("Lung_L"), 1000.0, {}, {}},    {QStringLiteral("Lungs"), 2500.0, {}, {}},
        {QStringLiteral("Lungs-GTV"), 2400.0, {}, {}}, {QStringLiteral("GTV_2"), 3.0, {}, {}},
        {QStringLiteral("GTV"), 40.0, {}, {}},         {QStringLiteral("Parotid_R"), 25.0, {}, {}}};
    QStringList notes;
    const auto organs = TwinOrganRoles::assign(structures, &notes);
    QCOMPARE(organs.at(QStringLiteral("lung")).structures, QStringList({"Lungs-GTV"}));
    QCOMPARE(organs.at(QStringLiteral("tumour")).structures, QStringList({"GTV"}));
    QCOMPARE(organs.at(QStringLiteral("tumour")).volumeMl->value, 40.0);
    QCOMPARE(organs.at(QStringLiteral("parotid")).volumeMl->value, 25.0);  // a single gland as it is
    QVERIFY(organs.at(QStringLiteral("lung")).dvh.empty());
}

DIDYMOS_TEST_MAIN(TestTwinOrganRoles)
#include "TestTwinOrganRoles.moc"
