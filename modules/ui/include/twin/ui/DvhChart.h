#pragma once
// Cumulative dose-volume histograms, one line per structure in its colour, drawn with VTK's
// Charts module (permissive licence; Qt Charts is GPL) in a VtkOpenGLView. Axes: dose (Gy)
// and volume (%).

#include "twin/imaging/DoseVolumeHistogram.h"

#include <QString>

#include <array>
#include <vector>

class vtkChartXY;

namespace twin::ui {

class VtkOpenGLView;

struct DvhCurve {
    QString name;
    std::array<int, 3> rgb{255, 255, 255};
    std::vector<imaging::DvhCurvePoint> points;
};

class DvhChart {
public:
    explicit DvhChart(VtkOpenGLView *view);
    ~DvhChart();
    DvhChart(const DvhChart &) = delete;
    DvhChart &operator=(const DvhChart &) = delete;

    void setCurves(const std::vector<DvhCurve> &curves);
    int plotCount() const;

private:
    VtkOpenGLView *view_;
    vtkChartXY *chart_ = nullptr;  // owned by the context actor in the view's renderer
};

}  // namespace twin::ui
