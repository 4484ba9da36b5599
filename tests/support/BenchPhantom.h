#pragma once
// The volume the imaging benchmarks share: the demo patient at 512×512×300 with 1 mm slices
// (issue 5's "512×512×300"). Header-only; prints the error and returns nothing on failure.

#include "twin/phantom/DemoPatientGenerator.h"

#include <cstdio>
#include <optional>

namespace twin::test {

inline std::optional<phantom::DemoPatient> benchPhantom512x512x300() {
    phantom::PhantomOptions options;
    options.slices = 300;
    options.sliceThicknessMm = 1.0;
    auto built = phantom::DemoPatientGenerator::build(options);
    if (!built.ok()) {
        std::fprintf(stderr, "phantom: %s\n", qPrintable(built.error().message()));
        return std::nullopt;
    }
    return std::move(built).value();
}

}  // namespace twin::test
