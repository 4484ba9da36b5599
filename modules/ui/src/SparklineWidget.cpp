#include "twin/ui/SparklineWidget.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace twin::ui {

namespace {
constexpr double kMargin = 3.0;
}

SparklineWidget::SparklineWidget(QWidget *parent) : QWidget(parent) {
    setMinimumSize(60, 18);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void SparklineWidget::setPoints(QList<Point> points) {
    std::stable_sort(points.begin(), points.end(), [](const Point &a, const Point &b) { return a.time < b.time; });
    points_ = std::move(points);
    update();
}

void SparklineWidget::setReferenceRange(std::optional<double> low, std::optional<double> high) {
    low_ = low;
    high_ = high;
    update();
}

std::pair<double, double> SparklineWidget::valueRange() const {
    double minValue = points_.isEmpty() ? 0.0 : points_.first().value;
    double maxValue = minValue;
    for (const Point &p : points_) {
        minValue = std::min(minValue, p.value);
        maxValue = std::max(maxValue, p.value);
    }
    if (low_) minValue = std::min(minValue, *low_);
    if (high_) maxValue = std::max(maxValue, *high_);
    return {minValue, maxValue > minValue ? maxValue : minValue + 1.0};
}

double SparklineWidget::mapY(double value) const {
    const auto [minValue, maxValue] = valueRange();
    const double height = std::max(1.0, this->height() - 2 * kMargin);
    return kMargin + (1.0 - (value - minValue) / (maxValue - minValue)) * height;
}

QList<QPointF> SparklineWidget::mappedPoints() const {
    QList<QPointF> mapped;
    if (points_.isEmpty()) return mapped;
    const qint64 t0 = points_.first().time.toMSecsSinceEpoch();
    const qint64 t1 = points_.last().time.toMSecsSinceEpoch();
    const double width = std::max(1.0, this->width() - 2 * kMargin);
    for (const Point &p : points_) {
        const double x = t1 > t0 ? double(p.time.toMSecsSinceEpoch() - t0) / double(t1 - t0) : 0.5;
        mapped << QPointF(kMargin + x * width, mapY(p.value));
    }
    return mapped;
}

void SparklineWidget::paintEvent(QPaintEvent *) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QList<QPointF> mapped = mappedPoints();
    if (mapped.isEmpty()) return;
    if (low_ && high_) {
        QColor band = palette().color(QPalette::Highlight);
        band.setAlpha(45);
        const double top = mapY(*high_);
        painter.fillRect(QRectF(0, top, width(), mapY(*low_) - top), band);
    }
    QPainterPath path(mapped.first());
    for (qsizetype i = 1; i < mapped.size(); ++i) path.lineTo(mapped[i]);
    painter.setPen(QPen(palette().color(QPalette::Text), 1.2));
    painter.drawPath(path);
    painter.setBrush(palette().color(QPalette::Highlight));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(mapped.last(), 2.5, 2.5);
}

}  // namespace twin::ui
