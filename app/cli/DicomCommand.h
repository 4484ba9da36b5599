#pragma once
// `didymos-cli dicom scan DIR [--index FILE] [--json]`: scans a folder (or a DICOMDIR) into the
// DICOM index (the user's by default) and prints the patients, studies and series found under it,
// with instance counts, the scan's counts and the files that could not be indexed.

#include "CliCommand.h"

namespace twin::cli {

class DicomCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("dicom"); }
    QString summary() const override {
        return QStringLiteral("Index a DICOM folder or DICOMDIR and list its patients, studies and series.");
    }
    QString usage() const override { return QStringLiteral("scan DIR [--index FILE] [--json]"); }
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
};

}  // namespace twin::cli
