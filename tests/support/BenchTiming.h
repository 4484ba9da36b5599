#pragma once
// Timing for the benchmarks: one warm-up run, then N timed repetitions; median, min and max
// in milliseconds. Header-only, shared by the bench executables.

#include <QElapsedTimer>

#include <algorithm>
#include <functional>
#include <vector>

namespace twin::test {

struct BenchTiming {
    double median = 0, min = 0, max = 0;
};

inline BenchTiming measureMs(int repetitions, const std::function<void()> &run) {
    run();  // warm-up
    std::vector<double> ms;
    for (int i = 0; i < std::max(1, repetitions); ++i) {
        QElapsedTimer timer;
        timer.start();
        run();
        ms.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front(), ms.back()};
}

}  // namespace twin::test
