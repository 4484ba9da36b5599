#include "GuiOptions.h"

namespace twin::app {

GuiOptions GuiOptions::parse(const QStringList &arguments) {
    GuiOptions options;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        auto value = [&]() -> QString {
            if (i + 1 >= arguments.size()) {
                options.error = QStringLiteral("option %1 needs a value").arg(argument);
                return {};
            }
            return arguments.at(++i);
        };
        if (argument == QStringLiteral("--demo")) options.demo = true;
        else if (argument == QStringLiteral("--screenshot")) options.screenshotPath = value();
        else if (argument == QStringLiteral("--record")) options.recordPath = value();
        else if (argument == QStringLiteral("--dicom")) options.dicomPath = value();
        else if (argument == QStringLiteral("--layout")) options.layout = value();
        else if (argument == QStringLiteral("--theme")) options.theme = value();
        else options.error = QStringLiteral("unknown argument '%1' (try didymos --help)").arg(argument);
        if (!options.error.isEmpty()) break;
    }
    if (options.error.isEmpty() && !options.layout.isEmpty() &&
        !QStringList{QStringLiteral("2x2"), QStringLiteral("1x1"), QStringLiteral("1x3")}.contains(options.layout)) {
        options.error = QStringLiteral("--layout must be 2x2, 1x1 or 1x3, not '%1'").arg(options.layout);
    }
    if (options.error.isEmpty() && !options.theme.isEmpty() &&
        options.theme != QStringLiteral("dark") && options.theme != QStringLiteral("light")) {
        options.error = QStringLiteral("--theme must be dark or light, not '%1'").arg(options.theme);
    }
    return options;
}

QString GuiOptions::helpText() {
    return QStringLiteral("Usage: didymos [--demo] [--dicom PATH] [--record PATH] [--layout 2x2|1x1|1x3] [--theme dark|light] [--screenshot FILE]\n"
                          "  --demo             open the synthetic demo patient\n"
                          "  --dicom PATH       open a DICOM folder or DICOMDIR (indexed; its series open on double-click)\n"
                          "  --record PATH      open a health record: FHIR R4 bundle/NDJSON/folder or Synthea CSV folder\n"
                          "  --screenshot FILE  save a PNG of the window when ready, then quit\n");
}

}  // namespace twin::app
