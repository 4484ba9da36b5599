// didymos-cli: the headless twin of the Didymos GUI.
#include "BenchDicomCommand.h"
#include "BenchSimulateCommand.h"
#include "CliApplication.h"
#include "DemoCommand.h"
#include "DicomCommand.h"
#include "TwinCommand.h"
#include "DisplayProbe.h"
#include "EhrCommand.h"
#include "InfoCommand.h"
#include "SimulateCommand.h"
#include "twin/imaging/VtkMessageRouter.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <memory>

int main(int argc, char **argv) {
    using namespace twin::cli;
    CliApplication cli;
    cli.add(std::make_unique<InfoCommand>());
    cli.add(std::make_unique<DemoCommand>());
    cli.add(std::make_unique<EhrCommand>());
    cli.add(std::make_unique<DicomCommand>());
    cli.add(std::make_unique<TwinCommand>());
    cli.add(std::make_unique<SimulateCommand>());
    cli.add(std::make_unique<BenchDicomCommand>());
    cli.add(std::make_unique<BenchSimulateCommand>());

    QStringList arguments;
    for (int i = 1; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
    const CliCommand *command = arguments.isEmpty() ? nullptr : cli.find(arguments.first(), arguments.mid(1));
    const bool gui = command && command->wantsGuiApplication(arguments.mid(1)) && twin::app::x11DisplayReachable();
    if (gui) twin::app::ensureRuntimeDirectory();
    std::unique_ptr<QCoreApplication> app = gui ? std::make_unique<QGuiApplication>(argc, argv)
                                                : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Didymos"));
    QCoreApplication::setApplicationName(QStringLiteral("didymos"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DIDYMOS_VERSION));

    twin::imaging::VtkMessageRouter::install();  // VTK's messages through Qt logging, not raw stderr

    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = cli.run(arguments, out, err);
    out.flush();
    err.flush();
    return code;
}
