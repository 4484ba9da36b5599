#pragma once
// `didymos-cli dicom scan DIR [--index FILE] [--json]`: scans a folder (or a DICOMDIR) into the
// DICOM index (the user's by default) and prints the patients, studies and series found under it,
// with instance counts, the scan's counts and the files that could not be indexed.
// `didymos-cli dicom export --series DIR_OR_FILES --out FILE.{nrrd,mha,nii,nii.gz}`: loads the
// series (first loadable, as the loader preselects) and writes its volume with its LPS geometry
// (int16 HU for CT; float real values when the series carries a value mapping).

#include "CliCommand.h"

namespace twin::cli {

class DicomCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("dicom"); }
    QString summary() const override {
        return QStringLiteral("Index a DICOM folder or DICOMDIR and list its patients, studies and series; export a series volume.");
    }
    QString usage() const override {
        return QStringLiteral("scan DIR [--index FILE] [--json] | export [DIR --series UID | --series DIR_OR_FILES] --out FILE.{nrrd,mha,nii,nii.gz} [--index FILE]");
    }
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;

private:
    int runExport(const QStringList &arguments, QTextStream &out, QTextStream &err);
};

}  // namespace twin::cli
