#pragma once
// The tumour's volume over time as a small line chart: one point per study (days from the
// baseline on x, mL on y, from zero so a shrinking tumour looks like one), each labelled with
// its RECIST category, points from a poorly registered study drawn hollow.

#include "twin/imaging/TumourCourse.h"

#include <QList>
#include <QPointF>
#include <QWidget>

namespace twin::ui {

class TumourCourseChart : public QWidget {
    Q_OBJECT
public:
    explicit TumourCourseChart(QWidget *parent = nullptr);
    void setCourse(const imaging::TumourCourse &course);
    /// Widget coordinates of each time point as last painted (tests check the geometry).
    const QList<QPointF> &mappedPoints() const { return mapped_; }
    QSize sizeHint() const override { return {320, 170}; }
    QSize minimumSizeHint() const override { return {200, 120}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    imaging::TumourCourse course_;
    QList<QPointF> mapped_;
};

}  // namespace twin::ui
