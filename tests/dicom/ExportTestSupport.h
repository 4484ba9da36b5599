#pragma once
// Shared by the export tests: the demo patient written to disk, its structures as one binary
// LabelMap each, and the DICOM validators (dcmdump, dciodvfy) run as processes.

#include "TestData.h"

#include "twin/core/LabelMap.h"
#include "twin/phantom/DemoPatientGenerator.h"

#include <QProcess>
#include <QStandardPaths>
#include <QStringList>

namespace twin::test::exportsupport {

inline QList<core::LabelMap> structureMasks(const phantom::DemoPatient &demo) {
    QList<core::LabelMap> maps;
    for (const phantom::PhantomStructure &s : demo.structures) {
        core::LabelMap map;
        map.volume = core::ScalarVolume(demo.labels.geometry());
        const auto &labels = demo.labels.voxels();
        auto &voxels = map.volume.voxels();
        for (std::size_t n = 0; n < labels.size(); ++n) voxels[n] = labels[n] == s.label ? 1 : 0;
        core::LabelInfo info;
        info.value = 1;
        info.name = s.name;
        info.rgb = s.rgb;
        info.hasColour = true;
        map.labels.append(info);
        maps.append(map);
    }
    return maps;
}

struct ToolRun {
    bool found = false;
    int exitCode = -1;
    QString output;  // stdout + stderr
};

inline ToolRun runTool(const QString &tool, const QStringList &arguments) {
    ToolRun run;
    const QString program = QStandardPaths::findExecutable(tool);
    if (program.isEmpty()) return run;
    run.found = true;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(120000)) return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.output = QString::fromLocal8Bit(process.readAll());
    return run;
}

/// dciodvfy's "Error - ..." lines (warnings are printed with qInfo by the caller).
inline QStringList linesStarting(const QString &output, const QString &prefix) {
    QStringList lines;
    for (const QString &line : output.split(QLatin1Char('\n')))
        if (line.startsWith(prefix)) lines << line;
    return lines;
}

/// dcmdump and dciodvfy on a written file: dcmdump's exit code, and dciodvfy's errors (its
/// warnings go to qInfo so a reader of the test log sees them).
struct Validation {
    bool dcmdumpFound = false;
    int dcmdumpExitCode = -1;
    bool dciodvfyFound = false;
    QStringList dciodvfyErrors;
};

inline Validation validateDicom(const QString &path) {
    Validation v;
    const ToolRun dump = runTool(QStringLiteral("dcmdump"), {path});
    v.dcmdumpFound = dump.found;
    v.dcmdumpExitCode = dump.exitCode;
    const ToolRun verify = runTool(QStringLiteral("dciodvfy"), {path});
    v.dciodvfyFound = verify.found;
    v.dciodvfyErrors = linesStarting(verify.output, QStringLiteral("Error"));
    for (const QString &w : linesStarting(verify.output, QStringLiteral("Warning"))) qInfo("dciodvfy: %s", qPrintable(w));
    return v;
}

}  // namespace twin::test::exportsupport
