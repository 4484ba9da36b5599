// SimulateCaseLoader: EHR + DICOM organ twin + RT plan -> simulation::TwinInputs.

#include "SimulateCaseLoader.h"

#include "OrganTwinAssembler.h"
#include "TumourCourseAssembler.h"

#include <optional>
#include "twin/dicom/DicomFileProbe.h"
#include "twin/dicom/RtPlanReader.h"
#include "twin/ehr/CovariateCalculator.h"
#include "twin/ehr/EhrImporter.h"
#include "twin/phantom/DemoPatientGenerator.h"
#include "twin/simulation/TwinOrganRoles.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QTimeZone>

namespace twin::cli {

namespace {

using simulation::TwinInputs;
using simulation::TwinValue;

constexpr double kDvhBinGy = 0.1;

/// Replaces the case root in `text` so provenance does not depend on where the case lies.
QString relative(QString text, const QString &root) {
    if (!root.isEmpty()) text.replace(root + QLatin1Char('/'), QString());
    return text;
}

bool hasEhrFiles(const QDir &dir) {
    return !dir.entryList({QStringLiteral("*.json"), QStringLiteral("*.ndjson"), QStringLiteral("patients.csv")},
                          QDir::Files)
                .isEmpty();
}

QDateTime newestObservation(const ehr::PatientRecord &record) {
    QDateTime newest;
    for (const ehr::ObservationRecord &o : record.observations)
        if (o.effective.isValid() && (!newest.isValid() || o.effective > newest)) newest = o.effective;
    return newest.isValid() ? QDateTime(newest.date(), QTime(23, 59, 59), QTimeZone::utc()) : QDateTime();
}

core::Status addOrgans(const QString &dicomDir, const QString &root, SimulateCase &c) {
    app::OrganTwinRequest request;
    request.dicomDir = dicomDir;
    request.keepStructure = [](const QString &name) {
        return !simulation::TwinOrganRoles::classify(name).role.isEmpty();
    };
    // Several studies of the patient: the organs come from the earliest (the planning study),
    // and the tumour's growth between the studies gives its doubling time when it grew (a
    // tumour that shrank between them shows the response to treatment, not its growth rate).
    std::optional<simulation::TwinValue> doublingTime;
    const QStringList studies = app::TumourCourseAssembler::studiesByDate({dicomDir});
    if (studies.size() >= 2) {
        request.studyInstanceUid = studies.first();
        const auto course = app::TumourCourseAssembler::assemble({{dicomDir}, {}});
        const std::optional<double> td = course.ok() ? course.value().course.volumeDoublingTimeDays() : std::nullopt;
        if (td && *td > 0.0) {
            const auto &points = course.value().course.points();
            doublingTime = simulation::TwinValue{*td, QStringLiteral("d"),
                                                 QStringLiteral("volume doubling time of %1 over %2 studies (%3 to %4)")
                                                     .arg(points.first().structureName)
                                                     .arg(points.size())
                                                     .arg(points.first().studyDate.toString(Qt::ISODate),
                                                          points.last().studyDate.toString(Qt::ISODate))};
        } else if (td) {
            c.inputs.missing[QStringLiteral("organ:tumour:doublingTimeDays")] =
                QStringLiteral("the tumour shrank between the studies (a treatment response, not a growth rate)");
        } else if (!course.ok()) {
            c.inputs.warnings << QStringLiteral("tumour course: %1").arg(relative(course.error().message(), root));
        }
    }
    const core::Result<app::OrganTwin> twin = app::OrganTwinAssembler::assemble(request);
    if (!twin.ok()) return twin.error();
    std::vector<simulation::TwinStructure> structures;
    const QString files =
        relative(twin.value().structuresPath, root) +
        (twin.value().dosePath.isEmpty() ? QString() : QStringLiteral(", ") + relative(twin.value().dosePath, root));
    for (const app::OrganTwinStructure &s : twin.value().structures) {
        simulation::TwinStructure structure{s.name, s.statistics.volumeMl, {}, files};
        if (s.dvh) {
            for (const imaging::DvhCurvePoint &p : s.dvh->differential(kDvhBinGy)) {
                if (p.volumePercent <= 0.0) continue;
                structure.dvh.x.push_back(p.doseGy + 0.5 * kDvhBinGy);
                structure.dvh.y.push_back(p.volumePercent / 100.0);
            }
        }
        structures.push_back(structure);
    }
    c.inputs.organs = simulation::TwinOrganRoles::assign(structures, &c.inputs.warnings);
    if (doublingTime && c.inputs.organs.count(QStringLiteral("tumour")))
        c.inputs.organs[QStringLiteral("tumour")].doublingTimeDays = doublingTime;
    for (const QString &w : twin.value().warnings) c.inputs.warnings << relative(w, root);
    if (!c.inputs.organs.count(QStringLiteral("tumour")))
        c.inputs.missing[QStringLiteral("organ:tumour:volumeMl")] =
            QStringLiteral("no structure named like a tumour (GTV, tumour, lesion)");
    if (twin.value().dosePath.isEmpty())
        for (const char *role : {"lung", "heart", "rectum", "parotid"})
            c.inputs.missing[QStringLiteral("organ:%1:dvh").arg(QLatin1String(role))] =
                QStringLiteral("no RT Dose in the DICOM folder");
    return {};
}

void addPlan(const QString &dicomDir, const QString &root, SimulateCase &c) {
    QStringList plans;
    QDirIterator it(dicomDir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const auto header = dicom::DicomFileProbe::read(file);
        if (header.ok() && header.value().modality == QLatin1String("RTPLAN")) plans << file;
    }
    plans.sort();
    if (plans.isEmpty()) {
        c.inputs.missing[QStringLiteral("plan:prescriptionGy")] = QStringLiteral("no RT Plan in the DICOM folder");
        c.inputs.missing[QStringLiteral("plan:fractions")] = QStringLiteral("no RT Plan in the DICOM folder");
        return;
    }
    if (plans.size() > 1)
        c.inputs.warnings
            << QStringLiteral("%1 RT Plans; %2 is used").arg(plans.size()).arg(relative(plans.first(), root));
    const auto plan = dicom::RtPlanReader::read(plans.first());
    if (!plan.ok()) {
        c.inputs.warnings << relative(plan.error().message(), root);
        return;
    }
    const QString from = QStringLiteral("RT Plan %1").arg(relative(plans.first(), root));
    if (plan.value().prescriptionGy)
        c.inputs.prescriptionGy =
            TwinValue{*plan.value().prescriptionGy, QStringLiteral("Gy"),
                      from + QStringLiteral(" (") + plan.value().prescriptionSource + QLatin1Char(')')};
    if (plan.value().fractionsPlanned)
        c.inputs.fractions = TwinValue{double(*plan.value().fractionsPlanned), QStringLiteral("1"),
                                       from + QStringLiteral(" (NumberOfFractionsPlanned)")};
}

}  // namespace

QString SimulateCaseLoader::covariateId(const QString &ehrName) {
    namespace name = ehr::covariate_name;
    if (ehrName == name::kBsa) return QStringLiteral("bsa_m2");
    if (ehrName == name::kWeight) return QStringLiteral("weight_kg");
    if (ehrName == name::kHeight) return QStringLiteral("height_cm");
    if (ehrName == name::kAge) return QStringLiteral("age_years");
    if (ehrName == name::kCrcl) return QStringLiteral("crcl_ml_min");
    if (ehrName == name::kEgfr) return QStringLiteral("egfr");
    if (ehrName == name::kAnc) return QStringLiteral("anc_baseline");
    if (ehrName == name::kSex) return QStringLiteral("sex_male");
    return {};
}

void SimulateCaseLoader::addCovariates(const QList<ehr::Covariate> &covariates, TwinInputs &inputs) {
    for (const ehr::Covariate &c : covariates) {
        const QString id = covariateId(c.name);
        if (id.isEmpty()) continue;
        const QString source = QStringLiteral("covariate:") + id;
        if (!c.known) {
            inputs.missing[source] = c.note;
            continue;
        }
        QString provenance = c.source;
        if (!c.method.isEmpty()) provenance += QStringLiteral("; ") + c.method;
        if (c.date.isValid()) provenance += QStringLiteral("; ") + c.date.toString(Qt::ISODate);
        if (c.name == ehr::covariate_name::kSex) {
            if (c.text != QLatin1String("male") && c.text != QLatin1String("female")) {
                inputs.missing[source] = QStringLiteral("administrative gender is \"%1\"").arg(c.text);
                continue;
            }
            inputs.covariates[id] =
                TwinValue{c.text == QLatin1String("male") ? 1.0 : 0.0, QStringLiteral("1"), provenance};
        } else if (c.value) {
            inputs.covariates[id] = TwinValue{*c.value, c.unit, provenance};
        }
    }
}

core::Result<QString> SimulateCaseLoader::writeDemoPatient(const QString &dir) {
    phantom::PhantomOptions options;
    options.columns = options.rows = 128;
    options.pixelSpacingMm = 460.0 / 128;
    options.slices = 60;
    options.sliceThicknessMm = 5.0;
    const auto demo = phantom::DemoPatientGenerator::generate(dir, options);
    if (!demo.ok()) return demo.error();
    return demo.value().identity.patientId;
}

core::Result<SimulateCase> SimulateCaseLoader::load(const QString &path, const QDateTime &asOf) {
    const QFileInfo info(path);
    if (!info.exists()) return core::Error::notFound(QStringLiteral("no such file or folder")).inFile(path);
    SimulateCase c;
    const QString root = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    QString ehrPath;
    if (info.isFile())
        ehrPath = info.absoluteFilePath();
    else if (QFileInfo(QDir(root).filePath(QStringLiteral("fhir"))).isDir())
        ehrPath = QDir(root).filePath(QStringLiteral("fhir"));
    else if (hasEhrFiles(QDir(root)))
        ehrPath = root;
    if (!ehrPath.isEmpty()) {
        const auto record = ehr::EhrImporter::import(ehrPath);
        if (!record.ok()) return record.error();
        c.asOf = asOf.isValid() ? asOf : newestObservation(record.value());
        addCovariates(ehr::CovariateCalculator::compute(record.value(), c.asOf), c.inputs);
        for (auto &[id, value] : c.inputs.covariates) value.provenance = relative(value.provenance, root);
        for (auto &[source, why] : c.inputs.missing) why = relative(why, root);
        for (const QString &w : record.value().warnings) c.inputs.warnings << relative(w, root);
        c.ehrPath = ehrPath == root ? QStringLiteral(".") : relative(ehrPath, root);
    }
    if (info.isDir()) {
        const core::Status organs = addOrgans(root, root, c);
        if (organs.ok()) {
            c.dicomPath = QStringLiteral(".");
            addPlan(root, root, c);
        } else if (ehrPath.isEmpty()) {
            return organs.error();
        } else {
            c.inputs.warnings << QStringLiteral("no organ twin: %1").arg(relative(organs.error().message(), root));
        }
    }
    if (ehrPath.isEmpty())
        c.inputs.warnings << QStringLiteral(
            "no health record (FHIR/Synthea) in the case: covariates take population defaults");
    return c;
}

}  // namespace twin::cli
