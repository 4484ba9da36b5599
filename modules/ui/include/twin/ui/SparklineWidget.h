#pragma once
// A word-sized line chart of a lab's history (Tufte's sparkline): the trend at a glance in a
// table row, the latest point marked, the reference range shaded when known.

#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QWidget>

#include <optional>
#include <utility>

namespace twin::ui {

class SparklineWidget : public QWidget {
    Q_OBJECT
public:
    struct Point {
        QDateTime time;
        double value = 0.0;
    };

    explicit SparklineWidget(QWidget *parent = nullptr);
    void setPoints(QList<Point> points);
    void setReferenceRange(std::optional<double> low, std::optional<double> high);
    const QList<Point> &points() const { return points_; }
    /// Widget coordinates of each point as last painted (tests check the geometry).
    QList<QPointF> mappedPoints() const;
    QSize sizeHint() const override { return {90, 22}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::pair<double, double> valueRange() const;  // of points and reference range
    double mapY(double value) const;

    QList<Point> points_;
    std::optional<double> low_;
    std::optional<double> high_;
};

}  // namespace twin::ui
