// Fuzz target: arbitrary bytes as a FHIR Bundle through FhirBundleSummary.

#include "twin/ehr/FhirBundleSummary.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto result = twin::ehr::FhirBundleSummary::fromJson(bytes, QStringLiteral("fuzz-input.json"));
    if (!result.ok() && !result.error().message().startsWith(QStringLiteral("fuzz-input.json"))) __builtin_trap();
    return 0;
}
