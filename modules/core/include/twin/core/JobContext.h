#pragma once
// What a running job sees: it reports progress and polls for cancellation. Thread-safe; the
// work function runs on a pool thread while the GUI thread reads and cancels.

#include <QMutex>
#include <QString>

#include <atomic>

namespace twin::core {

class JobContext {
public:
    /// fraction in [0, 1] (clamped; NaN is ignored); stage is a short human-readable step,
    /// e.g. "Writing CT" (a null QString keeps the current stage).
    void setProgress(double fraction, const QString &stage = {});
    double progress() const { return progress_.load(std::memory_order_relaxed); }
    QString stage() const;

    void requestCancel() { cancelled_.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return cancelled_.load(std::memory_order_relaxed); }

private:
    std::atomic<double> progress_{0.0};
    std::atomic<bool> cancelled_{false};
    mutable QMutex stageMutex_;
    QString stage_;
};

}  // namespace twin::core
