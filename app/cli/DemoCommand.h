#pragma once
// `didymos-cli demo write DIR [--slices N] [--size N]`: writes the synthetic demo patient
// (CT, RTSTRUCT, RTDOSE, FHIR bundle) for scripts and tests.

#include "CliCommand.h"

namespace twin::cli {

class DemoCommand : public CliCommand {
public:
    QString name() const override { return QStringLiteral("demo"); }
    QString summary() const override {
        return QStringLiteral("Write the synthetic demo patient (DICOM CT/RTSTRUCT/RTPLAN/RTDOSE + FHIR) to DIR.");
    }
    QString usage() const override { return QStringLiteral("write DIR [--slices N] [--size N] [--follow-up DAYS] [--json]"); }
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;
};

}  // namespace twin::cli
