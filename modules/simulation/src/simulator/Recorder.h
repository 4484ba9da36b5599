#pragma once
// Recorder: the output grid of a run, row-major (one row of every signal per recorded time) so
// that recording a time is one contiguous append into storage reserved for the horizon.
// SimulationResult wants one series per signal; series() transposes one, when asked.

#include <cstddef>
#include <span>
#include <vector>

namespace twin::simulation {

class Recorder {
public:
    void reset(std::size_t signalCount, std::size_t expectedRows) {
        stride_ = signalCount;
        times_.clear();
        values_.clear();
        times_.reserve(expectedRows);
        values_.reserve(expectedRows * signalCount);
    }
    /// Appends a row; the caller fills it through the returned span (stride() values).
    std::span<double> append(double timeDays) {
        times_.push_back(timeDays);
        values_.resize(values_.size() + stride_);
        return {values_.data() + values_.size() - stride_, stride_};
    }
    /// The last row again (its time unchanged), to be overwritten; only when rows() > 0.
    std::span<double> last() { return {values_.data() + values_.size() - stride_, stride_}; }
    std::size_t rows() const { return times_.size(); }
    std::size_t stride() const { return stride_; }
    const std::vector<double> &times() const { return times_; }
    double at(std::size_t row, std::size_t signal) const { return values_[row * stride_ + signal]; }
    /// Signal `signal` over all rows.
    std::vector<double> series(std::size_t signal) const {
        std::vector<double> out(times_.size());
        for (std::size_t r = 0; r < out.size(); ++r) out[r] = values_[r * stride_ + signal];
        return out;
    }

private:
    std::size_t stride_ = 0;
    std::vector<double> times_;
    std::vector<double> values_;
};

}  // namespace twin::simulation
