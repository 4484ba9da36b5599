#include "twin/ui/TumourCourseChart.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace twin::ui {

namespace {

/// A round axis maximum at or above `value` (1, 2, 5 × 10^n).
double niceCeiling(double value) {
    if (!(value > 0.0)) return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0})
        if (step * magnitude >= value) return step * magnitude;
    return 10.0 * magnitude;
}

}  // namespace

TumourCourseChart::TumourCourseChart(QWidget *parent) : QWidget(parent) {
    setAccessibleName(tr("Tumour volume over time"));
}

void TumourCourseChart::setCourse(const imaging::TumourCourse &course) {
    course_ = course;
    update();
}

void TumourCourseChart::paintEvent(QPaintEvent *) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    painter.fillRect(rect(), pal.base());
    mapped_.clear();
    const QFontMetrics metrics(font());
    const QRectF plot = QRectF(rect()).adjusted(metrics.horizontalAdvance(QStringLiteral("000 mL")) + 8, 10, -14,
                                                -(metrics.height() + 8));
    if (course_.isEmpty() || plot.width() < 20 || plot.height() < 20) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No tumour course"));
        return;
    }
    const auto &points = course_.points();
    double maxVolume = 0.0;
    for (const auto &p : points) maxVolume = std::max(maxVolume, p.volumeMl);
    const double yMax = niceCeiling(maxVolume * 1.1);
    const double xMax = std::max(1, points.last().daysFromBaseline);
    const auto map = [&](double day, double ml) {
        return QPointF(plot.left() + plot.width() * day / xMax, plot.bottom() - plot.height() * ml / yMax);
    };

    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.bottomLeft(), plot.topLeft());
    painter.setPen(pal.color(QPalette::Text));
    painter.drawText(QRectF(0, plot.top() - metrics.height() / 2.0, plot.left() - 4, metrics.height()),
                     Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("%1 mL").arg(yMax, 0, 'g', 3));
    painter.drawText(QRectF(0, plot.bottom() - metrics.height() / 2.0, plot.left() - 4, metrics.height()),
                     Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));
    painter.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), metrics.height()), Qt::AlignLeft,
                     tr("day 0"));
    painter.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), metrics.height()), Qt::AlignRight,
                     tr("day %1").arg(points.last().daysFromBaseline));

    QPainterPath line;
    for (const auto &p : points) {
        const QPointF at = map(p.daysFromBaseline, p.volumeMl);
        mapped_.append(at);
        if (line.elementCount() == 0) line.moveTo(at);
        else line.lineTo(at);
    }
    const QColor accent = pal.color(QPalette::Highlight);
    painter.setPen(QPen(accent, 2.0));
    painter.drawPath(line);
    for (qsizetype i = 0; i < points.size(); ++i) {
        const auto &p = points[i];
        const bool poor = p.registrationToBaseline && p.registrationToBaseline->quality == QLatin1String("poor");
        painter.setPen(QPen(accent, 2.0));
        painter.setBrush(poor ? pal.base() : QBrush(accent));
        painter.drawEllipse(mapped_[i], 4.0, 4.0);
        painter.setPen(pal.color(QPalette::Text));
        const QString label = QStringLiteral("%1 mL · %2").arg(p.volumeMl, 0, 'f', 1).arg(p.response);
        const double width = metrics.horizontalAdvance(label);
        const double x = std::clamp(mapped_[i].x() - width / 2.0, 0.0, double(this->width()) - width);
        painter.drawText(QPointF(x, std::max(mapped_[i].y() - 8.0, double(metrics.ascent()))), label);
    }
}

}  // namespace twin::ui
