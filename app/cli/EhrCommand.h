#pragma once
// `didymos-cli ehr summary FILE_OR_DIR [--json] [--patient ID] [--as-of DATE]`: the patient,
// covariates with provenance, resource counts and import warnings of a FHIR file/folder or a
// Synthea CSV export.

#include "CliCommand.h"

namespace twin::cli {

class EhrCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("ehr"); }
    QString summary() const override {
        return QStringLiteral("Summarise a health record (FHIR R4 bundle/NDJSON/folder or Synthea CSV folder).");
    }
    QString usage() const override { return QStringLiteral("summary FILE_OR_DIR [--json] [--patient ID] [--as-of YYYY-MM-DD]"); }
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
};

}  // namespace twin::cli
