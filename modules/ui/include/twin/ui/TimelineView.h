#pragma once
// The patient's history in swimlanes (conditions, medications, procedures, labs, imaging,
// encounters) on one time axis. Wheel zooms around the cursor, drag pans, double-click or
// Home fits everything, +/- and ←/→ from the keyboard. Hover shows the event and its source;
// clicking an imaging event asks to open its study.

#include "twin/ehr/TimelineEvent.h"

#include <QList>
#include <QWidget>

namespace twin::ui {

class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setEvents(QList<ehr::TimelineEvent> events);
    const QList<ehr::TimelineEvent> &events() const { return events_; }
    /// Visible time range, milliseconds since the epoch.
    double visibleStart() const { return start_; }
    double visibleEnd() const { return end_; }
    void setVisibleRange(double startMs, double endMs);
    void fitAll();
    /// Zooms by `factor` (> 1 zooms in) keeping the time under `anchorX` fixed.
    void zoom(double factor, double anchorX);
    void panPixels(double dx);
    /// Index of the event drawn under `position`, -1 when none.
    int eventAt(const QPoint &position) const;
    /// Where event `index` is drawn (empty when off screen).
    QRectF eventRect(int index) const;
    static int laneCount() { return 6; }

signals:
    void eventActivated(int index);
    void imagingStudyActivated(const QString &studyInstanceUid);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    double timeToX(double ms) const;
    double xToTime(double x) const;
    QRectF laneRect(int lane) const;
    QRectF plotRect() const;
    void paintAxis(QPainter &painter) const;

    QList<ehr::TimelineEvent> events_;
    double start_ = 0.0;
    double end_ = 1.0;
    QPointF pressPosition_;
    QPointF lastDragPosition_;
    bool dragging_ = false;
};

}  // namespace twin::ui
