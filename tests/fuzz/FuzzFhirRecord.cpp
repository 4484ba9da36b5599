// Fuzz target: arbitrary bytes as FHIR R4 JSON (Bundle, single resource or NDJSON) through
// FhirRecordReader, then the record through everything derived from it (timeline, covariates,
// patient summary), so mapper → record → derived values is fuzzed end to end.
// The first byte's low bit picks options.requirePatient; the whole input is the JSON (a seed
// file keeps its meaning with either choice).

#include "twin/ehr/CovariateCalculator.h"
#include "twin/ehr/FhirRecordReader.h"
#include "twin/ehr/PatientSummary.h"
#include "twin/ehr/TimelineEvent.h"

#include <QByteArray>
#include <QDateTime>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    using namespace twin::ehr;
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QString source = QStringLiteral("fuzz-input.json");
    FhirReadOptions options;
    options.requirePatient = size > 0 && (data[0] & 1) != 0;

    const auto result = FhirRecordReader::fromJson(bytes, source, options);
    // Either a record or an error that names the input: never a crash, never a silent nothing.
    if (!result.ok()) {
        if (!result.error().message().startsWith(source)) __builtin_trap();
        return 0;
    }
    const PatientRecord &record = result.value();
    if (options.requirePatient && record.countsByType.value(QStringLiteral("Patient")) != 1) {
        __builtin_trap();  // requirePatient promises exactly one Patient in the record
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<TimelineEvent> timeline = buildTimeline(record);
    for (qsizetype i = 1; i < timeline.size(); ++i) {
        // Sorted by start time (invalid times compare as they may; only check valid neighbours).
        const QDateTime &a = timeline.at(i - 1).start;
        const QDateTime &b = timeline.at(i).start;
        if (a.isValid() && b.isValid() && b < a) __builtin_trap();
    }
    const QList<Covariate> covariates = CovariateCalculator::compute(record, now);
    const PatientSummary summary = PatientSummary::build(record, now);
    for (const QString &code : record.observedCodes().keys()) {
        (void)record.history(code);
        (void)record.latest(code, now);
    }
    return static_cast<int>(covariates.size() + summary.keyLabs.size()) >= 0 ? 0 : 1;
}
