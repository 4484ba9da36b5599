// TwinInputs and TwinInputsBinder with the app-layer binding of the EHR (SimulateCaseLoader):
// covariates of the demo patient's FHIR bundle fill the models' "covariate:" parameters with
// provenance (values checked against Mosteller 1987 and Cockcroft & Gault 1976 computed here
// from the bundle's 165 cm, 68 kg, 65-year-old woman, serum creatinine 0.9 mg/dL); what the twin
// lacks keeps the model.json default, flagged as a population default naming the source and
// why; units convert (UCUM: 1 [lb_av] = 0.45359237 kg exactly); unconvertible ones do not.

#include "ScenarioTestSupport.h"
#include "TestMain.h"

#include "SimulateCaseLoader.h"
#include "twin/ehr/CovariateCalculator.h"
#include "twin/ehr/EhrImporter.h"
#include "twin/phantom/DemoPatientGenerator.h"
#include "twin/simulation/TwinInputsBinder.h"

#include <QDir>
#include <QTimeZone>

#include <cmath>

using namespace twin;
using simulation::TwinFilledInput;

namespace {

const TwinFilledInput *entry(const std::vector<TwinFilledInput> &entries, const char *target) {
    for (const TwinFilledInput &e : entries)
        if (e.target == QLatin1String(target)) return &e;
    return nullptr;
}

}  // namespace

class TestTwinInputs : public test::StrictTestCase {
    Q_OBJECT
    simulation::PluginLoadResult plugins_;
    simulation::TwinInputs demo_;

private slots:
    void initTestCase();
    void covariatesFromTheDemoBundle();
    void modelParametersFilledWithProvenance();
    void missingValuesAreFlaggedDefaults();
    void unitsConvertOrFallBack();
    void doublingTimeFromTwoStudies();
};

void TestTwinInputs::initTestCase() {
    plugins_ = test::loadBuiltPlugins();
    QVERIFY2(plugins_.find(QStringLiteral("pk")) && plugins_.find(QStringLiteral("friberg")) &&
                 plugins_.find(QStringLiteral("tumour")),
             "built-in plugins pk, friberg, tumour not found");
    const QString dir = test::scratchDir(QStringLiteral("twin-inputs-demo"));
    phantom::PhantomOptions small;
    small.columns = small.rows = 64;
    small.pixelSpacingMm = 460.0 / 64;
    small.slices = 16;
    small.sliceThicknessMm = 300.0 / 16;
    const auto demo = phantom::DemoPatientGenerator::generate(dir, small);
    QVERIFY2(demo.ok(), qPrintable(demo.error().message()));
    const auto record = ehr::EhrImporter::import(demo.value().files.fhirBundlePath);
    QVERIFY2(record.ok(), qPrintable(record.error().message()));
    const QDateTime asOf(QDate(2024, 1, 22), QTime(12, 0), QTimeZone::utc());  // the plan date
    cli::SimulateCaseLoader::addCovariates(ehr::CovariateCalculator::compute(record.value(), asOf), demo_);
}

void TestTwinInputs::covariatesFromTheDemoBundle() {
    const double bsa = std::sqrt(165.0 * 68.0 / 3600.0);              // Mosteller
    const double crcl = (140.0 - 65.0) * 68.0 * 0.85 / (72.0 * 0.9);  // Cockcroft-Gault, female
    QVERIFY(demo_.covariates.count(QStringLiteral("bsa_m2")));
    QVERIFY(std::abs(demo_.covariates.at(QStringLiteral("bsa_m2")).value - bsa) < 1e-9);
    QCOMPARE(demo_.covariates.at(QStringLiteral("bsa_m2")).unit, QStringLiteral("m2"));
    QVERIFY(demo_.covariates.at(QStringLiteral("bsa_m2")).provenance.contains(QStringLiteral("Observation/")));
    QVERIFY(demo_.covariates.at(QStringLiteral("bsa_m2")).provenance.contains(QStringLiteral("Mosteller")));
    QVERIFY(std::abs(demo_.covariates.at(QStringLiteral("crcl_ml_min")).value - crcl) < 1e-6);
    QCOMPARE(demo_.covariates.at(QStringLiteral("anc_baseline")).value, 4.1);  // the pre-treatment ANC
    QCOMPARE(demo_.covariates.at(QStringLiteral("sex_male")).value, 0.0);
    QCOMPARE(demo_.covariates.at(QStringLiteral("weight_kg")).value, 68.0);
}

void TestTwinInputs::modelParametersFilledWithProvenance() {
    const auto pk =
        simulation::TwinInputsBinder::bind(*plugins_.find(QStringLiteral("pk"))->metadata, QStringLiteral("pk"), demo_);
    const TwinFilledInput *bsa = entry(pk, "bsa_m2");
    QVERIFY(bsa);
    QCOMPARE(bsa->origin, TwinFilledInput::Origin::Twin);
    QCOMPARE(bsa->source, QStringLiteral("covariate:bsa_m2"));
    QVERIFY(std::abs(bsa->value - std::sqrt(165.0 * 68.0 / 3600.0)) < 1e-9);
    QVERIFY(bsa->provenance.contains(QStringLiteral("Observation/")));
    const TwinFilledInput *crcl = entry(pk, "crcl_ml_min");
    QVERIFY(crcl && crcl->origin == TwinFilledInput::Origin::Twin);
    QCOMPARE(crcl->unit, QStringLiteral("mL/min"));
    const auto friberg = simulation::TwinInputsBinder::bind(*plugins_.find(QStringLiteral("friberg"))->metadata,
                                                            QStringLiteral("friberg"), demo_);
    const TwinFilledInput *circ0 = entry(friberg, "circ0");
    QVERIFY(circ0 && circ0->origin == TwinFilledInput::Origin::Twin);
    QCOMPARE(circ0->value, 4.1);
    QVERIFY(circ0->provenance.contains(QStringLiteral("751-8")) ||
            circ0->provenance.contains(QStringLiteral("Observation/")));
}

void TestTwinInputs::missingValuesAreFlaggedDefaults() {
    // The demo's EHR has no organ twin: the tumour's initial volume stays at its default.
    const auto tumour = simulation::TwinInputsBinder::bind(*plugins_.find(QStringLiteral("tumour"))->metadata,
                                                           QStringLiteral("tumour"), demo_);
    const TwinFilledInput *v0 = entry(tumour, "v0_ml");
    QVERIFY(v0);
    QVERIFY(v0->populationDefault());
    QCOMPARE(v0->source, QStringLiteral("organ:tumour:volumeMl"));
    QCOMPARE(v0->value, 50.0);  // model.json default
    QVERIFY(v0->note.contains(QStringLiteral("organ:tumour:volumeMl")));
    // A covariate the record cannot give says why (the EHR's note travels with it).
    simulation::TwinInputs noHeight;
    cli::SimulateCaseLoader::addCovariates(
        {ehr::Covariate::unknown(ehr::covariate_name::kBsa, QStringLiteral("needs height: no body height"))}, noHeight);
    const auto pk = simulation::TwinInputsBinder::bind(*plugins_.find(QStringLiteral("pk"))->metadata,
                                                       QStringLiteral("pk"), noHeight);
    const TwinFilledInput *bsa = entry(pk, "bsa_m2");
    QVERIFY(bsa && bsa->populationDefault());
    QCOMPARE(bsa->value, 1.8);
    QVERIFY2(bsa->note.contains(QStringLiteral("needs height")), qPrintable(bsa->note));
    QCOMPARE(TwinFilledInput::originName(bsa->origin), QStringLiteral("population default"));
}

void TestTwinInputs::unitsConvertOrFallBack() {
    const auto *glucose = plugins_.find(QStringLiteral("glucose_insulin"));
    if (!glucose) QSKIP("glucose_insulin plugin not built");
    simulation::TwinInputs inputs;
    inputs.covariates[QStringLiteral("weight_kg")] = {150.0, QStringLiteral("[lb_av]"), QStringLiteral("test")};
    auto entries = simulation::TwinInputsBinder::bind(*glucose->metadata, QStringLiteral("glucose_insulin"), inputs);
    const TwinFilledInput *weight = entry(entries, "weight_kg");
    QVERIFY(weight && weight->origin == TwinFilledInput::Origin::Twin);
    QVERIFY(std::abs(weight->value - 150.0 * 0.45359237) < 1e-9);
    inputs.covariates[QStringLiteral("weight_kg")] = {150.0, QStringLiteral("cm"), QStringLiteral("test")};
    entries = simulation::TwinInputsBinder::bind(*glucose->metadata, QStringLiteral("glucose_insulin"), inputs);
    weight = entry(entries, "weight_kg");
    QVERIFY(weight && weight->populationDefault());
    QVERIFY(weight->note.contains(QStringLiteral("does not convert")));
}


// Two CTs of the patient with a tumour that grew (a pre-treatment re-scan): the tumour's
// doubling time comes from the two GTV volumes (ln 2 * dt / ln(V1/V0), computed here from the
// course's own volumes), the organs from the earlier study; a tumour that shrank between the
// studies is a treatment response, so the population doubling time stays, flagged with why.
void TestTwinInputs::doublingTimeFromTwoStudies() {
    phantom::PhantomOptions grid;
    grid.columns = grid.rows = 128;
    grid.pixelSpacingMm = 460.0 / 128;
    grid.slices = 60;
    grid.sliceThicknessMm = 5.0;
    for (const double laterRadiusMm : {20.0, 12.5}) {
        const QString dir = test::scratchDir(QStringLiteral("twin-inputs-two-studies-%1").arg(laterRadiusMm));
        QVERIFY(phantom::DemoPatientGenerator::generate(dir, grid).ok());
        phantom::FollowUpOptions later;
        later.daysAfterPlanningCt = 60;
        later.tumourRadiusMm = laterRadiusMm;
        QVERIFY(phantom::DemoPatientGenerator::generateFollowUp(dir + QStringLiteral("/rescan"), later, grid).ok());
        const auto loaded = cli::SimulateCaseLoader::load(dir);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message()));
        const simulation::TwinInputs &inputs = loaded.value().inputs;
        QVERIFY(inputs.organs.count(QStringLiteral("tumour")));
        const simulation::TwinOrgan &tumour = inputs.organs.at(QStringLiteral("tumour"));
        const double v0 = tumour.volumeMl->value;  // the earlier (planning) study's GTV
        QVERIFY2(std::abs(v0 / (4.0 / 3.0 * M_PI * std::pow(17.5, 3) / 1000.0) - 1.0) < 0.05, qPrintable(QString::number(v0)));
        if (laterRadiusMm > 17.5) {
            QVERIFY2(tumour.doublingTimeDays.has_value(), qPrintable(inputs.whyMissing(QStringLiteral("organ:tumour:doublingTimeDays"))));
            // The phantom's spheres: V1/V0 = (20/17.5)^3 up to voxelisation (a few per cent).
            const double analytic = 60.0 * std::log(2.0) / (3.0 * std::log(20.0 / 17.5));
            QVERIFY2(std::abs(tumour.doublingTimeDays->value / analytic - 1.0) < 0.15,
                     qPrintable(QStringLiteral("%1 vs %2 d").arg(tumour.doublingTimeDays->value).arg(analytic)));
            QVERIFY(tumour.doublingTimeDays->provenance.contains(QStringLiteral("2 studies")));
        } else {
            QVERIFY(!tumour.doublingTimeDays.has_value());
            QVERIFY2(inputs.whyMissing(QStringLiteral("organ:tumour:doublingTimeDays")).contains(QStringLiteral("shrank")),
                     qPrintable(inputs.whyMissing(QStringLiteral("organ:tumour:doublingTimeDays"))));
        }
    }
}

DIDYMOS_TEST_MAIN(TestTwinInputs)
#include "TestTwinInputs.moc"
