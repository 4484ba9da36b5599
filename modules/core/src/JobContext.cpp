#include "twin/core/JobContext.h"

#include <QMutexLocker>

#include <algorithm>
#include <cmath>

namespace twin::core {

void JobContext::setProgress(double fraction, const QString &stage) {
    if (!std::isnan(fraction)) {  // a 0/0 from the work must not reach a progress bar
        progress_.store(std::clamp(fraction, 0.0, 1.0), std::memory_order_relaxed);
    }
    if (!stage.isNull()) {
        QMutexLocker lock(&stageMutex_);
        stage_ = stage;
    }
}

QString JobContext::stage() const {
    QMutexLocker lock(&stageMutex_);
    return stage_;
}

}  // namespace twin::core
