#pragma once
// Command line of the `didymos` GUI.

#include <QString>
#include <QStringList>

namespace twin::app {

struct GuiOptions {
    bool demo = false;           // --demo: open the synthetic demo patient at start
    QString dicomPath;           // --dicom PATH: scan a DICOM folder or DICOMDIR and open its series
    QString recordPath;          // --record PATH: open a health record (FHIR file/folder, Synthea CSV folder)
    QString screenshotPath;      // --screenshot FILE: save a PNG of the window once ready, then quit
    QString layout;              // --layout 2x2|1x1|1x3
    QString theme;               // --theme dark|light
    QString error;               // non-empty when the command line is invalid

    static GuiOptions parse(const QStringList &arguments);
    static QString helpText();
};

}  // namespace twin::app
