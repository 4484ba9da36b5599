#include "twin/ui/TimelineView.h"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>

namespace twin::ui {

namespace {

constexpr double kLabelWidth = 96.0;
constexpr double kAxisHeight = 22.0;
constexpr double kDayMs = 86400000.0;
constexpr double kMinimumSpanMs = kDayMs;  // zoom in to one day at most
constexpr double kClickSlopPx = 4.0;

using Lane = ehr::TimelineEvent::Lane;

QColor laneColour(Lane lane) {
    switch (lane) {
        case Lane::Condition:
            return {0xd9, 0x53, 0x4f};
        case Lane::Medication:
            return {0x5c, 0x9e, 0xd6};
        case Lane::Procedure:
            return {0xe0, 0x9b, 0x3d};
        case Lane::Lab:
            return {0x6a, 0xb0, 0x4c};
        case Lane::Imaging:
            return {0xb0, 0x6a, 0xd4};
        case Lane::Encounter:
            return {0x8a, 0x8a, 0x8a};
    }
    return Qt::gray;
}

}  // namespace

TimelineView::TimelineView(QWidget *parent) : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumHeight(static_cast<int>(kAxisHeight) + laneCount() * 14);
}

void TimelineView::setEvents(QList<ehr::TimelineEvent> events) {
    events_ = std::move(events);
    fitAll();
}

void TimelineView::setVisibleRange(double startMs, double endMs) {
    if (endMs - startMs < kMinimumSpanMs) {
        const double middle = (startMs + endMs) / 2.0;
        startMs = middle - kMinimumSpanMs / 2.0;
        endMs = middle + kMinimumSpanMs / 2.0;
    }
    start_ = startMs;
    end_ = endMs;
    update();
}

void TimelineView::fitAll() {
    if (events_.isEmpty()) {
        const double now = static_cast<double>(QDateTime::currentMSecsSinceEpoch());
        setVisibleRange(now - 365 * kDayMs, now);
        return;
    }
    double first = static_cast<double>(events_.first().start.toMSecsSinceEpoch());
    double last = first;
    for (const ehr::TimelineEvent &event : events_) {
        first = std::min(first, static_cast<double>(event.start.toMSecsSinceEpoch()));
        const QDateTime end = event.end.isValid() ? event.end : event.start;
        last = std::max(last, static_cast<double>(end.toMSecsSinceEpoch()));
    }
    const double margin = std::max((last - first) * 0.03, 15 * kDayMs);
    setVisibleRange(first - margin, last + margin);
}

QRectF TimelineView::plotRect() const {
    return QRectF(kLabelWidth, kAxisHeight, std::max(1.0, width() - kLabelWidth - 4.0),
                  std::max(1.0, height() - kAxisHeight));
}

QRectF TimelineView::laneRect(int lane) const {
    const QRectF plot = plotRect();
    const double laneHeight = plot.height() / laneCount();
    return QRectF(0.0, plot.top() + lane * laneHeight, width(), laneHeight);
}

double TimelineView::timeToX(double ms) const {
    const QRectF plot = plotRect();
    return plot.left() + (ms - start_) / (end_ - start_) * plot.width();
}

double TimelineView::xToTime(double x) const {
    const QRectF plot = plotRect();
    return start_ + (x - plot.left()) / plot.width() * (end_ - start_);
}

void TimelineView::zoom(double factor, double anchorX) {
    const double anchor = xToTime(anchorX);
    setVisibleRange(anchor - (anchor - start_) / factor, anchor + (end_ - anchor) / factor);
}

void TimelineView::panPixels(double dx) {
    const double shift = dx / plotRect().width() * (end_ - start_);
    setVisibleRange(start_ - shift, end_ - shift);
}

QRectF TimelineView::eventRect(int index) const {
    if (index < 0 || index >= events_.size()) return {};
    const ehr::TimelineEvent &event = events_[index];
    const QRectF lane = laneRect(static_cast<int>(event.lane));
    const double x0 = timeToX(static_cast<double>(event.start.toMSecsSinceEpoch()));
    const double x1 = event.end.isValid() ? timeToX(static_cast<double>(event.end.toMSecsSinceEpoch())) : x0;
    const double height = std::max(6.0, lane.height() * 0.55);
    const double top = lane.center().y() - height / 2.0;
    QRectF rect = (x1 - x0 >= 4.0) ? QRectF(x0, top, x1 - x0, height) : QRectF(x0 - height / 2.0, top, height, height);
    rect = rect.intersected(QRectF(plotRect().left(), top, plotRect().width(), height));
    return rect;
}

int TimelineView::eventAt(const QPoint &position) const {
    // Last drawn wins: search from the end, instants before intervals of the same lane.
    for (int i = static_cast<int>(events_.size()) - 1; i >= 0; --i) {
        if (eventRect(i).adjusted(-2, -2, 2, 2).contains(position)) return i;
    }
    return -1;
}

void TimelineView::paintAxis(QPainter &painter) const {
    const QDateTime first = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(start_), Qt::UTC);
    const double spanDays = (end_ - start_) / kDayMs;
    // Ticks: years when the span is long, months otherwise, days when very short.
    const int stepMonths = spanDays > 3650 ? 60 : spanDays > 1460 ? 12 : spanDays > 365 ? 3 : 1;
    painter.setPen(palette().color(QPalette::WindowText));
    if (spanDays < 60) {
        for (QDate d = first.date(); QDateTime(d, QTime(), Qt::UTC).toMSecsSinceEpoch() < end_;
             d = d.addDays(spanDays < 14 ? 1 : 7)) {
            const double x = timeToX(static_cast<double>(QDateTime(d, QTime(), Qt::UTC).toMSecsSinceEpoch()));
            if (x < kLabelWidth) continue;
            painter.drawLine(QPointF(x, kAxisHeight - 5), QPointF(x, kAxisHeight));
            painter.drawText(QPointF(x + 2, kAxisHeight - 8), d.toString(QStringLiteral("MMM d")));
        }
        return;
    }
    QDate tick(first.date().year(), 1, 1);
    while (QDateTime(tick, QTime(), Qt::UTC).toMSecsSinceEpoch() < end_) {
        const double x = timeToX(static_cast<double>(QDateTime(tick, QTime(), Qt::UTC).toMSecsSinceEpoch()));
        if (x >= kLabelWidth) {
            painter.drawLine(QPointF(x, kAxisHeight - 5), QPointF(x, kAxisHeight));
            painter.drawText(QPointF(x + 2, kAxisHeight - 8), stepMonths >= 12
                                                                  ? QString::number(tick.year())
                                                                  : tick.toString(QStringLiteral("MMM yyyy")));
        }
        tick = tick.addMonths(stepMonths);
    }
}

void TimelineView::paintEvent(QPaintEvent *) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    for (int lane = 0; lane < laneCount(); ++lane) {
        const QRectF r = laneRect(lane);
        if (lane % 2 == 1) painter.fillRect(r, palette().color(QPalette::AlternateBase));
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(4, r.top(), kLabelWidth - 8, r.height()), Qt::AlignVCenter | Qt::AlignLeft,
                         ehr::TimelineEvent::laneName(static_cast<Lane>(lane)));
    }
    paintAxis(painter);
    painter.setClipRect(plotRect());
    // Markers first, then labels where they fit: a label runs right of its marker up to the
    // next marker in the same lane, and is left out when it would not fit (hover shows it).
    QList<QRectF> rects(events_.size());
    std::array<double, 6> laneLabelEnd{};
    laneLabelEnd.fill(-1.0e300);
    for (int i = 0; i < events_.size(); ++i) {
        rects[i] = eventRect(i);
        const QRectF &r = rects[i];
        if (r.isEmpty()) continue;
        const QColor colour = laneColour(events_[i].lane);
        painter.setPen(colour.darker(130));
        painter.setBrush(colour);
        if (r.width() > r.height() + 0.5)
            painter.drawRoundedRect(r, 3, 3);
        else
            painter.drawEllipse(r);
    }
    const QFontMetricsF metrics(painter.font());
    painter.setPen(palette().color(QPalette::Text));
    // Visible markers per lane, left to right (events are sorted by start): linear per paint.
    std::array<QList<int>, 6> visible;
    for (int i = 0; i < events_.size(); ++i) {
        const auto lane = static_cast<std::size_t>(events_[i].lane);
        if (!rects[i].isEmpty() && lane < visible.size()) visible[lane] << i;
    }
    for (std::size_t lane = 0; lane < visible.size(); ++lane) {
        for (qsizetype k = 0; k < visible[lane].size(); ++k) {
            const int i = visible[lane][k];
            const QRectF &r = rects[i];
            if (events_[i].label.isEmpty()) continue;
            const double left = r.right() + 4.0;
            if (left < laneLabelEnd[lane]) continue;
            const double right =
                k + 1 < visible[lane].size() ? rects[visible[lane][k + 1]].left() - 4.0 : plotRect().right();
            const double width = metrics.horizontalAdvance(events_[i].label);
            if (right - left < std::min(width, 40.0)) continue;
            const QString text = metrics.elidedText(events_[i].label, Qt::ElideRight, right - left);
            painter.drawText(QRectF(left, r.center().y() - metrics.height() / 2, right - left, metrics.height()),
                             Qt::AlignLeft | Qt::AlignVCenter, text);
            laneLabelEnd[lane] = left + metrics.horizontalAdvance(text) + 6.0;
        }
    }
}

void TimelineView::wheelEvent(QWheelEvent *event) {
    const double notches = event->angleDelta().y() / 120.0;
    if (notches != 0.0) zoom(std::pow(1.25, notches), event->position().x());
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent *event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    pressPosition_ = lastDragPosition_ = event->position();
    dragging_ = true;
}

void TimelineView::mouseMoveEvent(QMouseEvent *event) {
    if (dragging_ && (event->buttons() & Qt::LeftButton)) {
        panPixels(event->position().x() - lastDragPosition_.x());
        lastDragPosition_ = event->position();
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event) {
    if (event->button() != Qt::LeftButton || !dragging_) return QWidget::mouseReleaseEvent(event);
    dragging_ = false;
    if ((event->position() - pressPosition_).manhattanLength() > kClickSlopPx) return;  // it was a pan
    const int index = eventAt(event->position().toPoint());
    if (index < 0) return;
    emit eventActivated(index);
    const ehr::TimelineEvent &clicked = events_[index];
    if (clicked.lane == Lane::Imaging && !clicked.studyInstanceUid.isEmpty())
        emit imagingStudyActivated(clicked.studyInstanceUid);
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *) {
    fitAll();
}

void TimelineView::keyPressEvent(QKeyEvent *event) {
    const double centre = plotRect().center().x();
    switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoom(1.5, centre);
            break;
        case Qt::Key_Minus:
            zoom(1.0 / 1.5, centre);
            break;
        case Qt::Key_Left:
            panPixels(plotRect().width() / 5.0);
            break;
        case Qt::Key_Right:
            panPixels(-plotRect().width() / 5.0);
            break;
        case Qt::Key_Home:
            fitAll();
            break;
        default:
            QWidget::keyPressEvent(event);
            return;
    }
    event->accept();
}

bool TimelineView::event(QEvent *event) {
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = eventAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
        } else {
            const ehr::TimelineEvent &e = events_[index];
            QString text =
                QStringLiteral("<b>%1</b><br>%2").arg(e.label.toHtmlEscaped(), e.start.date().toString(Qt::ISODate));
            if (e.end.isValid()) text += QStringLiteral(" – %1").arg(e.end.date().toString(Qt::ISODate));
            if (!e.detail.isEmpty()) text += QStringLiteral("<br>%1").arg(e.detail.toHtmlEscaped());
            text += QStringLiteral("<br><i>%1</i>").arg(e.provenance.describe().toHtmlEscaped());
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(event);
}

}  // namespace twin::ui
