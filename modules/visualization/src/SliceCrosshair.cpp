#include "twin/visualization/SliceCrosshair.h"

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>

namespace twin::visualization {

SliceCrosshair::SliceCrosshair() {
    points_->SetNumberOfPoints(4);
    for (vtkIdType i = 0; i < 4; ++i) points_->SetPoint(i, 0.0, 0.0, 0.0);
    vtkNew<vtkCellArray> cells;
    const vtkIdType first[2] = {0, 1};
    const vtkIdType second[2] = {2, 3};
    cells->InsertNextCell(2, first);
    cells->InsertNextCell(2, second);
    lines_->SetPoints(points_);
    lines_->SetLines(cells);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(lines_);
    actor_->SetMapper(mapper);
    actor_->GetProperty()->SetColor(0.3, 0.85, 1.0);
    actor_->GetProperty()->SetOpacity(0.7);
    actor_->GetProperty()->SetLineWidth(1.0);
    actor_->GetProperty()->LightingOff();
    actor_->PickableOff();
    actor_->VisibilityOff();  // until there is a cursor
}

SliceCrosshair::~SliceCrosshair() = default;

void SliceCrosshair::place(const std::array<double, 3> &point, SliceOrientation orientation, const double bounds[6],
                           double towardsCamera) {
    const int normal = normalAxis(orientation);
    const SliceCameraFrame frame = cameraFrameFor(orientation);
    int inPlane[2];
    int n = 0;
    for (int axis = 0; axis < 3; ++axis) {
        if (axis != normal) inPlane[n++] = axis;
    }
    double depth = point[normal] - frame.viewDirection[normal] * towardsCamera;
    int index = 0;
    for (int line = 0; line < 2; ++line) {
        const int along = inPlane[line];  // the axis this line runs along
        for (int end = 0; end < 2; ++end) {
            double p[3] = {point[0], point[1], point[2]};
            p[along] = bounds[2 * along + end];
            p[normal] = depth;
            points_->SetPoint(index++, p);
        }
    }
    points_->Modified();
    lines_->Modified();
    actor_->VisibilityOn();
}

std::array<std::array<double, 3>, 4> SliceCrosshair::endPoints() const {
    std::array<std::array<double, 3>, 4> result{};
    for (vtkIdType i = 0; i < 4; ++i) points_->GetPoint(i, result[static_cast<std::size_t>(i)].data());
    return result;
}

vtkActor *SliceCrosshair::actor() const { return actor_; }

}  // namespace twin::visualization
