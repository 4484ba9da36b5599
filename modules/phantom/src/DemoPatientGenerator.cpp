#include "twin/phantom/DemoPatientGenerator.h"

#include "CtSeriesWriter.h"
#include "FhirBundleWriter.h"
#include "PhantomAnatomy.h"
#include "PhantomDoseModel.h"
#include "PhantomRasterizer.h"
#include "PhantomRecord.h"
#include "PhantomUids.h"
#include "RtDoseWriter.h"
#include "RtPlanWriter.h"
#include "RtStructWriter.h"

#include <QDir>
#include <QFile>

#include <cmath>

namespace twin::phantom {

namespace {

/// Maps a stage's own progress [0, 1] onto [from, to] of the whole job.
class Progress {
public:
    Progress(core::JobContext *context, double from, double to) : context_(context), from_(from), to_(to) {}
    void set(double fraction, const QString &stage) const {
        if (context_) context_->setProgress(from_ + (to_ - from_) * fraction, stage);
    }
    bool cancelled() const { return context_ && context_->isCancelled(); }

private:
    core::JobContext *context_;
    double from_;
    double to_;
};

core::Status validate(const PhantomOptions &options) {
    const auto inRange = [](int value, int low, int high) { return value >= low && value <= high; };
    if (!inRange(options.columns, 16, 4096) || !inRange(options.rows, 16, 4096)) {
        return core::Error::invalidInput(QStringLiteral("columns and rows must be 16 to 4096, not %1 x %2")
                                             .arg(options.columns)
                                             .arg(options.rows))
            .atField(QStringLiteral("PhantomOptions.columns/rows"));
    }
    if (!inRange(options.slices, 1, 4096)) {
        return core::Error::invalidInput(QStringLiteral("slices must be 1 to 4096, not %1").arg(options.slices))
            .atField(QStringLiteral("PhantomOptions.slices"));
    }
    const auto spacingOk = [](double mm) { return mm >= 0.05 && mm <= 50.0; };
    if (!spacingOk(options.pixelSpacingMm) || !spacingOk(options.sliceThicknessMm)) {
        return core::Error::invalidInput(QStringLiteral("pixel spacing and slice thickness must be 0.05 to 50 mm"))
            .atField(QStringLiteral("PhantomOptions.pixelSpacingMm/sliceThicknessMm"));
    }
    return {};
}

/// Distinguishes the UIDs of differently gridded demo patients.
QString datasetKey(const PhantomOptions &options) {
    return QStringLiteral("demo-patient-1/%1x%2x%3/%4/%5")
        .arg(options.columns)
        .arg(options.rows)
        .arg(options.slices)
        .arg(options.pixelSpacingMm, 0, 'g', 10)
        .arg(options.sliceThicknessMm, 0, 'g', 10);
}

/// Axis-aligned, centred on the patient origin.
core::VolumeGeometry ctGeometry(const PhantomOptions &options) {
    core::VolumeGeometry geometry;
    geometry.dimensions = {options.columns, options.rows, options.slices};
    geometry.spacingMm = {options.pixelSpacingMm, options.pixelSpacingMm, options.sliceThicknessMm};
    for (std::size_t axis = 0; axis < 3; ++axis) {
        geometry.originMm[axis] = -0.5 * (geometry.dimensions[axis] - 1) * geometry.spacingMm[axis];
    }
    return geometry;
}

core::Result<DemoPatient> buildWith(const PhantomOptions &options, const PhantomAnatomy &anatomy,
                                    const PhantomRecord &record, const Progress &progress, bool withDose = true) {
    if (const core::Status status = validate(options); !status) return status.error();
    const core::VolumeGeometry geometry = ctGeometry(options);
    DemoPatient patient;
    patient.ct = core::ScalarVolume(geometry, static_cast<std::int16_t>(PhantomAnatomy::kAirHu));
    patient.labels = core::ScalarVolume(geometry, 0);
    if (withDose) patient.doseCgy = core::ScalarVolume(geometry, 0);
    patient.structures = anatomy.structureInfos();
    patient.identity = record.identity;
    patient.prescriptionGy = record.prescriptionGy;
    patient.fractions = record.fractions;
    patient.tumourCentreMm = anatomy.tumourCentre();
    patient.tumourRadiusMm = anatomy.tumourRadiusMm();
    patient.ptvMarginMm = anatomy.ptvMarginMm();
    patient.weightKg = record.weightKg;
    patient.heightCm = record.heightCm;

    const PhantomRasterizer rasterizer(anatomy, geometry);
    const PhantomDoseModel dose(anatomy, record.prescriptionGy);
    const QString stage = QStringLiteral("Building the demo patient");
    for (int k = 0; k < options.slices; ++k) {
        if (progress.cancelled()) return core::Error::cancelled();
        rasterizer.paintSlice(k, patient.ct.slice(k), patient.labels.slice(k));
        if (withDose) dose.fillSliceCgy(geometry, k, patient.doseCgy.slice(k));
        progress.set(static_cast<double>(k + 1) / options.slices, stage);
    }
    return patient;
}

core::Status makeDirectory(const QString &path) {
    if (QDir().mkpath(path)) return {};
    return core::Error::io(QStringLiteral("cannot create directory")).inFile(path);
}

/// Removes CT_*.dcm left by an earlier, longer series, so the folder holds one series only.
core::Status removeStaleSlices(const QDir &ctDir, int slices) {
    const QStringList existing = ctDir.entryList({QStringLiteral("CT_*.dcm")}, QDir::Files, QDir::Name);
    for (const QString &name : existing) {
        bool numeric = false;
        const int index = name.mid(3, name.size() - 7).toInt(&numeric);
        if (numeric && index < slices) continue;
        if (!QFile::remove(ctDir.filePath(name))) {
            return core::Error::io(QStringLiteral("cannot remove a stale slice")).inFile(ctDir.filePath(name));
        }
    }
    return {};
}

/// Writes the CT slices of `patient` into files.ctDir (created; stale slices removed).
core::Status writeCtSeries(DemoPatient &patient, const PhantomRecord &record, const PhantomUids &uids,
                           const PhantomOptions &options, const Progress &progress) {
    DemoPatientFiles &files = patient.files;
    if (const core::Status status = makeDirectory(files.ctDir); !status) return status;
    if (const core::Status status = removeStaleSlices(QDir(files.ctDir), options.slices); !status) return status;
    const CtSeriesWriter ctWriter(record, uids);
    const QString ctStage = QStringLiteral("Writing the CT series");
    for (int k = 0; k < options.slices; ++k) {
        if (progress.cancelled()) return core::Error::cancelled();
        const QString path = QDir(files.ctDir).filePath(QStringLiteral("CT_%1.dcm").arg(k, 4, 10, QLatin1Char('0')));
        if (const core::Status status = ctWriter.writeSlice(patient.ct, k, path); !status) return status;
        files.ctFiles.append(path);
        progress.set(static_cast<double>(k + 1) / options.slices, ctStage);
    }
    return {};
}

/// The follow-up study's record: the same patient, a new study on a later date.
PhantomRecord followUpRecord(const PhantomUids &uids, const FollowUpOptions &followUp) {
    PhantomRecord record = PhantomRecord::standard(uids);
    record.studyDate = record.studyDate.addDays(followUp.daysAfterPlanningCt);
    record.planDate = record.studyDate;  // the structure set is drawn on the day of the scan
    record.studyId = QStringLiteral("DEMO-FU%1").arg(followUp.daysAfterPlanningCt);
    record.accessionNumber = QStringLiteral("DIDYMOSFU%1").arg(followUp.daysAfterPlanningCt, 4, 10, QLatin1Char('0'));
    record.studyDescription = QStringLiteral("Synthetic thorax CT, follow-up after chemoradiotherapy");
    return record;
}

}  // namespace

namespace {

struct FollowUpParts {
    PhantomUids uids;
    PhantomAnatomy anatomy;
    PhantomRecord record;
};

core::Result<FollowUpParts> followUpParts(const FollowUpOptions &followUp, const PhantomOptions &options) {
    if (followUp.daysAfterPlanningCt < 1 || followUp.daysAfterPlanningCt > 3650) {
        return core::Error::invalidInput(QStringLiteral("days after the planning CT must be 1 to 3650, not %1")
                                             .arg(followUp.daysAfterPlanningCt))
            .atField(QStringLiteral("FollowUpOptions.daysAfterPlanningCt"));
    }
    if (!(followUp.tumourRadiusMm >= 2.0 && followUp.tumourRadiusMm <= 30.0)) {
        return core::Error::invalidInput(
                   QStringLiteral("tumour radius must be 2 to 30 mm, not %1").arg(followUp.tumourRadiusMm))
            .atField(QStringLiteral("FollowUpOptions.tumourRadiusMm"));
    }
    for (double offset : followUp.patientOffsetMm) {
        if (!(std::abs(offset) <= 50.0)) {
            return core::Error::invalidInput(QStringLiteral("patient offset must be within 50 mm per axis"))
                .atField(QStringLiteral("FollowUpOptions.patientOffsetMm"));
        }
    }
    const PhantomUids uids(datasetKey(options) + QStringLiteral("/follow-up/%1").arg(followUp.daysAfterPlanningCt));
    AnatomyVariant variant;
    variant.tumourRadiusMm = followUp.tumourRadiusMm;
    variant.patientOffsetMm = followUp.patientOffsetMm;
    return FollowUpParts{uids, PhantomAnatomy::standard(variant), followUpRecord(uids, followUp)};
}

}  // namespace

core::Result<DemoPatient> DemoPatientGenerator::buildFollowUp(const FollowUpOptions &followUp,
                                                              const PhantomOptions &options,
                                                              core::JobContext *context) {
    auto parts = followUpParts(followUp, options);
    if (!parts) return parts.error();
    return buildWith(options, parts.value().anatomy, parts.value().record, Progress(context, 0.0, 1.0), false);
}

core::Result<DemoPatient> DemoPatientGenerator::generateFollowUp(const QString &outputDir,
                                                                 const FollowUpOptions &followUp,
                                                                 const PhantomOptions &options,
                                                                 core::JobContext *context) {
    auto partsResult = followUpParts(followUp, options);
    if (!partsResult) return partsResult.error();
    const FollowUpParts &parts = partsResult.value();
    const PhantomUids &uids = parts.uids;
    const PhantomAnatomy &anatomy = parts.anatomy;
    const PhantomRecord &record = parts.record;
    auto built = buildWith(options, anatomy, record, Progress(context, 0.0, 0.4), false);
    if (!built) return built.error();
    DemoPatient patient = std::move(built).value();
    const QDir root(QDir(outputDir).absolutePath());
    patient.files.rootDir = root.path();
    patient.files.ctDir = root.filePath(QStringLiteral("ct"));
    patient.files.rtStructPath = root.filePath(QStringLiteral("rtstruct.dcm"));
    if (const core::Status status = writeCtSeries(patient, record, uids, options, Progress(context, 0.4, 0.95));
        !status) {
        return status.error();
    }
    const RtStructWriter structWriter(record, uids, anatomy, patient.ct.geometry());
    if (const core::Status status = structWriter.write(patient.files.rtStructPath); !status) return status.error();
    if (context) context->setProgress(1.0, QStringLiteral("Follow-up study written"));
    return patient;
}

core::Result<DemoPatient> DemoPatientGenerator::build(const PhantomOptions &options, core::JobContext *context) {
    const PhantomUids uids(datasetKey(options));
    return buildWith(options, PhantomAnatomy::standard(), PhantomRecord::standard(uids), Progress(context, 0.0, 1.0));
}

core::Result<DemoPatient> DemoPatientGenerator::generate(const QString &outputDir, const PhantomOptions &options,
                                                         core::JobContext *context) {
    const PhantomUids uids(datasetKey(options));
    const PhantomAnatomy anatomy = PhantomAnatomy::standard();
    const PhantomRecord record = PhantomRecord::standard(uids);
    auto built = buildWith(options, anatomy, record, Progress(context, 0.0, 0.35));
    if (!built) return built.error();
    DemoPatient patient = std::move(built).value();

    const QDir root(QDir(outputDir).absolutePath());
    DemoPatientFiles &files = patient.files;
    files.rootDir = root.path();
    files.ctDir = root.filePath(QStringLiteral("ct"));
    files.rtStructPath = root.filePath(QStringLiteral("rtstruct.dcm"));
    files.rtPlanPath = root.filePath(QStringLiteral("rtplan.dcm"));
    files.rtDosePath = root.filePath(QStringLiteral("rtdose.dcm"));
    files.fhirBundlePath = root.filePath(QStringLiteral("fhir/patient-bundle.json"));
    if (const core::Status status = makeDirectory(root.filePath(QStringLiteral("fhir"))); !status) {
        return status.error();
    }
    if (const core::Status status = writeCtSeries(patient, record, uids, options, Progress(context, 0.35, 0.85));
        !status) {
        return status.error();
    }

    const Progress rest(context, 0.85, 1.0);
    rest.set(0.0, QStringLiteral("Writing the RT structure set"));
    const RtStructWriter structWriter(record, uids, anatomy, patient.ct.geometry());
    if (const core::Status status = structWriter.write(files.rtStructPath); !status) return status.error();
    if (rest.cancelled()) return core::Error::cancelled();

    rest.set(0.4, QStringLiteral("Writing the RT plan"));
    if (const core::Status status = RtPlanWriter(record, uids, anatomy).write(files.rtPlanPath); !status) {
        return status.error();
    }
    rest.set(0.5, QStringLiteral("Writing the RT dose"));
    const PhantomDoseModel doseModel(anatomy, record.prescriptionGy);
    const RtDoseWriter doseWriter(record, uids, anatomy, doseModel, patient.ct.geometry());
    if (const core::Status status = doseWriter.write(files.rtDosePath); !status) return status.error();
    if (rest.cancelled()) return core::Error::cancelled();

    rest.set(0.9, QStringLiteral("Writing the FHIR bundle"));
    if (const core::Status status = FhirBundleWriter(record, uids).write(files.fhirBundlePath); !status) {
        return status.error();
    }
    rest.set(1.0, QStringLiteral("Demo patient written"));
    return patient;
}

}  // namespace twin::phantom
