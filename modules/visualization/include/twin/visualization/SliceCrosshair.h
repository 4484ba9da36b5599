#pragma once
// The linked cursor as a slice view draws it: two thin lines through a 3D point (LPS mm),
// lying in the slice plane and spanning the volume's in-plane extent. Drawn a little in
// front of the slice (towards the camera) so the image never hides it.

#include "twin/visualization/SliceOrientation.h"

#include <vtkNew.h>

#include <array>

class vtkActor;
class vtkPoints;
class vtkPolyData;

namespace twin::visualization {

class SliceCrosshair {
public:
    SliceCrosshair();
    ~SliceCrosshair();
    SliceCrosshair(const SliceCrosshair &) = delete;
    SliceCrosshair &operator=(const SliceCrosshair &) = delete;

    /// Places the lines through `point` in the plane normal to `orientation`'s axis, across
    /// `bounds` (xmin, xmax, ymin, ymax, zmin, zmax), moved `towardsCamera` mm towards the viewer.
    void place(const std::array<double, 3> &point, SliceOrientation orientation, const double bounds[6],
               double towardsCamera = 1.0);
    /// The two line segments' end points: [0],[1] the horizontal line, [2],[3] the vertical one.
    std::array<std::array<double, 3>, 4> endPoints() const;
    vtkActor *actor() const;

private:
    vtkNew<vtkPoints> points_;
    vtkNew<vtkPolyData> lines_;
    vtkNew<vtkActor> actor_;
};

}  // namespace twin::visualization
