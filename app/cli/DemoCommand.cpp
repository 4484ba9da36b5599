#include "DemoCommand.h"

#include "twin/phantom/DemoPatientGenerator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace twin::cli {

int DemoCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err) {
    if (arguments.isEmpty() || arguments.first() != QStringLiteral("write")) {
        return usageError(err, QStringLiteral("expected 'write'"));
    }
    QString directory;
    bool json = false;
    phantom::PhantomOptions options;
    int followUpDays = 0;  // 0: no follow-up study
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        auto intValue = [&](int minimum, int maximum, int &target) -> bool {
            bool ok = false;
            const int value = i + 1 < arguments.size() ? arguments.at(i + 1).toInt(&ok) : 0;
            if (!ok || value < minimum || value > maximum) return false;
            target = value;
            ++i;
            return true;
        };
        if (argument == QStringLiteral("--json")) {
            json = true;
        } else if (argument == QStringLiteral("--slices")) {
            if (!intValue(8, 1000, options.slices)) return usageError(err, QStringLiteral("--slices needs an integer in 8…1000"));
        } else if (argument == QStringLiteral("--size")) {
            int size = 0;
            if (!intValue(32, 1024, size)) return usageError(err, QStringLiteral("--size needs an integer in 32…1024"));
            options.columns = options.rows = size;
            options.pixelSpacingMm = 460.0 / size;  // keep the field of view
        } else if (argument == QStringLiteral("--follow-up")) {
            if (!intValue(1, 3650, followUpDays)) return usageError(err, QStringLiteral("--follow-up needs days in 1…3650"));
        } else if (argument.startsWith(QLatin1Char('-'))) {
            return usageError(err, QStringLiteral("unknown option '%1'").arg(argument));
        } else if (directory.isEmpty()) {
            directory = argument;
        } else {
            return usageError(err, QStringLiteral("unexpected argument '%1'").arg(argument));
        }
    }
    if (directory.isEmpty()) return usageError(err, QStringLiteral("missing output directory"));
    QElapsedTimer timer;
    timer.start();
    const auto result = phantom::DemoPatientGenerator::generate(directory, options);
    if (!result.ok()) return failure(err, result.error().message());
    const phantom::DemoPatient &patient = result.value();
    QString followUpDir;
    if (followUpDays > 0) {
        // A later study of the same patient beside the planning study: smaller tumour, patient
        // shifted on the couch, its own frame of reference (see FollowUpOptions).
        phantom::FollowUpOptions followUp;
        followUp.daysAfterPlanningCt = followUpDays;
        followUpDir = QDir(directory).filePath(QStringLiteral("follow-up-%1d").arg(followUpDays));
        const auto later = phantom::DemoPatientGenerator::generateFollowUp(followUpDir, followUp, options);
        if (!later.ok()) return failure(err, later.error().message());
        followUpDir = later.value().files.rootDir;
    }
    if (json) {
        out << QJsonDocument(QJsonObject{{QStringLiteral("root"), patient.files.rootDir},
                                         {QStringLiteral("ctFiles"), static_cast<int>(patient.files.ctFiles.size())},
                                         {QStringLiteral("rtstruct"), patient.files.rtStructPath},
                                         {QStringLiteral("rtplan"), patient.files.rtPlanPath},
                                         {QStringLiteral("rtdose"), patient.files.rtDosePath},
                                         {QStringLiteral("fhir"), patient.files.fhirBundlePath},
                                         {QStringLiteral("followUp"), followUpDir},
                                         {QStringLiteral("seconds"), timer.elapsed() / 1000.0}})
                   .toJson(QJsonDocument::Indented);
    } else {
        out << "Demo patient written to " << patient.files.rootDir << " (" << patient.files.ctFiles.size()
            << " CT slices, RTSTRUCT, RTPLAN, RTDOSE, FHIR)"
            << (followUpDir.isEmpty() ? QString() : QStringLiteral(" and a follow-up study in ") + followUpDir) << " in "
            << timer.elapsed() << " ms\n";
    }
    return kExitOk;
}

}  // namespace twin::cli
